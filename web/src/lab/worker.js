// The lab's Web Worker: owns the WebAssembly module and one Lab (core/lab via wasm/), runs what
// the page asks (protocol.js), and answers each command with one view of memory at the cursor.
// What only changes per run (the timeline, the identity answers, the object graph) is computed
// here once per run, from the trace and the Lab's questions, and sent with the first view.
import { serveCommands } from '../common/worker_host.js';
import { buildGraph } from './graph_model.js';
import { findIdentityQuestions } from './identity_questions.js';
import { INSTRUCTION_BUDGET, KIND, NO_GC_REFS, STEP_UNITS, TIMELINE_POINTS } from './protocol.js';

let module = null;
let lab = null;
let prepared = null;  // { name, mode, lab, ms }: made before it was asked for (the `prepare` message)
let seq = 0;
let runInfo = null;  // sent with the next view, then null
let collections = []; // the last run's, from timeline()
let snippetEnd = 0;    // the last run's: where the snippet ended and the interpreter's exit began

// Blocks in use, arenas and gen-0's count (gc.get_count()[0]) over the run, in TIMELINE_POINTS buckets of events
// (each bucket's value is the one at its end), and each collection: where it started and
// ended (its GcDone event), its generation, and how many objects it found unreachable.
function timeline(words, addrs, start) {
  const n = words.length;
  const points = Math.max(1, Math.min(TIMELINE_POINTS, n - start));
  const positions = new Float64Array(points);
  const blocks = new Float64Array(points);
  const arenas = new Float64Array(points);
  const gen0 = new Float64Array(points);
  const collections = [];
  let b = 0;
  let a = 0;
  let g = 0;
  let bucket = 0;
  let collecting = null;
  const genZeroFlag = 1 << 23;
  for (let i = 0; i < n; i++) {
    const word = words[i];
    const kind = word >>> 24;
    const arg = word & 0xffffff;
    if (kind === KIND.alloc) {
      b++;
      if (arg & genZeroFlag) g++;
    } else if (kind === KIND.free) {
      b--;
      if (arg & genZeroFlag) g--;
    } else if (kind === KIND.arena_new) a++;
    else if (kind === KIND.arena_free) a--;
    else if (kind === KIND.gc_start) {
      collecting = { position: i, end: n, generation: arg, collected: 0 };
      collections.push(collecting);
    } else if (kind === KIND.gc_done && collecting) {
      collecting.end = i;
      collecting.collected = addrs[2 * i] + addrs[2 * i + 1] * 2 ** 32;
      collecting = null;
    }
    else if (kind === KIND.gc_count && arg === 0) g = addrs[2 * i];  // the count after a collection
    if (i >= start) {
      // Bucket k ends at event start + ceil((k + 1) * span / points).
      const end = start + Math.ceil(((bucket + 1) * (n - start)) / points) - 1;
      if (i >= end && bucket < points) {
        positions[bucket] = i + 1;
        blocks[bucket] = b;
        arenas[bucket] = a;
        gen0[bucket] = g;
        bucket++;
      }
    }
  }
  return { positions, blocks, arenas, gen0, collections };
}

function copySnapshot(s) {
  // Every typed array is a view over wasm memory, which the next call may grow (detaching it).
  const out = {};
  const transfer = [];
  for (const [key, value] of Object.entries(s)) {
    if (ArrayBuffer.isView(value)) {
      const copy = value.slice();
      out[key] = copy;
      transfer.push(copy.buffer);
    } else {
      out[key] = value;
    }
  }
  return { snapshot: out, transfer };
}

// explain() reads the whole trace once per object: on long runs only the snippet's own `is`
// questions are explained, not every name.
const EXPLAIN_EVERY_NAME_BELOW = 5_000_000;
const MAX_QUESTIONS = 40;

function identityAnswers(code, snapshot) {
  const every = lab.end() - lab.start() < EXPLAIN_EVERY_NAME_BELOW;
  const names = snapshot.names.map((name, i) => ({
    name,
    id: snapshot.nameIds[i],
    explanation: every ? lab.explain(name) : '',
    shared: lab.sharedKind(snapshot.nameIds[i]),
  }));
  const questions = findIdentityQuestions(code)
    .slice(0, MAX_QUESTIONS)
    .map((q) => ({ ...q, explanation: lab.explain(q.question) }));
  return { names, questions };
}

// During a collection (the cursor after its GcStart, not past its GcDone): the ids of the
// objects alive once it is done; the cursor comes back. What the collection examines and is
// not among them, it freed (or sent back to a free list): what move_unreachable finds.
function aliveAfterCollection() {
  const here = lab.position();
  const c = collections.find((x) => x.position < here && here <= x.end);
  if (!c) return null;
  lab.rewind(Math.min(c.end + 1, lab.end()));
  const after = lab.snapshot();
  const alive = new Set();
  for (let i = 0; i < after.objectIds.length; i++) {
    if (after.objectRefcnts[i] > 0) alive.add(after.objectIds[i]);
  }
  lab.rewind(here);
  return alive;
}

function doomedObjects(snapshot, alive) {
  const doomed = [];
  for (let i = 0; i < snapshot.objectIds.length; i++) {
    if (snapshot.objectGcRefs[i] !== NO_GC_REFS && !alive.has(snapshot.objectIds[i])) doomed.push(snapshot.objectIds[i]);
  }
  return doomed;
}

function post(extraTransfer = []) {
  const alive = aliveAfterCollection();
  const { snapshot, transfer } = copySnapshot(lab.snapshot());
  const view = {
    seq: ++seq,
    position: lab.position(),
    start: lab.start(),
    end: lab.end(),
    snippetEnd,
    line: snapshot.line,
    output: lab.outputAtCursor(),
    snapshot,
    doomed: alive ? doomedObjects(snapshot, alive) : [],
    run: runInfo,
  };
  runInfo = null;
  self.postMessage({ type: 'view', view }, [...transfer, ...extraTransfer]);
}

const profileName = (profile) => (module.profiles().includes(profile) ? profile : module.defaultProfile());
const modeName = (mode) => (mode === 'repl' ? 'repl' : 'script');

// A fresh Lab for a run: the prepared one when it is the same profile and mode. aheadMs: what
// making it took before it was asked for.
function freshLab(name, mode) {
  const made = prepared;
  prepared = null;
  if (made && made.name === name && made.mode === mode) return { lab: made.lab, aheadMs: made.ms };
  made?.lab.delete();
  return { lab: new module.Lab(name, mode, INSTRUCTION_BUDGET), aheadMs: 0 };
}

const commands = {
  // Not a command (nothing answers it): the page says which Lab it will likely run next, and
  // the worker makes it while nothing else is asked of it. A Lab made before its run is the
  // same Lab as one made for it: nothing but the run changes it.
  prepare({ profile, mode }) {
    if (prepared) return;
    const began = performance.now();
    const name = profileName(profile);
    const lab = new module.Lab(name, modeName(mode), INSTRUCTION_BUDGET);
    prepared = { name, mode: modeName(mode), lab, ms: performance.now() - began };
  },
  run({ code, profile, mode }) {
    const began = performance.now();
    lab?.delete();
    const name = profileName(profile);
    const fresh = freshLab(name, modeName(mode));
    lab = fresh.lab;
    lab.load(String(code));
    const started = performance.now();
    const status = lab.run();
    const ms = performance.now() - started;
    // Names, identity and the graph are read at the snippet's end, while they live; then the
    // interpreter's exit runs (its __del__ output is the CLI's too) and the cursor comes back
    // to the snippet's end, the exit one step or scrub further.
    const end = lab.snapshot();
    const identity = identityAnswers(String(code), end);
    const graph = buildGraph(lab, end);
    lab.finish();
    snippetEnd = lab.exitStart();
    lab.rewind(snippetEnd);
    const series = timeline(lab.traceWords(), lab.traceAddrs(), lab.start());
    collections = series.collections;
    runInfo = {
      profile: name,
      mode,
      status,
      ms,
      events: lab.end() - lab.start(),
      truncated: lab.truncated(),
      fullOutput: lab.output(),
      timeline: series,
      identity,
      graph,
      objgraphs: lab.graphs(),
    };
    // The whole command (run, exit, answers) and making its Lab, here or ahead (`prepare`).
    runInfo.workerMs = performance.now() - began + fresh.aheadMs;
    const t = series;
    post([t.positions.buffer, t.blocks.buffer, t.arenas.buffer, t.gen0.buffer]);
  },
  step({ unit, direction }) {
    if (!lab) throw new Error('nothing has run yet');
    lab.step(STEP_UNITS.includes(unit) ? unit : 'event', direction < 0 ? -1 : 1);
    post();
  },
  seek({ position }) {
    if (!lab) throw new Error('nothing has run yet');
    lab.rewind(Math.max(0, Math.trunc(Number(position)) || 0));
    post();
  },
};

serveCommands((m, data) => {
  module = m;
  const command = commands[data.type];
  if (!command) throw new Error(`unknown command ${data.type}`);
  command(data);
});
