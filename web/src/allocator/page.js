// The page's entry: starts the worker that owns the allocator, sends it what the controls ask
// for, and renders its snapshots into the panels, once per animation frame (frame.js).
// Panels live in panels/, one module each; protocol.js lists the messages.
import { createFrameScheduler } from '../common/frame.js';
import { createArenaMap } from './panels/arena_map.js';
import { createControls } from './panels/controls.js';
import { createMallocStats } from './panels/malloc_stats.js';
import { createSizeClasses } from './panels/size_classes.js';
import { createStatus } from './panels/status.js';
import { createTotals } from './panels/totals.js';

const root = document.documentElement;
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

// What the panels render from: the latest snapshot, the latest error, and commands in flight.
const state = { snapshot: null, error: null, pending: 0, hover: null };

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

function send(message) {
  state.pending += 1;
  state.error = null;
  root.dataset.pending = String(state.pending);
  worker.postMessage(message);
}

const panels = [
  createStatus(byTestId('status')),
  createTotals(byTestId('totals')),
  createArenaMap(byTestId('arena-map'), byTestId('pool-readout'), () => requestFrame()),
  createSizeClasses(byTestId('size-classes')),
  createMallocStats(byTestId('malloc-stats')),
];

const requestFrame = createFrameScheduler(() => {
  for (const panel of panels) panel.render(state);
  // Tests wait on these instead of sleeping: the snapshot on screen, and commands not yet answered.
  if (state.snapshot) {
    root.dataset.seq = String(state.snapshot.seq);
    root.dataset.ready = 'true';
  }
  root.dataset.pending = String(state.pending);
});

const controls = createControls(byTestId('controls'), send);

worker.onmessage = ({ data }) => {
  if (data.type === 'ready') {
    controls.enable(data.profiles, data.defaultProfile);
    send({ type: 'init', ...controls.allocatorOptions() });
  } else if (data.type === 'snapshot') {
    state.pending = Math.max(0, state.pending - 1);
    state.snapshot = data.snapshot;
  } else if (data.type === 'error') {
    state.pending = Math.max(0, state.pending - 1);
    state.error = data.message;
  }
  requestFrame();
};

worker.onerror = (event) => {
  state.error = `The allocator's worker failed: ${event.message || 'could not start it'}`;
  requestFrame();
};

// Pool colours come from CSS custom properties, which change with the colour scheme.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => requestFrame());
