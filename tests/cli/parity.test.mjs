// The WebAssembly CLI (build/wasm/pymemlab-cli.js under Node) must print exactly what the native
// CLI (build/native/pymemlab) prints, addresses included, for every script and profile: the
// modelled address space does not depend on the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nativeCli = process.env.PYMEMLAB_NATIVE_CLI ?? path.join(root, 'build/native/pymemlab');
const wasmCli = process.env.PYMEMLAB_WASM_CLI ?? path.join(root, 'build/wasm/pymemlab-cli.js');

const scripts = [
  ...readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.txt')).map((f) => path.join(root, 'examples', f)),
  ...readdirSync(path.join(root, 'tests/cli')).filter((f) => f.endsWith('.txt')).map((f) => path.join(root, 'tests/cli', f)),
];

function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

test('both CLIs are built', () => {
  assert.ok(existsSync(nativeCli), `native CLI missing at ${nativeCli} (make cli)`);
  assert.ok(existsSync(wasmCli), `WebAssembly CLI missing at ${wasmCli} (make wasm)`);
});

test('the profiles listing is the same', () => {
  assert.deepEqual(run('node', [wasmCli, 'profiles']), run(nativeCli, ['profiles']));
});

const profiles = run(nativeCli, ['profiles'])
  .stdout.split('\n')
  .slice(1)
  .map((line) => line.split(/\s+/)[0])
  .filter(Boolean);

test('there are profiles to compare', () => {
  assert.ok(profiles.length >= 8, `profiles: ${profiles.join(', ')}`);
});

for (const script of scripts) {
  for (const profile of profiles) {
    test(`${path.relative(root, script)} under ${profile} prints the same natively and in WebAssembly`, () => {
      const args = ['malloc', '--profile', profile, '--stats', script];
      const native = run(nativeCli, args);
      const wasm = run('node', [wasmCli, ...args]);
      assert.ok(native.stdout.length > 0, 'the native CLI printed nothing');
      assert.deepEqual(wasm, native);
    });
  }
}

test('usage errors exit 2 in both', () => {
  for (const args of [['malloc', '--profile', '9.9', 'x'], ['frobnicate'], []]) {
    const native = run(nativeCli, args);
    assert.equal(native.status, 2);
    assert.deepEqual(run('node', [wasmCli, ...args]), native);
  }
});
