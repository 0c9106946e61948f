// The Lab's JS API (lab_bindings.cpp through pymemlab.mjs) under Node's test runner: run a
// snippet, step and rewind, read snapshots as typed arrays, ask explain(). ctest runs it with
// PYMEMLAB_WASM_DIR naming the build directory; by hand: node --test wasm/tests/ (after make wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = process.env.PYMEMLAB_WASM_DIR ?? path.resolve(here, '../../build/wasm');
const { loadPyMemLab } = await import(pathToFileURL(path.join(buildDir, 'pymemlab.mjs')).href);
const module = await loadPyMemLab();

function withLab(profile, source, body) {
  const lab = new module.Lab(profile, 'script', 0);
  try {
    lab.load(source);
    return body(lab, lab.run());
  } finally {
    lab.delete();
  }
}

// The object a name is bound to in a snapshot, with its fields copied out of the views.
function named(snap, name) {
  const i = snap.names.indexOf(name);
  if (i < 0) return null;
  const id = snap.nameIds[i];
  const k = snap.objectIds.indexOf(id);
  return { id, refcnt: snap.objectRefcnts[k], type: snap.typeNames[snap.objectTypes[k]] };
}

test('a run prints what the native CLI prints and ends at the last event', () => {
  withLab('3.13', 'a = [1, 2]\nb = a\nprint(len(b), a is b)\n', (lab, status) => {
    assert.equal(status, 0);
    assert.equal(lab.output(), '2 True\n');
    assert.equal(lab.position(), lab.end());
    assert.ok(lab.end() > lab.start());
  });
});

test('stepping by line walks the lines, and a name\'s count follows the references', () => {
  withLab('3.12', 'x = []\ny = x\nz = [x, x]\ndel z\n', (lab) => {
    lab.rewind(lab.start());
    const seen = [];
    while (lab.position() < lab.end()) {
      lab.step('line', 1);
      const snap = lab.snapshot();
      const x = named(snap, 'x');
      seen.push([snap.line, x ? x.refcnt : 0]);
    }
    const firstAt = new Map();
    for (const [line, count] of seen) if (!firstAt.has(line)) firstAt.set(line, count);
    assert.deepEqual([...firstAt.entries()], [[1, 0], [2, 1], [3, 2], [4, 4]]);
    const end = lab.snapshot();
    assert.equal(named(end, 'x').refcnt, 2);
    assert.equal(named(end, 'x').type, 'list');
  });
});

test('rewinding and coming back gives the same snapshot', () => {
  withLab('3.11', 'items = [str(i) * 2 for i in range(200)]\ndel items[::2]\n', (lab) => {
    const middle = Math.floor((lab.start() + lab.end()) / 2);
    lab.rewind(middle);
    const a = lab.snapshot();
    const ids = Array.from(a.objectIds), counts = Array.from(a.objectRefcnts), blocks = Array.from(a.blockAddrs);
    lab.rewind(lab.end());
    lab.rewind(lab.start());
    lab.rewind(middle);
    const b = lab.snapshot();
    assert.deepEqual(Array.from(b.objectIds), ids);
    assert.deepEqual(Array.from(b.objectRefcnts), counts);
    assert.deepEqual(Array.from(b.blockAddrs), blocks);
  });
});

test('a collection can be stepped to and shows in the gc fields', () => {
  withLab('3.12', 'import gc\na = []\na.append(a)\ndel a\nprint(gc.collect())\n', (lab) => {
    assert.equal(lab.output(), '1\n');
    // Step collection by collection (an automatic one may come first); the last found the list.
    lab.rewind(lab.start());
    let collections = 0;
    let lastCollected = -1;
    while (lab.position() < lab.end()) {
      lab.step('collection', 1);
      const snap = lab.snapshot();
      assert.equal(snap.gc.collecting, false);
      assert.deepEqual(snap.gc.threshold, [700, 10, 10]);
      if (snap.gc.collections > collections) {
        collections = snap.gc.collections;
        lastCollected = snap.gc.lastCollected;
      }
    }
    assert.ok(collections >= 1);
    assert.equal(lastCollected, 1);
  });
});

test('explain says why two names share an object', () => {
  withLab('3.13', 'a = 7\nb = 7\np = [1]\nq = [1]\n', (lab) => {
    assert.match(lab.explain('a is b'), /cached small int 7/);
    assert.match(lab.explain('p is q'), /two distinct objects/);
  });
});

test('the trace is readable as typed arrays, one word and one address per event', () => {
  withLab('3.13', 'x = [1, 2, 3]\n', (lab) => {
    const words = lab.traceWords();
    const addrs = lab.traceAddrs();
    assert.equal(words.length, lab.end());
    assert.equal(addrs.length, 2 * lab.end());
    const kinds = new Set(Array.from(words, (w) => w >>> 24));
    assert.ok(kinds.size >= 5);
  });
});

test('a runaway loop ends at the budget with a clear error, and the lab goes on', () => {
  const lab = new module.Lab('3.13', 'script', 50000);
  try {
    lab.load('while True:\n    pass\n');
    assert.equal(lab.run(), 1);
    assert.match(lab.output(), /budget/);
    lab.load('print(1 + 1)\n');
    assert.equal(lab.run(), 0);
    assert.equal(lab.output(), '2\n');
  } finally {
    lab.delete();
  }
});

test('a snapshot lays blocks out in arenas and pools, and the pools follow the blocks', () => {
  withLab('3.13', 'xs = [str(i) * 2 for i in range(3000)]\n', (lab, status) => {
    assert.equal(status, 0);
    const s = lab.snapshot();
    assert.equal(s.arenaSize, 1 << 20);
    assert.equal(s.poolSize, 16384);
    assert.ok(s.arenaAddrs.length >= 1);
    let used = 0;
    for (let p = 0; p < s.poolAddrs.length; p++) {
      assert.equal(s.poolAddrs[p] % s.poolSize, 0);
      assert.ok(s.poolUsed[p] >= 1 && s.poolUsed[p] <= Math.floor((s.poolSize - s.poolOverhead) / s.poolClass[p]));
      used += s.poolUsed[p];
    }
    let inPools = 0;
    for (let b = 0; b < s.blockAddrs.length; b++) if (s.blockPool[b] !== 0xffffffff) inPools++;
    assert.equal(used, inPools);
    assert.ok(inPools > 3000);
    assert.ok(inPools < s.blockAddrs.length); // the list's item array (24 KB) is a raw block
  });
});

test('the graph at the end names referents without changing the run', () => {
  withLab('3.12', 'x = [5, "ab", None]\n', (lab) => {
    const end = lab.end();
    const s = lab.snapshot();
    const x = s.nameIds[s.names.indexOf('x')];
    const refs = lab.referents(x);
    // list_traverse visits the items last to first, as gc.get_referents shows.
    assert.deepEqual(refs.map((r) => lab.label(r)), ['None', "'ab'", '5']);
    assert.deepEqual(refs.map((r) => lab.sharedKind(r)), ['singleton', 'interned', 'small int']);
    assert.equal(lab.label(x), 'list[3]');
    assert.ok(lab.mainDictId() > 0);
    assert.deepEqual(lab.referents(1), []);
    assert.equal(lab.end(), end);
  });
});

test('stepping by phase stops after each phase of a collection', () => {
  withLab('3.13', 'import gc\nx = []\nx.append(x)\ndel x\ngc.collect()\n', (lab) => {
    lab.rewind(lab.start());
    const phases = [];
    while (lab.position() < lab.end() && phases.length < 20) {
      lab.step('phase', 1);
      const g = lab.snapshot().gc;
      if (g.collecting) phases.push(g.phase);
    }
    assert.deepEqual(phases.slice(0, 3), ['update_refs', 'subtract_refs', 'move_unreachable']);
    assert.ok(phases.includes('delete_garbage'));
  });
});

test('finish() runs the interpreter\'s exit after the run: its __del__ output, from exitStart() on', () => {
  const source = "class A:\n    def __del__(self):\n        print('bye')\na = A()\nprint('end')\n";
  withLab('3.12', source, (lab, status) => {
    assert.equal(status, 0);
    const snippetEnd = lab.end();
    assert.equal(lab.exitStart(), snippetEnd);
    assert.ok(named(lab.snapshot(), 'a'));
    lab.finish();
    assert.equal(lab.exitStart(), snippetEnd);
    assert.ok(lab.end() > snippetEnd);
    assert.equal(lab.output(), 'end\nbye\n');
    lab.rewind(snippetEnd);
    assert.equal(lab.outputAtCursor(), 'end\n');
    assert.ok(named(lab.snapshot(), 'a'));
  });
});
