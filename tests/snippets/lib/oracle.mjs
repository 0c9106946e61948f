// The oracle: what real CPython prints for a snippet under a profile. pyenv builds run the
// harnesses cpython_script.py / cpython_repl.py; 3.14, which has no pyenv build, runs under
// Pyodide 314.x from web/node_modules when it is installed there (32-bit, so `# oracle: 64-bit`
// snippets are not compared under it). Results are cached by content under build/snippet-oracle/.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { runProcess } from './pool.mjs';

// The pyenv build that is each profile's oracle (CPYTHON_FACTS.md lists what each machine has).
export const PYENV_VERSIONS = {
  '2.7': '2.7.18',
  '3.6': '3.6.15',
  '3.8': '3.8.18',
  '3.10': '3.10.13',
  '3.11': '3.11.7',
  '3.12': '3.12.1',
  '3.13': '3.13.0',
};
const PYODIDE_MAJOR = { '3.14': '314.' };

export function pyenvRoot() {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return path.join(homedir(), '.pyenv');
  }
}

// The oracle of a profile: { profile, kind, version, bits, command, argsFor(harness, file) } or null.
export function findOracle(profile, root) {
  const pyenv = PYENV_VERSIONS[profile];
  if (pyenv) {
    const python = path.join(pyenvRoot(), 'versions', pyenv, 'bin', 'python');
    if (!existsSync(python)) return null;
    return {
      profile,
      kind: 'cpython',
      version: pyenv,
      bits: 64,
      nativeStack: true,
      command: python,
      argsFor: (h, f) => [h, f],
    };
  }
  const major = PYODIDE_MAJOR[profile];
  if (!major) return null;
  const dir = process.env.PYMEMLAB_PYODIDE_DIR ?? path.join(root, 'web/node_modules/pyodide');
  const pkg = path.join(dir, 'package.json');
  if (!existsSync(pkg)) return null;
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version ?? '';
  if (!version.startsWith(major)) return null;
  const driver = path.join(path.dirname(new URL(import.meta.url).pathname), 'pyodide_oracle.mjs');
  return {
    profile,
    kind: 'pyodide',
    version: `pyodide-${version}`,
    bits: 32,
    // A WebAssembly C stack: deep C recursion that CPython stops with RecursionError aborts it.
    nativeStack: false,
    command: process.execPath,
    argsFor: (h, f) => [driver, dir, h, f],
  };
}

export function harnessFor(snippetsDir, mode) {
  return path.join(snippetsDir, mode === 'repl' ? 'cpython_repl.py' : 'cpython_script.py');
}

const harnessText = new Map();
function readHarness(file) {
  if (!harnessText.has(file)) harnessText.set(file, readFileSync(file, 'utf8'));
  return harnessText.get(file);
}

// Snippets that import a third-party module the pyenv builds lack (objgraph): their oracle runs
// with PYMEMLAB_ORACLE_PYTHONPATH (a directory holding objgraph.py) on PYTHONPATH.
export function needsObjgraph(snippet) {
  return /^\s*(import|from)\s+objgraph\b/m.test(snippet.source);
}

function oracleEnv(snippet, extra) {
  const env = { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', ...extra };
  // `# compare: traceback`: the harness shows the source lines (see cpython_script.py).
  if (snippet.compareStderr) env.PYMEMLAB_SOURCE_LINES = '1';
  const dir = process.env.PYMEMLAB_ORACLE_PYTHONPATH;
  if (dir && needsObjgraph(snippet)) env.PYTHONPATH = env.PYTHONPATH ? `${dir}${path.delimiter}${env.PYTHONPATH}` : dir;
  return env;
}

// The oracle could not import objgraph: the snippet is not verified (not failed, not passed).
export function objgraphMissing(snippet, r) {
  return needsObjgraph(snippet) && /(ModuleNotFoundError|ImportError): No module named '?objgraph'?/.test(r.stderr ?? '');
}

// Runs the snippet under the oracle; `{ cache: dir }` reuses and stores results by the sha1 of
// harness + mode + snippet. `env` extras (PYTHONHASHSEED for the determinism check) skip the cache.
export async function runOracle(oracle, snippet, { snippetsDir, cacheDir, timeoutMs, env } = {}) {
  const harness = harnessFor(snippetsDir, snippet.mode);
  const key = createHash('sha1')
    .update(readHarness(harness))
    .update('\0')
    .update(snippet.mode)
    .update('\0')
    .update(snippet.source)
    .update(needsObjgraph(snippet) ? `\0${process.env.PYMEMLAB_ORACLE_PYTHONPATH ?? ''}` : '')
    .update(snippet.compareStderr ? '\0source lines' : '')
    .digest('hex');
  const file = cacheDir && !env ? path.join(cacheDir, oracle.version, `${key}.json`) : null;
  if (file && existsSync(file)) {
    try {
      return { ...JSON.parse(readFileSync(file, 'utf8')), cached: true };
    } catch {
      // a torn cache file is rerun and rewritten
    }
  }
  const r = await runProcess(oracle.command, oracle.argsFor(harness, snippet.path), {
    timeoutMs,
    env: oracleEnv(snippet, env),
  });
  const result = { stdout: r.stdout, stderr: r.stderr, status: r.status, timedOut: r.timedOut, overflow: r.overflow };
  if (file && !r.timedOut && !r.overflow && !objgraphMissing(snippet, r)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...result, snippet: snippet.id, version: oracle.version }, null, 1));
  }
  return { ...result, cached: false };
}

// Runs a script-mode snippet as `python FILE`, for the check that the harness changes nothing
// (its tracebacks name the file "<snippet>", as the harness's do).
export async function runDirect(oracle, snippet, { timeoutMs } = {}) {
  const r = await runProcess(oracle.command, [snippet.path], {
    timeoutMs,
    env: oracleEnv(snippet),
  });
  return { ...r, stderr: r.stderr.replaceAll(`File "${snippet.path}"`, 'File "<snippet>"') };
}
