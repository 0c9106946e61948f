// The arena map at the cursor: each arena a strip of its pool slots (from its first POOL_SIZE
// boundary), each pool filled to its share of blocks in use and outlined when the last step
// changed it. Clicking a pool draws its blocks below; pointing at a block names the object that
// starts in it (type, refcount, id, and a short repr when the run's object graph holds it). Raw
// (malloc) blocks, outside the arenas, are summarised.
// Canvas, redrawn only when the view, the size, the hover or the selection changes.
import { cssColours, sizeCanvas } from '../../common/canvas.js';
import { formatAddress, formatBytes, formatCount } from '../../common/format.js';
import { indexOfSorted, lowerBound } from '../../common/sorted.js';
import { RAW_BLOCK } from '../protocol.js';

const LABEL_WIDTH = 124;
const ROW_HEIGHT = 18;
const ROW_GAP = 4;
const CELL_GAP = 1;
const MIN_CELL = 4;
const PADDING = 6;
const BLOCK_CELL = 14;

const COLOURS = {
  text: '--fg-muted',
  fg: '--fg',
  free: '--pool-untouched',
  usedBackground: '--pool-used-bg',
  used: '--pool-used',
  full: '--pool-full',
  changed: '--changed',
};

// Pool slots of an arena: from the first POOL_SIZE boundary at or after its start to its end.
export function arenaSlots(address, arenaSize, poolSize) {
  const first = Math.ceil(address / poolSize) * poolSize;
  return { first, count: Math.floor((address + arenaSize - first) / poolSize) };
}

const plural = (n, word) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

export function createArenaMap(elements, requestFrame) {
  const { canvas, readout, detail, blocksCanvas, blockReadout, raw } = elements;
  let layout = null;
  let hover = null;        // { row, slot }
  let selected = null;     // pool address
  let blockHover = -1;     // block slot in the selected pool
  let drawn = '';
  let changed = new Set(); // pool addresses the last step changed
  let previous = null;     // pool address -> used, of the view before
  let previousSeq = -1;
  // Short reprs of the objects the run's graph names (reachable from __main__ at its end).
  let labels = new Map();
  let labelsOf = null;

  const poolIndex = (s, address) => indexOfSorted(s.poolAddrs, address);

  function trackChanges(view) {
    if (view.seq === previousSeq) return;
    previousSeq = view.seq;
    const s = view.snapshot;
    const now = new Map();
    for (let i = 0; i < s.poolAddrs.length; i++) now.set(s.poolAddrs[i], s.poolUsed[i]);
    changed = new Set();
    if (previous && !view.run) {
      for (const [address, used] of now) if (previous.get(address) !== used) changed.add(address);
      for (const address of previous.keys()) if (!now.has(address)) changed.add(address);
    }
    previous = now;
  }

  function slotAt(x, y) {
    if (!layout) return null;
    const row = Math.floor((y - PADDING) / (ROW_HEIGHT + ROW_GAP));
    if (row < 0 || row >= layout.rows) return null;
    if (x < PADDING + LABEL_WIDTH) return { row, slot: -1 };
    const slot = Math.floor((x - PADDING - LABEL_WIDTH) / layout.cell);
    return slot >= 0 && slot < layout.counts[row] ? { row, slot } : null;
  }

  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const next = slotAt(event.clientX - rect.left, event.clientY - rect.top);
    if (next?.row !== hover?.row || next?.slot !== hover?.slot) {
      hover = next;
      requestFrame();
    }
  });
  canvas.addEventListener('pointerleave', () => {
    hover = null;
    requestFrame();
  });
  canvas.addEventListener('click', () => {
    if (!hover || hover.slot < 0 || !layout) return;
    selected = layout.firsts[hover.row] + hover.slot * layout.poolSize;
    blockHover = -1;
    requestFrame();
  });
  blocksCanvas.addEventListener('pointermove', (event) => {
    const rect = blocksCanvas.getBoundingClientRect();
    const perRow = Math.max(1, Math.floor(rect.width / BLOCK_CELL));
    const k = Math.floor((event.clientY - rect.top) / BLOCK_CELL) * perRow + Math.floor((event.clientX - rect.left) / BLOCK_CELL);
    if (k !== blockHover) {
      blockHover = k;
      requestFrame();
    }
  });
  new ResizeObserver(() => requestFrame()).observe(canvas.parentElement);

  function describePool(s, address) {
    const i = poolIndex(s, address);
    if (i < 0) return `pool at ${formatAddress(address)}: free (no block in use)`;
    const size = s.poolClass[i];
    const capacity = Math.floor((s.poolSize - s.poolOverhead) / size);
    return (
      `pool at ${formatAddress(address)}: ${size}-byte blocks, ${formatCount(s.poolUsed[i])} of ` +
      `${formatCount(capacity)} in use${s.poolUsed[i] === capacity ? ' (full)' : ''}`
    );
  }

  function drawArenas(s, width, col) {
    const rows = s.arenaAddrs.length;
    const counts = [];
    const firsts = [];
    for (let r = 0; r < rows; r++) {
      const { first, count } = arenaSlots(s.arenaAddrs[r], s.arenaSize, s.poolSize);
      firsts.push(first);
      counts.push(count);
    }
    const columns = Math.max(1, ...counts);
    const cell = Math.max(MIN_CELL, Math.floor((width - 2 * PADDING - LABEL_WIDTH) / columns));
    const height = rows === 0 ? 40 : 2 * PADDING + rows * ROW_HEIGHT + (rows - 1) * ROW_GAP;
    const context = sizeCanvas(canvas, Math.max(width, 2 * PADDING + LABEL_WIDTH + columns * cell), height);
    context.font = col.font;
    context.textBaseline = 'middle';
    layout = { rows, counts, firsts, cell, poolSize: s.poolSize };
    if (rows === 0) {
      context.fillStyle = col.text;
      context.fillText('No arenas at this point.', PADDING, 20);
      return;
    }
    let p = 0; // walks the snapshot's pools, which are sorted like the slots
    for (let r = 0; r < rows; r++) {
      const y = PADDING + r * (ROW_HEIGHT + ROW_GAP);
      context.fillStyle = hover?.row === r && hover.slot < 0 ? col.fg : col.text;
      context.fillText(formatAddress(s.arenaAddrs[r]), PADDING, y + ROW_HEIGHT / 2);
      for (let k = 0; k < counts[r]; k++) {
        const address = firsts[r] + k * s.poolSize;
        while (p < s.poolAddrs.length && s.poolAddrs[p] < address) p++;
        const x = PADDING + LABEL_WIDTH + k * cell;
        const w = Math.max(1, cell - CELL_GAP);
        if (p < s.poolAddrs.length && s.poolAddrs[p] === address) {
          const capacity = Math.floor((s.poolSize - s.poolOverhead) / s.poolClass[p]);
          if (s.poolUsed[p] >= capacity) {
            context.fillStyle = col.full;
            context.fillRect(x, y, w, ROW_HEIGHT);
          } else {
            context.fillStyle = col.usedBackground;
            context.fillRect(x, y, w, ROW_HEIGHT);
            const h = Math.max(1, Math.round((ROW_HEIGHT * s.poolUsed[p]) / capacity));
            context.fillStyle = col.used;
            context.fillRect(x, y + ROW_HEIGHT - h, w, h);
          }
        } else {
          context.fillStyle = col.free;
          context.fillRect(x, y, w, ROW_HEIGHT);
        }
        if (changed.has(address) || address === selected || (hover?.row === r && hover.slot === k)) {
          context.strokeStyle = changed.has(address) ? col.changed : col.fg;
          context.lineWidth = 2;
          context.strokeRect(x + 1, y + 1, Math.max(1, w - 2), ROW_HEIGHT - 2);
        }
      }
    }
  }

  // The selected pool's blocks: one cell per block slot, filled when in use.
  function drawPool(s, col) {
    if (selected === null) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    const i = poolIndex(s, selected);
    const width = detail.clientWidth || 600;
    const perRow = Math.max(1, Math.floor(width / BLOCK_CELL));
    if (i < 0) {
      sizeCanvas(blocksCanvas, width, BLOCK_CELL);
      blockReadout.textContent = `${describePool(s, selected)}.`;
      return;
    }
    const size = s.poolClass[i];
    const capacity = Math.floor((s.poolSize - s.poolOverhead) / size);
    const base = selected + s.poolOverhead;
    const used = new Uint8Array(capacity);
    for (let b = lowerBound(s.blockAddrs, base); b < s.blockAddrs.length && s.blockAddrs[b] < selected + s.poolSize; b++) {
      const slot = Math.floor((s.blockAddrs[b] - base) / size);
      if (slot >= 0 && slot < capacity) used[slot] = 1;
    }
    const context = sizeCanvas(blocksCanvas, width, Math.ceil(capacity / perRow) * BLOCK_CELL);
    for (let k = 0; k < capacity; k++) {
      context.fillStyle = used[k] ? col.used : col.free;
      const x = (k % perRow) * BLOCK_CELL;
      const y = Math.floor(k / perRow) * BLOCK_CELL;
      context.fillRect(x, y, BLOCK_CELL - 2, BLOCK_CELL - 2);
      if (k === blockHover) {
        context.strokeStyle = col.fg;
        context.lineWidth = 2;
        context.strokeRect(x + 1, y + 1, BLOCK_CELL - 4, BLOCK_CELL - 4);
      }
    }
    let text = `${describePool(s, selected)}.`;
    if (blockHover >= 0 && blockHover < capacity) {
      const address = base + blockHover * size;
      text = `block ${blockHover} at ${formatAddress(address)}: `;
      if (!used[blockHover]) {
        text += 'free';
      } else {
        // The object that starts in this block (after a GC header, for tracked containers).
        const o = lowerBound(s.objectIds, address);
        if (o < s.objectIds.length && s.objectIds[o] < address + size) {
          const id = s.objectIds[o];
          const label = labels.get(id);
          text += `${s.typeNames[s.objectTypes[o]]}${label ? ` ${label}` : ''}, refcount ${s.objectRefcnts[o]}, id ${id}`;
        } else {
          text += 'in use (a buffer: list items, dict keys, set table, or instance values)';
        }
      }
    }
    blockReadout.textContent = text;
  }

  function describeRaw(s) {
    let count = 0;
    let bytes = 0;
    for (let b = 0; b < s.blockAddrs.length; b++) {
      if (s.blockPool[b] === RAW_BLOCK) {
        count++;
        bytes += s.blockSizes[b];
      }
    }
    return count === 0
      ? 'No raw (malloc) blocks: every request was small enough for pymalloc.'
      : `Raw blocks (requests over the small-object threshold, from malloc): ${formatCount(count)}, ${formatBytes(bytes)}.`;
  }

  return {
    render({ view, runInfo }) {
      if (!view) return;
      if (runInfo && runInfo !== labelsOf) {
        labelsOf = runInfo;
        labels = new Map(runInfo.graph.nodes.filter((n) => n.type !== null).map((n) => [n.id, n.label]));
      }
      trackChanges(view);
      const width = canvas.parentElement.clientWidth;
      const key = `${view.seq}:${width}:${hover?.row}:${hover?.slot}:${selected}:${blockHover}:${document.documentElement.dataset.theme}`;
      if (key === drawn) return;
      drawn = key;
      const s = view.snapshot;
      const col = cssColours(canvas, COLOURS);
      drawArenas(s, width, col);
      drawPool(s, col);
      if (hover && layout) {
        readout.textContent =
          hover.slot < 0
            ? `arena at ${formatAddress(s.arenaAddrs[hover.row])}: ${layout.counts[hover.row]} pool slots of ${formatBytes(s.poolSize)}`
            : describePool(s, layout.firsts[hover.row] + hover.slot * s.poolSize);
      } else {
        readout.textContent =
          `${plural(s.arenaAddrs.length, 'arena')} of ${formatBytes(s.arenaSize)}, ` +
          `${plural(s.poolAddrs.length, 'pool')} in use, ${plural(s.blockAddrs.length, 'block')} ` +
          `(${formatBytes(s.bytesInUse)} requested). Point at a pool to read it; click it to see its blocks.`;
      }
      raw.textContent = describeRaw(s);
    },
  };
}
