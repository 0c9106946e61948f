// The messages between the page (main.js) and the worker (worker.js), and the limits both sides
// enforce. Every command is answered by exactly one snapshot or one error.

// Page → worker: { type: 'init' | 'reset', profile, poolAligned }, { type: 'allocate', count,
// size }, { type: 'freeEveryOther' }, { type: 'freeAll' }.
// Worker → page: { type: 'ready', profiles, defaultProfile }, { type: 'snapshot', snapshot },
// { type: 'error', message }.

// One click allocates at most this many blocks; 600 bytes reaches past
// SMALL_REQUEST_THRESHOLD (512), so raw (malloc) blocks show too.
export const MAX_COUNT = 100000;
export const MAX_SIZE = 600;

// The HeapView arrays a snapshot carries (wasm/README.md describes each).
export const VIEW_FIELDS = [
  'arenaIndex',
  'arenaAddress',
  'arenaNfreepools',
  'arenaFirstPool',
  'arenaPoolCount',
  'arenaUsableRank',
  'poolAddress',
  'poolState',
  'poolSzidx',
  'poolUsed',
  'poolCapacity',
  'classSize',
  'classPools',
  'classBlocksInUse',
  'classAvailBlocks',
  'rawAddress',
  'rawSize',
];

// HeapView's PoolState values (core/alloc/heap_view.h).
export const POOL_STATE = { UNTOUCHED: 0, EMPTY: 1, USED: 2, FULL: 3 };
export const POOL_STATE_NAMES = ['untouched', 'empty', 'used', 'full'];
