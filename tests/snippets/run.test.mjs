// Tests of the snippet runner (run.mjs), then the real run. The runner's own paths — pass,
// fail, strict xfail, --update-xfail, timeout, native/wasm parity, no-oracle — are exercised
// with CPython standing in for the lab (cpython_as_impl.py), on a small snippet tree made here
// and on the real snippets. The last test runs the real suite with `--impl both` against the
// built CLIs and asserts it passes (`make test-snippets` runs that step directly and sets
// PYMEMLAB_SNIPPETS_SKIP_FULL=1 here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyenvRoot, PYENV_VERSIONS } from './lib/oracle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(here, 'run.mjs');
const shim = path.join(here, 'cpython_as_impl.py');
const python = (profile) => path.join(pyenvRoot(), 'versions', PYENV_VERSIONS[profile], 'bin', 'python');
const cpythonImpl = (profile) => `${python(profile)} ${shim}`;

function run(args, env = {}) {
  const r = spawnSync(process.execPath, [runner, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

// A small snippet tree with one snippet per behaviour the runner must tell apart.
const tree = mkdtempSync(path.join(tmpdir(), 'snippet-runner-'));
const files = {
  'demo/same.py': '# Prints the same under every version.\n# profiles: 3.11, 3.12, 3.14\nprint(1 + 1)\n',
  'demo/version.py': '# Prints the version: differs between versions.\n# profiles: 3.11, 3.12, 3.14\nimport sys\nprint(sys.version_info[:2])\n',
  'demo/expected.py':
    '# Inline expectations.\n# profiles: 3.11, 3.12\nprint("a")  # expect: a\nx = 1\nprint(x + 1)  # expect: 2\n' +
    '{}["k"]  # expect error: KeyError: \'k\'\n',
  'demo/stderr.py':
    '# Same stdout, but stderr names the version.\n# profiles: 3.12\nimport sys\nsys.stderr.write(str(sys.version_info[:2]) + "\\n")\nprint("ok")\n',
  'slow/sleep.py': '# Hangs for longer than the timeout.\n# profiles: 3.12\nimport time\ntime.sleep(5)\nprint("done")  # expect: done\n',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.join(tree, path.dirname(name)), { recursive: true });
  writeFileSync(path.join(tree, name), text);
}
const xfail = (text) => {
  const file = path.join(tree, `xfail-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  return file;
};
const base = ['--snippets', tree, '--area', 'demo'];

test.after(() => rmSync(tree, { recursive: true, force: true }));

test('the pyenv CPythons that stand in for the lab are installed', () => {
  for (const p of ['3.11', '3.12']) assert.ok(existsSync(python(p)), `missing ${python(p)}`);
});

test('a CPython implementation passes its own version and the summary says so', () => {
  const r = run([...base, '--impl-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--xfail', xfail('')]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /^3\.12\s+3\.12\.1\s+4\s+4\s+0\s+0\s+0\s+0$/m);
  assert.match(r.out, /snippets: 4 passed, 0 failed/);
});

test('a differing line fails the run and is reported with both sides', () => {
  const r = run([...base, '--impl-cmd', cpythonImpl('3.12'), '--profile', '3.11', '--xfail', xfail('')]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /FAIL demo\/version\.py \[3\.11\]: stdout line 1: expected "\(3, 11\)", got "\(3, 12\)"/);
  assert.doesNotMatch(r.out, /FAIL demo\/same\.py/);
  assert.match(r.out, /snippets: 2 passed, 1 failed/);
});

test('a failure listed in xfail.txt is expected and does not fail the run', () => {
  const list = xfail('demo/version.py 3.11 — the shim is 3.12\n');
  const r = run([...base, '--impl-cmd', cpythonImpl('3.12'), '--profile', '3.11', '--xfail', list]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /^3\.11\s+3\.11\.7\s+3\s+2\s+0\s+1\s+0\s+0$/m);
});

test('an xfail entry that passes is an error', () => {
  const list = xfail('demo/same.py — wrongly listed\n');
  const r = run([...base, '--impl-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--xfail', list]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /XPASS demo\/same\.py \[3\.12\]: unexpectedly passing: remove it from xfail\.txt/);
});

test('--update-xfail records failures (a new one with what failed), keeps reasons and entries it did not run, drops passes', () => {
  const list = xfail('demo/same.py — stale\ndemo/expected.py 3.11 — old reason\nslow/sleep.py — not selected\n');
  const impl = path.join(tree, 'fails.sh');
  writeFileSync(impl, '#!/bin/sh\necho "not an interpreter" >&2\nexit 2\n', { mode: 0o755 });
  const r = run([...base, '--impl-cmd', impl, '--profile', '3.11', '--xfail', list, '--update-xfail']);
  assert.equal(r.status, 0, r.out);
  const entries = () => readFileSync(list, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  // same.py failed under 3.11 and was not run under 3.12 and 3.14: one line for all three.
  assert.deepEqual(entries(), [
    'demo/expected.py 3.11 — old reason',
    'demo/same.py — stale',
    'demo/version.py 3.11 — exit status 2, expected 0: not an interpreter',
    'slow/sleep.py — not selected',
  ]);
  const r2 = run([...base, '--impl-cmd', cpythonImpl('3.11'), '--profile', '3.11', '--xfail', list, '--update-xfail']);
  assert.equal(r2.status, 0, r2.out);
  assert.deepEqual(entries(), ['demo/same.py 3.12 — stale', 'demo/same.py 3.14 — stale', 'slow/sleep.py — not selected']);
});

test('a run that hangs is killed at the timeout and fails', () => {
  const r = run(['--snippets', tree, '--area', 'slow', '--impl-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--timeout', '1', '--xfail', xfail('')]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /FAIL slow\/sleep\.py \[3\.12\]: timed out after 1 s/);
});

test('with both implementations, any byte of difference between them fails', () => {
  const r = run([...base, '--impl', 'both', '--native-cmd', cpythonImpl('3.12'), '--wasm-cmd', cpythonImpl('3.11'), '--profile', '3.12', 'stderr', '--xfail', xfail('')]);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /FAIL demo\/stderr\.py \[3\.12\]: native\/wasm differ: stderr line 1: native "\(3, 12\)", wasm "\(3, 11\)"/);
});

test('WebAssembly runs go through one `batch` process per group of runs', () => {
  const mark = path.join(tree, 'batch-ran');
  const r = run([...base, '--impl', 'both', '--native-cmd', cpythonImpl('3.12'), '--wasm-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--xfail', xfail('')], { SHIM_BATCH_MARK: mark });
  assert.equal(r.status, 0, r.out);
  assert.ok(existsSync(mark), 'the batch command was not used');
  assert.match(r.out, /snippets: 4 passed, 0 failed/);
});

test('runs whose batch process dies are run one by one instead', () => {
  const r = run([...base, '--impl', 'both', '--native-cmd', cpythonImpl('3.12'), '--wasm-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--xfail', xfail('')], { SHIM_BATCH_FAIL: '1' });
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /snippets: 4 passed, 0 failed/);
});

test('a profile without an oracle is reported, and compared only for parity', () => {
  const env = { PYMEMLAB_PYODIDE_DIR: path.join(tree, 'no-pyodide') };
  const args = [...base, '--native-cmd', cpythonImpl('3.12'), '--wasm-cmd', cpythonImpl('3.12'), '--profile', '3.14', '--xfail', xfail('')];
  const both = run([...args, '--impl', 'both'], env);
  assert.equal(both.status, 0, both.out);
  assert.match(both.out, /3\.14: no oracle, 2 differential snippets compared only for native\/wasm parity/);
  const single = run([...args, '--impl', 'native'], env);
  assert.equal(single.status, 0, single.out);
  assert.match(single.out, /3\.14: no oracle, 2 differential snippets not compared/);
});

test('every real snippet passes with CPython 3.12 standing in for the lab under profile 3.12', () => {
  const r = run(['--impl-cmd', cpythonImpl('3.12'), '--profile', '3.12', '--xfail', xfail('')]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /snippets: \d{3} passed, 0 failed, 0 skipped/);
});

test('the lab passes the snippet suite natively and in WebAssembly (run.mjs --impl both)', { skip: process.env.PYMEMLAB_SNIPPETS_SKIP_FULL === '1' }, () => {
  const r = run(['--impl', 'both']);
  assert.equal(r.status, 0, r.out);
});
