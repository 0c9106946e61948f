// Writes the seed corpus of the fuzz targets: every snippet test (tests/snippets/**/*.py) and
// lesson (examples/*.py), each behind the first byte fuzz_input.h reads. The profile cycles over
// all eight (2.7 for py27/ and `# profiles: 2.7` snippets), `# mode: repl` snippets run in REPL
// mode, and every second seed records the trace. Usage: node tests/fuzz/seeds.mjs OUT_DIR
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/fuzz/seeds.mjs OUT_DIR');
  process.exit(2);
}
const kProfiles = 8;       // all_profiles().size(); 2.7 is index 0
const kReplBit = 1 << 3;   // flags bit 0: REPL mode (fuzz_compile, fuzz_run)
const kRecordBit = 1 << 4; // flags bit 1: record the trace (fuzz_run)

function pythonFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pythonFiles(path);
    return name.endsWith('.py') ? [path] : [];
  });
}

const files = [...pythonFiles(join(root, 'tests/snippets')), ...pythonFiles(join(root, 'examples'))]
  .filter((path) => !/cpython_\w+\.py$/.test(path));  // the runner's own CPython harness
mkdirSync(out, { recursive: true });
files.forEach((path, i) => {
  const source = readFileSync(path);
  const text = source.toString('latin1');
  const py27 = path.includes('/py27/') || /^# profiles: 2\.7\s*$/m.test(text);
  let first = py27 ? 0 : i % kProfiles;
  if (/^# mode: repl/m.test(text)) first |= kReplBit;
  if (i % 2 === 0) first |= kRecordBit;
  const name = relative(root, path).replace(/[/\\]/g, '_');
  writeFileSync(join(out, name), Buffer.concat([Buffer.from([first]), source]));
});
console.log(`${files.length} seeds in ${out}`);
