// The interpreter benchmark: times each bench/snippets/*.py end to end (process start to exit:
// wall clock, and the CPU time /usr/bin/time reports) through the lab's CLI and, natively,
// through python3 (the executable itself, not a pyenv shim), interleaved, and prints JSON lines
// for bench/report.mjs ("bench":"snippets"). Every run's stdout must equal CPython's, or the
// benchmark stops: a wrong answer would make its time meaningless.
//
//   node bench/snippets/run.mjs --target native --cli build/native/pymemlab [--python python3] [--reps 3]
//   node bench/snippets/run.mjs --target wasm --cli build/wasm/pymemlab-cli.js [--reps 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROFILE = '3.11'; // the lab's profile: the CPython it is timed against
const here = path.dirname(fileURLToPath(import.meta.url));

function options(argv) {
  const o = { target: 'native', cli: 'build/native/pymemlab', python: 'python3', reps: 3, only: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--target') o.target = argv[++i];
    else if (a === '--cli') o.cli = argv[++i];
    else if (a === '--python') o.python = argv[++i];
    else if (a === '--reps') o.reps = Number(argv[++i]);
    else o.only.push(a);
  }
  return o;
}

const opts = options(process.argv.slice(2));
const emit = (line) => process.stdout.write(`${JSON.stringify({ bench: 'snippets', ...line })}\n`);
const fail = (message) => {
  process.stderr.write(`bench/snippets: ${message}\n`);
  process.exit(1);
};

// One command per contender: [program, ...args before the snippet's path].
const lab =
  opts.target === 'wasm'
    ? [process.execPath, path.resolve(opts.cli), 'run', '--profile', PROFILE]
    : [path.resolve(opts.cli), 'run', '--profile', PROFILE];
// python3 may be a pyenv shim (a shell script that starts the real interpreter): time the
// interpreter itself.
const python = (() => {
  const r = spawnSync(opts.python, ['-c', 'import sys; print(sys.version.split()[0]); print(sys.executable)'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return { executable: opts.python, version: 'unknown' };
  const [version, executable] = r.stdout.trim().split('\n');
  return { executable, version: `Python ${version} (${executable})` };
})();
const contenders = [{ name: 'lab', command: lab }];
if (opts.target === 'native') contenders.push({ name: 'cpython', command: [python.executable] });

// CPU time (user + system) of the child, from GNU time when the machine has it: on a busy
// machine the wall clock also counts the time the run waited for a CPU.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pymemlab-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

function run(command, file) {
  const timeFile = path.join(scratch, 'time');
  const argv = gnuTime ? [gnuTime, '-f', '%U %S', '-o', timeFile, ...command, file] : [...command, file];
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) fail(`${command.join(' ')} ${file}: ${r.error.message}`);
  if (r.status !== 0) fail(`${command.join(' ')} ${file} exited ${r.status}: ${r.stderr.trim().split('\n').pop()}`);
  let cpu = null;
  if (gnuTime) {
    const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = user + sys;
  }
  return { seconds, cpu, stdout: r.stdout };
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.py'))
  .filter((f) => opts.only.length === 0 || opts.only.some((o) => f.includes(o)))
  .sort();
const describe = (file) =>
  readFileSync(path.join(here, file), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#\s?/, ''))
    .join(' ');

emit({
  kind: 'meta',
  target: opts.target,
  compiler: opts.target === 'wasm' ? 'pymemlab CLI (Emscripten build)' : 'pymemlab CLI (native build)',
  flags: `pymemlab run --profile ${PROFILE}`,
  reps: opts.reps,
  profile: PROFILE,
});
emit({ kind: 'contender', target: opts.target, name: 'lab', version: `${opts.cli} run --profile ${PROFILE}` });
if (opts.target === 'native') emit({ kind: 'contender', target: 'native', name: 'cpython', version: python.version });

// The expected output is CPython's (natively) or, in WebAssembly, the file's own first run
// compared with the native one by the report (both print the same numbers).
const seconds = new Map();
const cpuSeconds = new Map();
const outputs = new Map();
for (const file of files) {
  const name = file.replace(/\.py$/, '');
  emit({ kind: 'workload', target: opts.target, name, description: describe(file) });
  for (const c of contenders) {
    seconds.set(`${c.name}/${name}`, []);
    cpuSeconds.set(`${c.name}/${name}`, []);
  }
}
// Repetitions interleaved: every snippet through every contender, then again.
for (let rep = 0; rep < opts.reps; ++rep)
  for (const file of files) {
    const name = file.replace(/\.py$/, '');
    for (const c of contenders) {
      const r = run(c.command, path.join(here, file));
      seconds.get(`${c.name}/${name}`).push(r.seconds);
      if (r.cpu !== null) cpuSeconds.get(`${c.name}/${name}`).push(r.cpu);
      const expected = outputs.get(name);
      if (expected === undefined) outputs.set(name, r.stdout);
      else if (expected !== r.stdout)
        fail(`${file}: ${c.name} printed ${JSON.stringify(r.stdout)}, expected ${JSON.stringify(expected)}`);
    }
  }

for (const file of files) {
  const name = file.replace(/\.py$/, '');
  for (const c of contenders) {
    const s = [...seconds.get(`${c.name}/${name}`)].sort((a, b) => a - b);
    const cpu = [...cpuSeconds.get(`${c.name}/${name}`)].sort((a, b) => a - b);
    emit({
      kind: 'result',
      target: opts.target,
      contender: c.name,
      workload: name,
      best_s: s[0],
      median_s: s[Math.floor(s.length / 2)],
      best_cpu_s: cpu.length ? cpu[0] : null,
      median_cpu_s: cpu.length ? cpu[Math.floor(cpu.length / 2)] : null,
      runs: s.length,
      output: outputs.get(name).trim(),
    });
  }
}
