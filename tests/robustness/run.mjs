// Runs the bad-input corpus (cases.mjs) through the lab's CLIs, or through CPython to prove the
// expectations are CPython's.
//
//   node tests/robustness/run.mjs [--impl native|wasm|both] [--cpython] [--markdown] [NAME ...]
//
// Each case runs in `pymemlab batch`, followed in the same process by a one-line snippet that
// must still print "next" — so a case that crashes, corrupts or wedges the process fails even when
// its own result looks right. A run has 300 s (a hang fails). --cpython runs each case's source
// under the pyenv CPython of each of its profiles instead (cases marked `lab: 'budget'`, where
// CPython runs on for minutes or forever, are skipped and said so). --markdown prints the table
// ROBUSTNESS.md shows. Exit 1 when anything fails. run.test.mjs runs this in `make test`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = 300_000;
const DEFAULT_PROFILES = ['3.13'];
const PYENV_VERSIONS = { '2.7': '2.7.18', '3.6': '3.6.15', '3.8': '3.8.18', '3.10': '3.10.13', '3.11': '3.11.7', '3.12': '3.12.1', '3.13': '3.13.0' };

export function implementations(which = 'both') {
  const native = { name: 'native', cmd: [process.env.PYMEMLAB_NATIVE_CLI ?? path.join(ROOT, 'build/native/pymemlab')] };
  const wasm = { name: 'wasm', cmd: [process.execPath, process.env.PYMEMLAB_WASM_CLI ?? path.join(ROOT, 'build/wasm/pymemlab-cli.js')] };
  return which === 'native' ? [native] : which === 'wasm' ? [wasm] : [native, wasm];
}

function sourceOf(c) {
  const s = typeof c.source === 'function' ? c.source() : c.source;
  return Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8');
}

function lastLine(text) {
  const l = text.split('\n').filter((x) => x !== '');
  return l.at(-1) ?? '';
}

// What is wrong with a result, or null. `result`: { status, stdout, stderr }.
export function judge(c, result) {
  const e = c.expect;
  if (result.status !== e.status) return `exit status ${result.status}, expected ${e.status}; stderr ends ${JSON.stringify(lastLine(result.stderr))}`;
  if (e.last && !e.last.test(lastLine(result.stderr))) return `stderr ends ${JSON.stringify(lastLine(result.stderr))}, expected ${e.last}`;
  if (e.stdout !== undefined && result.stdout !== e.stdout) return `stdout ${JSON.stringify(result.stdout.slice(0, 200))}, expected ${JSON.stringify(e.stdout)}`;
  if (e.stderr && !e.stderr.test(result.stderr)) return `stderr ${JSON.stringify(result.stderr.slice(0, 300))} does not match ${e.stderr}`;
  return null;
}

function run(cmd, args, input) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const CAP = 1 << 20; // bytes kept of each stream: a case that prints gigabytes fails on its text
    const kept = [0, 0];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    const keep = (into, i) => (d) => {
      if (kept[i] < CAP) into.push(d.subarray(0, CAP - kept[i]));
      kept[i] += d.length;
    };
    child.stdout.on('data', keep(out, 0));
    child.stderr.on('data', keep(err, 1));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: (performance.now() - started) / 1000 });
    });
    child.stdin.end(input);
  });
}

// Runs one case under one profile through one implementation: { ok, problem, seconds }.
export async function runCase(impl, c, profile, dir) {
  const file = path.join(dir, `${c.name}-${profile}.py`);
  const next = path.join(dir, `next-${profile}.py`);
  writeFileSync(file, sourceOf(c));
  writeFileSync(next, profile === '2.7' ? 'print "next"\n' : 'print("next")\n');
  const r = await run(impl.cmd[0], [...impl.cmd.slice(1), 'batch'], `${profile}\tscript\t${file}\n${profile}\tscript\t${next}\n`);
  const fail = (problem) => ({ ok: false, problem, seconds: r.seconds });
  if (r.timedOut) return fail(`no answer within ${TIMEOUT_MS / 1000} s`);
  if (r.code !== 0) return fail(`the batch process ended with ${r.signal ?? `status ${r.code}`}: ${lastLine(r.stderr)}`);
  const results = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (results.length !== 2) return fail(`${results.length} results for 2 runs`);
  const problem = judge(c, results[0]);
  if (problem) return fail(problem);
  if (results[1].stdout !== 'next\n') return fail(`the next run printed ${JSON.stringify(results[1].stdout)}`);
  return { ok: true, problem: null, seconds: r.seconds };
}

function pythonFor(profile) {
  const root = process.env.PYENV_ROOT ?? (spawnSync('pyenv', ['root'], { encoding: 'utf8' }).stdout?.trim() || path.join(os.homedir(), '.pyenv'));
  return path.join(root, 'versions', PYENV_VERSIONS[profile] ?? 'none', 'bin', 'python');
}

export async function runCpython(c, profile, dir) {
  if (c.lab === 'budget') return { ok: true, skipped: 'the lab stops at its budget where CPython runs on' };
  const file = path.join(dir, `${c.name}-${profile}.py`);
  writeFileSync(file, sourceOf(c));
  const r = await run(pythonFor(profile), [file], '');
  if (r.code === null && r.signal === 'ENOENT') return { ok: false, problem: `no CPython for ${profile}` };
  const problem = r.timedOut ? 'CPython gave no answer in time' : judge(c, { status: r.code, stdout: r.stdout, stderr: r.stderr.replace(/^ *\^+ *$/gm, '') });
  return { ok: !problem, problem, seconds: r.seconds };
}

export const profilesOf = (c) => c.profiles ?? DEFAULT_PROFILES;

async function main() {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
  const names = args.filter((a, i) => !a.startsWith('--') && !['--impl'].includes(args[i - 1]));
  const cases = CASES.filter((c) => !names.length || names.includes(c.name));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pymemlab-robustness-'));
  const rows = [];
  let failed = 0;
  try {
    const runners = args.includes('--cpython')
      ? [{ name: 'cpython', go: (c, p) => runCpython(c, p, dir) }]
      : implementations(value('--impl', 'both')).map((impl) => ({ name: impl.name, go: (c, p) => runCase(impl, c, p, dir) }));
    for (const c of cases) {
      for (const profile of profilesOf(c)) {
        const row = { c, profile, results: {} };
        for (const runner of runners) {
          const r = await runner.go(c, profile);
          row.results[runner.name] = r;
          if (!r.ok) failed++;
          if (!args.includes('--markdown')) {
            const verdict = r.skipped ? `skipped (${r.skipped})` : r.ok ? 'ok' : `FAIL: ${r.problem}`;
            console.log(`${runner.name.padEnd(7)} ${profile.padEnd(5)} ${c.name.padEnd(26)} ${r.seconds?.toFixed(2).padStart(7) ?? '      –'} s  ${verdict}`);
          }
        }
        rows.push(row);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.includes('--markdown')) {
    const impls = Object.keys(rows[0]?.results ?? {});
    console.log(`| input | profile | expected | ${impls.map((i) => `${i} (s)`).join(' | ')} |`);
    console.log(`| :-- | :-- | :-- | ${impls.map(() => '--:').join(' | ')} |`);
    for (const { c, profile, results } of rows) {
      const expected = c.expect.last ? String(c.expect.last).replace(/^\/\^?|\$?\/$/g, '').replace(/\\/g, '').replace(/\|/g, '\\|') : `exit ${c.expect.status}, prints ${JSON.stringify(c.expect.stdout ?? '')}`;
      const cells = impls.map((i) => (results[i].ok ? results[i].seconds.toFixed(2) : `**fail**: ${results[i].problem}`));
      console.log(`| ${c.what} | ${profile} | ${expected} | ${cells.join(' | ')} |`);
    }
  }
  if (failed) console.error(`robustness: ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
