// The shared objects' counts at a script's start are CPython's (profile/startup_refs.h): the
// probe of tests/cpython/startup_refs.py under each pyenv CPython 2.7-3.11 against the native
// CLI. Without the pyenv builds the tool exits 2 and this test fails, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nativeCli = process.env.PYMEMLAB_NATIVE_CLI ?? path.join(root, 'build/native/pymemlab');

test("sys.getrefcount of None, True, (), '', every small int and every one-character str is CPython's at a script's start (2.7-3.11)", () => {
  const r = spawnSync('python3', [path.join(root, 'tests/cpython/startup_refs.py'), '--lab', nativeCli], { encoding: 'utf8' });
  const out = (r.stdout ?? '') + (r.stderr ?? '') + String(r.error ?? '');
  assert.equal(r.status, 0, out);
  assert.match(out, /5 profiles, 525 objects each, 0 differences/);
});
