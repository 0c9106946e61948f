// The Web Worker that owns the WebAssembly module and its one Allocator. It runs each command
// from the page, then posts one snapshot: copies of HeapView's arrays (transferred, not cloned)
// plus the totals. protocol.js lists the messages; page.js renders what arrives here.
import { serveCommands } from '../common/worker_host.js';
import { MAX_COUNT, MAX_SIZE, VIEW_FIELDS } from './protocol.js';

let lab = null;
let allocator = null;
let poolAligned = false;
// Live blocks in allocation order, as the module's handles.
let handles = [];
let seq = 0;

function reset(profile, aligned) {
  allocator?.delete();
  const name = lab.profiles().includes(profile) ? profile : lab.defaultProfile();
  poolAligned = Boolean(aligned);
  allocator = new lab.Allocator(name, poolAligned);
  handles = [];
}

function allocate(count, size) {
  const n = Math.min(Math.max(Math.trunc(count), 1), MAX_COUNT);
  const bytes = Math.min(Math.max(Math.trunc(size), 1), MAX_SIZE);
  for (let i = 0; i < n; i++) {
    const h = allocator.malloc(bytes);
    if (h === 0) return `Out of memory after ${i} of ${n} blocks.`;
    handles.push(h);
  }
  return null;
}

function freeEveryOther() {
  // Frees the first, third, fifth... live block, leaving holes in every pool they share.
  handles = handles.filter((h, i) => {
    if (i % 2 === 0) allocator.free(h);
    return i % 2 === 1;
  });
}

function freeAll() {
  for (const h of handles) allocator.free(h);
  handles = [];
}

function postSnapshot(note) {
  // Copy every array first: each later call into the module may grow wasm memory, which
  // detaches the views view() returned.
  const view = allocator.view();
  const arrays = {};
  for (const field of VIEW_FIELDS) arrays[field] = view[field].slice();
  const last = handles.length > 0 ? handles[handles.length - 1] : 0;
  const snapshot = {
    seq: ++seq,
    profile: allocator.profileName(),
    poolAligned,
    arrays,
    liveBlocks: handles.length,
    lastAddress: last === 0 ? 0 : allocator.addressOf(last),
    lastBlockSize: last === 0 ? 0 : allocator.blockSize(last),
    allocatedBlocks: allocator.allocatedBlocks(),
    footprint: allocator.footprint(),
    check: allocator.check(),
    stats: allocator.debugMallocStats(),
    note,
  };
  const transfer = Object.values(arrays).map((a) => a.buffer);
  self.postMessage({ type: 'snapshot', snapshot }, transfer);
}

const commands = {
  init: ({ profile, poolAligned: aligned }) => reset(profile, aligned),
  reset: ({ profile, poolAligned: aligned }) => reset(profile, aligned),
  allocate: ({ count, size }) => allocate(count, size),
  freeEveryOther,
  freeAll,
};

serveCommands((module, data) => {
  lab = module;
  const command = commands[data.type];
  if (!command) throw new Error(`unknown command ${data.type}`);
  postSnapshot(command(data) ?? null);
});
