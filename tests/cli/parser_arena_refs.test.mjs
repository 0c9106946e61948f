// While a script runs, the parser's arena holds a reference to a name's str for each time the
// AST holds the name (interp/parser_identifiers.h): tests/cpython/parser_arena_refs.py's probes
// under each pyenv CPython 2.7-3.11 against the native CLI. Without the pyenv builds the tool
// exits 2 and this test fails, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nativeCli = process.env.PYMEMLAB_NATIVE_CLI ?? path.join(root, 'build/native/pymemlab');

test("a name's count while a script runs includes the parser's references: CPython's up to 3.8, one per mention in 3.10 and 3.11", () => {
  const r = spawnSync('python3', [path.join(root, 'tests/cpython/parser_arena_refs.py'), '--lab', nativeCli], { encoding: 'utf8' });
  const out = (r.stdout ?? '') + (r.stderr ?? '') + String(r.error ?? '');
  assert.equal(r.status, 0, out);
  assert.match(out, /17 probes, \d+ counts compared, 0 differences/);
});
