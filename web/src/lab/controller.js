// The lab controller: one worker that owns a Lab (worker.js), the state the panels render from,
// the run / step / seek / stop commands, and one render per animation frame. The page
// (page.js) and the <memory-lab> element (../embed/memory_lab.js) each make one over their own
// DOM: `q(testid)` finds an element, and only the panels whose elements exist are made.
//
// State attributes on `host` for tests: data-ready, data-busy, data-seq, data-runs, and for the
// web benchmark data-ready-ms and data-first-run-ms (ms since navigation began), data-module-ms
// (from compiling the module to its instance being ready), data-module-and-first-run-ms (from
// compiling the module to the first run's answer here) and data-first-run-worker-ms (the
// worker's time for the first run, making its Lab included).
// Events on `host`: `run` (detail: the run's summary), `step` (detail: position, line),
// `output` (detail: the output at the cursor).
import { createFrameScheduler } from '../common/frame.js';
import { createArenaMap } from './panels/arena_map.js';
import { createConsole, errorLine } from './panels/console.js';
import { createGenerations } from './panels/generations.js';
import { createIdentity } from './panels/identity.js';
import { createObjectGraph } from './panels/object_graph.js';
import { createTimeline } from './panels/timeline.js';
import { compiledModule, compileStartedAt, MODULE_FROM_PAGE, WASM_MODULE_MESSAGE } from '../common/wasm_module.js';
import { SLOW_MS, TIME_LIMIT_MS } from './protocol.js';
import workerUrl from './worker.js?worker&url';

const STEP_BUTTONS = [
  ['back-line', 'line', -1],
  ['step-line', 'line', 1],
  ['back-event', 'event', -1],
  ['step-event', 'event', 1],
  ['step-phase', 'phase', 1],
  ['step-collection', 'collection', 1],
];
// Clicks waiting for the worker beyond this many are dropped (a held-down key repeats fast).
const MAX_QUEUED = 32;

// settings(): { profile, mode } for the next run. onReady(profiles, defaultProfile): the module
// loaded (again, after a stop). timeLimitMs: a command still running after this long is stopped
// (the worker goes and a fresh one starts), whatever it is doing.
export function createLabController({ q, host, editor, settings, onReady = () => {}, timeLimitMs = TIME_LIMIT_MS }) {
  const state = {
    ready: false,
    profiles: [],
    defaultProfile: '3.13',
    view: null,
    runInfo: null,
    busy: false,
    slow: false,
    error: null,
    message: 'Loading the WebAssembly module…',
  };
  let runCount = 0;
  let worker = null;
  let slowTimer = 0;
  let limitTimer = 0;
  // Steps and seeks asked for while the worker is busy, sent in order as it answers: a click is
  // never lost. A seek goes to a place, so it replaces whatever was waiting before it.
  let queued = [];
  let pendingRun = false;
  let upgradeEditorAfterRun = false;
  const requestFrame = createFrameScheduler(render);
  // First, so that the module loads while the page builds its panels.
  startWorker();

  const panels = [];
  if (q('console')) panels.push(createConsole(q('console')));
  if (q('identity')) panels.push(createIdentity(q('identity')));
  if (q('generations')) panels.push(createGenerations(q('generations'), (position) => seek(position)));
  if (q('arena-map')) {
    panels.push(
      createArenaMap(
        {
          canvas: q('arena-map'),
          readout: q('arena-readout'),
          detail: q('pool-detail'),
          blocksCanvas: q('pool-blocks'),
          blockReadout: q('block-readout'),
          raw: q('raw-blocks'),
        },
        requestFrame,
      ),
    );
  }
  if (q('object-graph')) {
    panels.push(createObjectGraph({ container: q('object-graph'), caption: q('graph-caption'), exportSvg: q('export-svg'), exportDot: q('export-dot') }));
  }
  if (q('timeline')) panels.push(createTimeline(q('timeline'), q('timeline-readout'), (position) => seek(position), requestFrame));

  // A page on another origin (a tutorial using <memory-lab> from a lab's host) cannot start a
  // worker from the lab's URL: it starts one from a blob that imports it (the host must then
  // serve the lab's files with CORS headers).
  function startWorker() {
    const url = new URL(workerUrl, import.meta.url);
    // The module compiles here while the worker starts, and is handed to it (wasm_module.js).
    const compiled = compiledModule();
    const options = { type: 'module', name: MODULE_FROM_PAGE };
    if (url.origin === location.origin) {
      worker = new Worker(url, options);
    } else {
      const wrapper = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
      worker = new Worker(URL.createObjectURL(wrapper), options);
    }
    const started = worker;
    compiled.then((module) => started.postMessage({ type: WASM_MODULE_MESSAGE, module }));
    worker.onmessage = ({ data }) => receive(data);
    worker.onerror = (event) => {
      settle();
      state.error = `The lab's worker failed: ${event.message || 'it could not start'}`;
      requestFrame();
    };
  }

  function send(message) {
    if (!state.ready) return;
    if (state.busy) {
      if (message.type === 'seek') queued = [message];
      else if (message.type === 'step' && queued.length < MAX_QUEUED) queued.push(message);
      return;
    }
    state.busy = true;
    state.error = null;
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => {
      state.slow = true;
      requestFrame();
    }, SLOW_MS);
    clearTimeout(limitTimer);
    limitTimer = setTimeout(() => stop(`Stopped after ${formatSeconds(timeLimitMs)}: the lab restarted.`), timeLimitMs);
    worker.postMessage(message);
    requestFrame();
  }

  function settle() {
    state.busy = false;
    state.slow = false;
    clearTimeout(slowTimer);
    clearTimeout(limitTimer);
  }

  function emit(name, detail) {
    host.dispatchEvent(new CustomEvent(name, { detail, bubbles: false }));
  }

  function receive(data) {
    if (data.type === 'ready') {
      state.ready = true;
      // Since navigation began (performance.now()'s origin), for the web benchmark.
      host.dataset.readyMs ??= String(Math.round(performance.now()));
      // From when the page began compiling the module to the worker's instance of it.
      host.dataset.moduleMs ??= String(Math.round(performance.now() - compileStartedAt()));
      state.profiles = data.profiles;
      state.defaultProfile = data.defaultProfile;
      onReady(data.profiles, data.defaultProfile);
      if (!state.error) state.message = 'Ready. Write or pick a snippet, then Run.';
      // The page can run now; the full editor's code comes after (editor.js): after the first
      // run's answer when a run is waiting, so that loading it on this thread does not hold
      // that answer up. With none waiting, the worker makes the Lab the next run will likely
      // use while the reader reads (the `prepare` message).
      if (pendingRun) {
        pendingRun = false;
        upgradeEditorAfterRun = true;
        run();
      } else {
        editor.upgrade?.();
        worker.postMessage({ type: 'prepare', ...settings() });
      }
    } else if (data.type === 'view') {
      settle();
      const view = data.view;
      if (view.run) {
        host.dataset.firstRunMs ??= String(Math.round(performance.now()));
        host.dataset.moduleAndFirstRunMs ??= String(Math.round(performance.now() - compileStartedAt()));
        host.dataset.firstRunWorkerMs ??= String(Math.round(view.run.workerMs));
        state.runInfo = { ...view.run, id: ++runCount };
        state.message =
          `Ran under CPython ${view.run.profile} in ${Math.round(view.run.ms)} ms: ` +
          `${view.run.events.toLocaleString('en-US')} memory events${view.run.truncated ? ' (trace truncated)' : ''}` +
          `${view.run.status !== 0 ? `, exit status ${view.run.status}` : ''}.`;
      }
      state.view = view;
      if (upgradeEditorAfterRun) upgradeEditorSoon();
      if (view.run) {
        emit('run', { profile: view.run.profile, status: view.run.status, events: view.run.events, output: view.run.fullOutput });
      } else {
        emit('step', { position: view.position, line: view.line });
      }
      emit('output', { output: view.output });
      if (queued.length > 0) send(queued.shift());
    } else if (data.type === 'error') {
      settle();
      state.error = data.message;
      queued = [];
      if (upgradeEditorAfterRun) upgradeEditorSoon();
    }
    requestFrame();
  }

  // Once the frame showing the answer has been drawn.
  function upgradeEditorSoon() {
    upgradeEditorAfterRun = false;
    requestAnimationFrame(() => setTimeout(() => editor.upgrade?.()));
  }

  function run() {
    if (!state.ready) {
      pendingRun = true;
      return;
    }
    const { profile, mode } = settings();
    send({ type: 'run', code: editor.code, profile, mode });
  }

  function step(unit = 'line', direction = 1) {
    if (state.view) send({ type: 'step', unit, direction });
  }

  function seek(position) {
    if (state.view) send({ type: 'seek', position });
  }

  // A run cannot be interrupted from outside (it is one call into WebAssembly): the worker goes,
  // and a new one loads the module (from the browser's cache).
  function stop(reason = 'Stopped. The run was taking too long; the lab restarted.') {
    if (!state.busy) return;
    worker.terminate();
    settle();
    state.ready = false;
    state.view = null;
    state.runInfo = null;
    state.error = reason;
    queued = [];
    pendingRun = false;
    if (upgradeEditorAfterRun) upgradeEditorSoon();
    startWorker();
    requestFrame();
  }

  // Forgets the run: panels go blank until the next one.
  function reset() {
    state.view = null;
    state.runInfo = null;
    state.error = null;
    requestFrame();
  }

  q('run')?.addEventListener('click', run);
  q('stop')?.addEventListener('click', () => stop());
  for (const [id, unit, direction] of STEP_BUTTONS) q(id)?.addEventListener('click', () => step(unit, direction));
  q('scrubber')?.addEventListener('input', (event) => seek(Number(event.target.value)));

  function render() {
    const { view, runInfo } = state;
    const status = q('status');
    if (status) {
      status.textContent = state.error ?? (state.slow ? 'Running… (Stop or Escape ends it)' : state.message);
      status.classList.toggle('error', Boolean(state.error));
    }
    const has = Boolean(view) && !state.busy;
    if (q('run')) q('run').disabled = !state.ready || state.busy;
    if (q('stop')) q('stop').disabled = !state.busy;
    for (const [id, , direction] of STEP_BUTTONS) {
      const button = q(id);
      if (button) button.disabled = !has || (direction < 0 ? view.position <= view.start : view.position >= view.end);
    }
    const scrubber = q('scrubber');
    if (scrubber) {
      scrubber.disabled = !view;
      if (view) {
        scrubber.min = String(view.start);
        scrubber.max = String(view.end);
        if (!scrubber.matches(':active')) scrubber.value = String(view.position);
      }
    }
    const position = q('position');
    if (position) {
      position.textContent = view
        ? `event ${(view.position - view.start).toLocaleString('en-US')} / ${(view.end - view.start).toLocaleString('en-US')} · ` +
          (view.position > view.snippetEnd ? 'interpreter exit' : `line ${view.line || '–'}`)
        : '–';
    }
    if (view) {
      const failedAt = runInfo && runInfo.status !== 0 ? errorLine(runInfo.fullOutput) : 0;
      editor.mark(view.position < view.snippetEnd ? view.line : 0, failedAt);
    } else {
      editor.mark(0, 0);
    }
    for (const panel of panels) panel.render(state);
    host.dataset.ready = String(state.ready);
    host.dataset.busy = String(state.busy);
    host.dataset.seq = String(view?.seq ?? 0);
    host.dataset.runs = String(runCount);
  }

  requestFrame();
  return { state, run, step, seek, stop, reset, requestFrame, terminate: () => worker.terminate() };
}

function formatSeconds(ms) {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
