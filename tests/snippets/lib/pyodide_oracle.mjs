// Runs an oracle harness under Pyodide in Node, for profiles with no pyenv build (3.14):
//   node pyodide_oracle.mjs PYODIDE_DIR HARNESS SNIPPET
// Prints the snippet's stdout and stderr as CPython would and exits with its status.
// Pyodide is a 32-bit build: run.mjs skips `# oracle: 64-bit` snippets under it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, harness, snippet] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(dir, 'pyodide.mjs')).href);
const py = await loadPyodide({ indexURL: dir + path.sep });
const sink = (stream) => ({
  write(bytes) {
    stream.write(Buffer.from(bytes));
    return bytes.length;
  },
});
py.setStdout(sink(process.stdout));
py.setStderr(sink(process.stderr));
py.FS.mkdirTree('/oracle');
py.FS.writeFile('/oracle/harness.py', readFileSync(harness));
py.FS.writeFile('/oracle/snippet.py', readFileSync(snippet));
const status = py.runPython(`
import sys
sys.argv = ['/oracle/harness.py', '/oracle/snippet.py']
status = 0
try:
    exec(compile(open('/oracle/harness.py').read(), '/oracle/harness.py', 'exec'), {'__name__': '__main__'})
except SystemExit as e:
    status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
sys.stdout.flush()
sys.stderr.flush()
status
`);
process.exitCode = status;
