// The messages between the lab page (page.js) and its worker (worker.js). Every command is
// answered by exactly one `view` or one `error`; a run that never answers is stopped by the page,
// which terminates the worker and starts a fresh one.
//
// Page → worker:
//   { type: 'run', code, profile, mode }   run from a fresh runtime; the cursor ends at the end
//   { type: 'step', unit, direction }       unit: 'event' | 'line' | 'phase' | 'collection'
//   { type: 'seek', position }              any point from start to end
//   { type: 'prepare', profile, mode }      not a command, never answered: make the Lab the next
//                                           run will likely use now, while the reader reads
// Worker → page:
//   { type: 'ready', profiles, defaultProfile }
//   { type: 'view', view }                  the state at the cursor (below), arrays transferred
//   { type: 'error', message }
//
// A view: { seq, position, start, end, line, output (at the cursor), fullOutput, status,
//   truncated, snapshot (the Lab's snapshot at the cursor, typed arrays copied), run (per run,
//   sent once per run and then null: timeline, identity, graph, kinds) }.

export const STEP_UNITS = ['event', 'line', 'phase', 'collection'];

// core/trace/event.h's EventKind, in order: the trace's words carry kind << 24.
export const EVENT_KINDS = [
  'alloc',
  'free',
  'object_new',
  'object_dead',
  'incref',
  'decref',
  'track',
  'untrack',
  'line',
  'output',
  'bind',
  'gc_start',
  'gc_phase',
  'gc_refs',
  'gc_done',
  'gc_count',
  'retype',
  'immortalize',
  'arena_new',
  'arena_free',
  'external_refs',
];
export const KIND = Object.fromEntries(EVENT_KINDS.map((name, i) => [name, i]));

// core/lab/snapshot.h's object flags.
export const FLAG = { TRACKED: 1, STATIC: 2, FREE_LIST: 4, IMMORTAL: 8 };
export const NO_GC_REFS = -2147483648;
export const RAW_BLOCK = 0xffffffff;

// What the object graph shows at most, and how deep it follows references from the names.
export const GRAPH_MAX_NODES = 60;
export const GRAPH_MAX_DEPTH = 4;

// Points of the timeline chart (the run is summarised into this many buckets).
export const TIMELINE_POINTS = 480;

// Instructions a run may execute before it ends with the budget's error (the CLI's default).
export const INSTRUCTION_BUDGET = 200_000_000;
// How long a command may take before the page offers to stop it, and stops it on request.
export const SLOW_MS = 400;
// How long a command may take before the page stops it unasked: the instruction budget ends a
// loop well before this; the limit is for what the budget does not count (one long C-level
// operation) and for a worker that never answers.
export const TIME_LIMIT_MS = 30_000;
