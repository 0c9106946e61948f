// `make test`'s pass over the bad-input corpus (cases.mjs): every case under each of its profiles
// through the native CLI and the WebAssembly CLI, each followed in the same process by a snippet
// that must still run (run.mjs says how). A missing CLI fails, naming the make target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES } from './cases.mjs';
import { implementations, profilesOf, runCase } from './run.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pymemlab-robustness-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

for (const impl of implementations('both')) {
  test(`the ${impl.name} CLI ends every bad input in CPython's error and runs the next snippet`, { timeout: 1_800_000 }, async (t) => {
    const cli = impl.cmd.at(-1);
    assert.doesNotThrow(() => accessSync(cli), `${cli} is missing: run \`make ${impl.name === 'native' ? 'cli' : 'wasm'}\``);
    for (const c of CASES) {
      for (const profile of profilesOf(c)) {
        await t.test(`${c.name} (${profile}): ${c.what}`, async () => {
          const r = await runCase(impl, c, profile, dir);
          assert.ok(r.ok, r.problem);
        });
      }
    }
  });
}
