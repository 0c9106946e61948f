// Child processes for run.mjs: one run with a timeout and an output cap, and a pool that keeps
// `jobs` of them going at once.
import { spawn } from 'node:child_process';

const OUTPUT_CAP = 1 << 20; // a snippet printing more than 1 MiB is stuck in a loop

// Resolves to { stdout, stderr, status, timedOut, overflow, seconds }; never rejects. `input` is
// written to the child's stdin; `outputCap` raises the 1 MiB cap (a batch of runs).
export function runProcess(command, args, { timeoutMs = 20000, env, cwd, input, outputCap = OUTPUT_CAP } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const out = [];
    const err = [];
    let size = 0;
    let timedOut = false;
    let overflow = false;
    let child;
    try {
      child = spawn(command, args, { env: env ?? process.env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
      if (input !== undefined) {
        child.stdin.on('error', () => {}); // a child that dies early closes its stdin
        child.stdin.end(input);
      }
    } catch (e) {
      resolve({ stdout: '', stderr: String(e), status: 127, timedOut, overflow, seconds: 0 });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const collect = (into) => (chunk) => {
      size += chunk.length;
      if (size > outputCap) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    let spawnError = null;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let stderr = Buffer.concat(err).toString('utf8');
      if (spawnError) stderr += `${spawnError.message}\n`;
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        status: code ?? (signal ? 128 : 127),
        signal,
        timedOut,
        overflow,
        seconds,
      });
    });
  });
}

// Runs `work(item)` for every item with at most `jobs` in flight; results keep the items' order.
export async function pool(items, jobs, work, onDone) {
  const results = new Array(items.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
      done += 1;
      onDone?.(done, items.length);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
