// The JS API of the WebAssembly module (bindings.cpp through pymemlab.mjs), under Node's test
// runner. ctest runs it (wasm/CMakeLists.txt), with PYMEMLAB_WASM_DIR naming the build directory;
// run by hand: node --test wasm/tests/  (after make wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = process.env.PYMEMLAB_WASM_DIR ?? path.resolve(here, '../../build/wasm');
const { loadPyMemLab } = await import(pathToFileURL(path.join(buildDir, 'pymemlab.mjs')).href);
const lab = await loadPyMemLab();

// 3.13: ALIGNMENT 16, so a 24-byte request is size class 1, 32-byte blocks.
const CLASS_32 = 1;

function allocate(allocator, count, nbytes) {
  const handles = [];
  for (let i = 0; i < count; i++) handles.push(allocator.malloc(nbytes));
  return handles;
}

test('the factory in pymemlab.js loads from a wasmBinary read with fs', async () => {
  const factory = createRequire(import.meta.url)(path.join(buildDir, 'pymemlab.js'));
  const wasmBinary = await readFile(path.join(buildDir, 'pymemlab.wasm'));
  const module = await factory({ wasmBinary });
  assert.equal(typeof module.Allocator, 'function');
  assert.ok(module.profiles().includes('3.13'));
});

test('profiles lists every profile and 3.13 is the default', () => {
  const names = lab.profiles();
  assert.deepEqual(names, ['2.7', '3.6', '3.8', '3.10', '3.11', '3.12', '3.13', '3.14']);
  assert.equal(lab.defaultProfile(), '3.13');
});

test('an unknown profile name falls back to the default profile', () => {
  const allocator = new lab.Allocator('9.9', false);
  try {
    assert.equal(allocator.profileName(), '3.13');
  } finally {
    allocator.delete();
  }
});

test('100 blocks of 24 bytes fill one pool of 32-byte blocks, 32 bytes apart', () => {
  const allocator = new lab.Allocator('3.13', false);
  try {
    const handles = allocate(allocator, 100, 24);
    assert.ok(handles.every((h) => h !== 0), 'malloc returned 0');
    assert.ok(handles.every((h) => allocator.blockSize(h) === 32));
    const addresses = handles.map((h) => allocator.addressOf(h));
    for (let i = 1; i < addresses.length; i++) assert.equal(addresses[i] - addresses[i - 1], 32);

    const view = allocator.view();
    assert.equal(view.classSize[CLASS_32], 32);
    assert.equal(view.classBlocksInUse[CLASS_32], 100);
    assert.equal(view.classPools[CLASS_32], 1);
    assert.equal(view.classBlocksInUse.reduce((a, b) => a + b, 0), 100);
    assert.equal(view.arenaIndex.length, 1);
    const used = [...view.poolState.keys()].filter((i) => view.poolState[i] === 2);
    assert.equal(used.length, 1);
    assert.equal(view.poolSzidx[used[0]], CLASS_32);
    assert.equal(view.poolUsed[used[0]], 100);
    assert.equal(view.classAvailBlocks[CLASS_32], view.poolCapacity[used[0]] - 100);
    const blocks = allocator.poolBlocks(used[0]);
    assert.equal(blocks.reduce((a, b) => a + b, 0), 100);
    assert.equal(allocator.allocatedBlocks(), 100);

    for (const h of handles) allocator.free(h);
    const after = allocator.view();
    assert.equal(after.classBlocksInUse.reduce((a, b) => a + b, 0), 0);
    assert.equal(after.classPools[CLASS_32], 0);
    assert.equal(allocator.allocatedBlocks(), 0);
    assert.equal(allocator.check(), '');
  } finally {
    allocator.delete();
  }
});

test('two fresh allocators hand out the same addresses', async () => {
  const addressesOf = (module) => {
    const allocator = new module.Allocator('3.13', false);
    try {
      return allocate(allocator, 100, 24).map((h) => allocator.addressOf(h));
    } finally {
      allocator.delete();
    }
  };
  const first = addressesOf(lab);
  assert.deepEqual(addressesOf(lab), first);
  // A second instance of the module starts from different host memory: same addresses still.
  assert.deepEqual(addressesOf(await loadPyMemLab()), first);
});

test('a 600-byte request goes to the raw allocator and shows in rawAddress', () => {
  const allocator = new lab.Allocator('3.13', false);
  try {
    const h = allocator.malloc(600);
    assert.notEqual(h, 0);
    assert.equal(allocator.blockSize(h), 600);
    const view = allocator.view();
    assert.equal(view.rawSize.length, 1);
    assert.equal(view.rawSize[0], 600);
    assert.equal(view.rawAddress[0], allocator.addressOf(h));
    assert.equal(view.arenaIndex.length, 0);
    allocator.free(h);
    assert.equal(allocator.view().rawSize.length, 0);
    assert.equal(allocator.check(), '');
  } finally {
    allocator.delete();
  }
});

test('realloc past the size class moves the block; handle 0 has no address', () => {
  const allocator = new lab.Allocator('3.13', true);
  try {
    const h = allocator.malloc(24);
    const moved = allocator.realloc(h, 100);
    assert.notEqual(moved, h);
    assert.equal(allocator.blockSize(moved), 112);
    assert.equal(allocator.addressOf(0), 0);
    allocator.free(0);
    allocator.free(moved);
    assert.equal(allocator.allocatedBlocks(), 0);
    assert.match(allocator.debugMallocStats(), /Small block threshold = 512/);
    assert.equal(allocator.check(), '');
  } finally {
    allocator.delete();
  }
});
