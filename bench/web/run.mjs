// The web benchmark: in headless Chromium (Debian's, through playwright-core from web/), what a
// reader waits for and downloads before the lab can run a snippet, side by side with Pyodide
// (bench/web/node_modules/pyodide: CPython 3.13 in WebAssembly) loaded in the same browser from
// the same local server; then the lab page's frame times while a million-allocation snippet
// runs and while its arena map and timeline are scrubbed. Prints JSON lines for
// bench/report.mjs ("bench":"web"). Bytes are counted as served (tools/serve.mjs does not
// compress) and as gzip would send them (each response gzipped at level 9 here).
//
//   node bench/web/run.mjs [--reps 7]
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '../../tools/serve.mjs';
import { DIST, launchChromium } from '../../tests/web/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 7;
const POLL_MS = 50;
const emit = (line) => process.stdout.write(`${JSON.stringify({ bench: 'web', kind: 'result', ...line })}\n`);

// A page that loads Pyodide and runs print(1), with the same readiness attribute as the lab's.
const PYODIDE_PAGE = `<!doctype html><meta charset="utf-8"><title>pyodide</title>
<script type="module" src="./pyodide-run.mjs"></script>`;
const PYODIDE_SCRIPT = `import { loadPyodide } from './pyodide/pyodide.mjs';
const py = await loadPyodide({ indexURL: './pyodide/' });
document.documentElement.dataset.readyMs = String(Math.round(performance.now()));
let out = '';
py.setStdout({ batched: (s) => (out += s + '\\n') });
py.runPython('print(1)');
document.documentElement.dataset.output = out;
document.documentElement.dataset.firstRunMs = String(Math.round(performance.now()));
document.documentElement.dataset.runs = '1';
`;

// Loads `url` in a fresh context (empty cache) and waits until the page has run a snippet.
// Returns the time from navigation to that point, to the module being ready (the lab's
// data-ready; Pyodide has no such point apart from its run), and, with countBytes, the bytes
// of every response (reading and gzipping them here takes CPU from the browser: the timed
// runs do not count).
//
// The page's own clock (its data-*-ms) gives the figures that matter. Watching for them runs
// script in the page's main thread, which competes with what is measured: the timed runs read
// the attributes every POLL_MS with a plain evaluate (Playwright's waitForFunction first injects
// its own script, some 20-30 ms of the main thread during the load), so `ms` and `readyMs`
// (this process's clock) are late by up to POLL_MS; the byte-counting run looks every 5 ms, to
// place each response before or after the module was ready.
async function firstRun(browser, url, done, { countBytes = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  if (countBytes) page.on('response', async (response) => {
    const at = Date.now();
    try {
      const body = await response.body();
      bodies.push({ at, url: response.url(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // a redirect or a response without a body
    }
  });
  const t0 = Date.now();
  await page.goto(url);
  const ready = () => document.documentElement.dataset.ready === 'true' || document.documentElement.dataset.runs === '1';
  const until = countBytes
    ? (condition) => page.waitForFunction(condition, null, { timeout: 120_000, polling: 5 })
    : (condition) => poll(page, condition);
  await until(ready);
  const readyAt = Date.now();
  const readyMs = readyAt - t0;
  await until(done);
  const ms = Date.now() - t0;
  // The page's own clock (from navigation start), when it has one: the lab's data-*-ms.
  const own = await page.evaluate(() => ({
    ready: Number(document.documentElement.dataset.readyMs ?? NaN),
    run: Number(document.documentElement.dataset.firstRunMs ?? NaN),
    module: Number(document.documentElement.dataset.moduleMs ?? NaN),
    workerRun: Number(document.documentElement.dataset.firstRunWorkerMs ?? NaN),
    moduleAndRun: Number(document.documentElement.dataset.moduleAndFirstRunMs ?? NaN),
  }));
  // Responses finish arriving before the run they made possible; give their handlers a turn.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await context.close();
  return {
    ms,
    readyMs,
    pageReadyMs: own.ready,
    pageRunMs: own.run,
    // In the lab's worker: loading the module, and the first run's command (issue 6's measure).
    moduleMs: own.module,
    workerRunMs: own.workerRun,
    // From the page starting to compile the module to the first run's answer on the page:
    // starting the worker, instantiating, making the Lab and running (issue 6's measure).
    moduleAndRunMs: own.moduleAndRun,
    bytes: bodies.reduce((a, b) => a + b.bytes, 0),
    gzip: bodies.reduce((a, b) => a + b.gzip, 0),
    files: bodies.length,
    // What arrived before the page could run (the lab loads its full editor after that).
    readyGzip: bodies.filter((b) => b.at <= readyAt).reduce((a, b) => a + b.gzip, 0),
  };
}

// Reads `condition` in the page every POLL_MS until it holds (two minutes at most).
async function poll(page, condition) {
  const deadline = Date.now() + 120_000;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Frame intervals on the main thread while `action` runs, from requestAnimationFrame.
async function frameTimes(page, action) {
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__frames.length < 100000 && !window.__stopFrames) requestAnimationFrame(tick);
    };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  });
  await action();
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    frames: frames.length,
    p50_ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p95_ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    max_ms: sorted.at(-1) ?? 0,
  };
}

const browser = await launchChromium();
const lab = await serve(DIST, { port: 0 });
const pyodideRoot = mkdtempSync(path.join(os.tmpdir(), 'pymemlab-pyodide-'));
symlinkSync(path.join(here, 'node_modules/pyodide'), path.join(pyodideRoot, 'pyodide'));
writeFileSync(path.join(pyodideRoot, 'index.html'), PYODIDE_PAGE);
writeFileSync(path.join(pyodideRoot, 'pyodide-run.mjs'), PYODIDE_SCRIPT);
const pyodide = await serve(pyodideRoot, { port: 0 });

try {
  const code = Buffer.from('print(1)\n').toString('base64url');
  const labRuns = [];
  const pyRuns = [];
  // The lab's runs first, then Pyodide's: Chromium goes on optimizing Pyodide's 10 MB module in
  // the background after its page closes, which would slow a lab run that came next. Each
  // contender's first load counts the bytes and is not timed.
  const labUrl = `${lab.url}#code=${code}&profile=3.13&mode=script&run=1`;
  const pyUrl = `${pyodide.url}index.html`;
  const ran = () => document.documentElement.dataset.runs === '1';
  const labBytes = await firstRun(browser, labUrl, ran, { countBytes: true });
  for (let i = 0; i < reps; i++) labRuns.push(await firstRun(browser, labUrl, ran));
  const pyBytes = await firstRun(browser, pyUrl, ran, { countBytes: true });
  for (let i = 0; i < reps; i++) pyRuns.push(await firstRun(browser, pyUrl, ran));
  for (const [name, runs, bytes] of [
    ['lab', labRuns, labBytes],
    ['pyodide', pyRuns, pyBytes],
  ]) {
    emit({
      case: 'first_run',
      contender: name,
      ms_median: median(runs.map((r) => r.ms)),
      ready_ms_median: median(runs.map((r) => r.readyMs)),
      page_ready_ms_median: median(runs.map((r) => r.pageReadyMs)),
      page_first_run_ms_median: median(runs.map((r) => r.pageRunMs)),
      module_ms_median: median(runs.map((r) => r.moduleMs)),
      worker_first_run_ms_median: median(runs.map((r) => r.workerRunMs)),
      module_and_first_run_ms_median: median(runs.map((r) => r.moduleAndRunMs)),
      bytes: bytes.bytes,
      gzip_bytes: bytes.gzip,
      gzip_bytes_until_ready: bytes.readyGzip,
      files: bytes.files,
    });
  }

  // Frame times: a run of a million allocations (in the worker), then scrubbing its result.
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  await page.goto(lab.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const big = 'xs = [(i, i) for i in range(500_000)]\ndel xs\n';
  const running = await frameTimes(page, async () => {
    await page.click('[data-testid="editor-input"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(big);
    await page.click('[data-testid="run"]');
    await page.waitForFunction(() => document.documentElement.dataset.runs === '1' && document.documentElement.dataset.busy === 'false', null, { timeout: 300_000 });
  });
  const blocks = await page.textContent('[data-testid="arena-readout"]');
  emit({ case: 'frames_while_running', snippet: '500,000 tuples (1M allocations)', ...running });
  const scrubbing = await frameTimes(page, async () => {
    const min = Number(await page.getAttribute('[data-testid="scrubber"]', 'min'));
    const max = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
    for (let k = 1; k <= 20; k++) {
      const target = Math.round(min + ((max - min) * k) / 21);
      await page.fill('[data-testid="scrubber"]', String(target));
      await page.waitForFunction(() => document.documentElement.dataset.busy === 'false');
    }
  });
  emit({ case: 'frames_while_scrubbing', seeks: 20, ...scrubbing, end_state: blocks });
  await page.close();
} finally {
  await browser.close();
  await lab.close();
  await pyodide.close();
  rmSync(pyodideRoot, { recursive: true, force: true });
}
