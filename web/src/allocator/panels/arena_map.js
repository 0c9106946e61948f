// The arena map: each arena in use is one strip of its pool slots, in address order, coloured by
// pool state (untouched / empty / used / full) with used pools filled to their share of blocks
// in use. Drawn on a canvas; pointing at a pool or an arena reads it out below the map.
import { cssColours, sizeCanvas } from '../../common/canvas.js';
import { formatAddress, formatCount } from '../../common/format.js';
import { POOL_STATE, POOL_STATE_NAMES } from '../protocol.js';

const LABEL_WIDTH = 156;
const ROW_HEIGHT = 22;
const ROW_GAP = 6;
const CELL_GAP = 2;
const MIN_CELL = 5;
const PADDING = 8;
const EMPTY_HEIGHT = 64;

// The colours live in style.css, so the colour scheme changes them without code.
const COLOURS = {
  text: '--fg-muted',
  untouched: '--pool-untouched',
  empty: '--pool-empty',
  usedBackground: '--pool-used-bg',
  used: '--pool-used',
  full: '--pool-full',
  hover: '--fg',
};

export function createArenaMap(canvas, readout, requestFrame) {
  const context = canvas.getContext('2d');
  // Geometry of the last drawing, for hit-testing the pointer against it.
  let layout = null;
  let hover = null;
  let drawn = { seq: -1, width: -1, hover: null, dark: null };

  function cellAt(x, y) {
    if (!layout) return null;
    const row = Math.floor((y - PADDING) / (ROW_HEIGHT + ROW_GAP));
    if (row < 0 || row >= layout.rows || y - PADDING - row * (ROW_HEIGHT + ROW_GAP) > ROW_HEIGHT) {
      return null;
    }
    if (x < PADDING + LABEL_WIDTH) return { row, pool: -1 };
    const pool = Math.floor((x - PADDING - LABEL_WIDTH) / layout.cell);
    return pool < layout.poolCounts[row] ? { row, pool } : null;
  }

  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const next = cellAt(event.clientX - rect.left, event.clientY - rect.top);
    if (next?.row !== hover?.row || next?.pool !== hover?.pool) {
      hover = next;
      requestFrame();
    }
  });
  canvas.addEventListener('pointerleave', () => {
    hover = null;
    requestFrame();
  });
  new ResizeObserver(() => requestFrame()).observe(canvas.parentElement);

  function describe(snapshot) {
    if (!hover || !snapshot) return 'Point at a pool to read it.';
    const a = snapshot.arrays;
    const arena = hover.row;
    if (arena >= a.arenaIndex.length) return 'Point at a pool to read it.';
    const rank = a.arenaUsableRank[arena];
    const arenaText =
      `arena ${a.arenaIndex[arena]} at ${formatAddress(a.arenaAddress[arena])}: ` +
      `${a.arenaPoolCount[arena]} pools, ${a.arenaNfreepools[arena]} free, ` +
      (rank < 0 ? 'not on usable_arenas' : `position ${rank} on usable_arenas`);
    if (hover.pool < 0) return arenaText;
    const i = a.arenaFirstPool[arena] + hover.pool;
    const state = POOL_STATE_NAMES[a.poolState[i]];
    let text = `arena ${a.arenaIndex[arena]}, pool ${hover.pool} at ${formatAddress(a.poolAddress[i])}: ${state}`;
    if (a.poolState[i] !== POOL_STATE.UNTOUCHED) {
      const szidx = a.poolSzidx[i];
      const size = szidx < a.classSize.length ? `, size class ${szidx} (${a.classSize[szidx]}-byte blocks)` : '';
      text += `${size}, ${formatCount(a.poolUsed[i])} of ${formatCount(a.poolCapacity[i])} blocks in use`;
    }
    return text;
  }

  function draw(snapshot, width, colours) {
    const a = snapshot?.arrays;
    const rows = a ? a.arenaIndex.length : 0;
    const poolCounts = a ? Array.from(a.arenaPoolCount) : [];
    const columns = Math.max(1, ...poolCounts);
    const cell = Math.max(MIN_CELL, Math.floor((width - 2 * PADDING - LABEL_WIDTH) / columns));
    const cssWidth = Math.max(width, 2 * PADDING + LABEL_WIDTH + columns * cell);
    const cssHeight = rows === 0 ? EMPTY_HEIGHT : 2 * PADDING + rows * ROW_HEIGHT + (rows - 1) * ROW_GAP;
    sizeCanvas(canvas, cssWidth, cssHeight);
    context.font = colours.font;
    context.textBaseline = 'middle';
    layout = { rows, cell, poolCounts };

    if (rows === 0) {
      context.fillStyle = colours.text;
      context.fillText('No arenas yet: allocate blocks of 512 bytes or less.', PADDING, EMPTY_HEIGHT / 2);
      return;
    }
    for (let row = 0; row < rows; row++) {
      const y = PADDING + row * (ROW_HEIGHT + ROW_GAP);
      context.fillStyle = hover?.row === row && hover.pool < 0 ? colours.hover : colours.text;
      context.fillText(`#${a.arenaIndex[row]} ${formatAddress(a.arenaAddress[row])}`, PADDING, y + ROW_HEIGHT / 2);
      const first = a.arenaFirstPool[row];
      for (let k = 0; k < poolCounts[row]; k++) {
        const x = PADDING + LABEL_WIDTH + k * cell;
        const w = cell - CELL_GAP;
        const i = first + k;
        const state = a.poolState[i];
        if (state === POOL_STATE.USED) {
          context.fillStyle = colours.usedBackground;
          context.fillRect(x, y, w, ROW_HEIGHT);
          // At least one pixel of fill: a used pool always holds a block.
          const h = Math.max(1, Math.round((ROW_HEIGHT * a.poolUsed[i]) / a.poolCapacity[i]));
          context.fillStyle = colours.used;
          context.fillRect(x, y + ROW_HEIGHT - h, w, h);
        } else {
          context.fillStyle =
            state === POOL_STATE.FULL ? colours.full : state === POOL_STATE.EMPTY ? colours.empty : colours.untouched;
          context.fillRect(x, y, w, ROW_HEIGHT);
        }
        if (hover?.row === row && hover.pool === k) {
          context.strokeStyle = colours.hover;
          context.lineWidth = 2;
          context.strokeRect(x + 1, y + 1, w - 2, ROW_HEIGHT - 2);
        }
      }
    }
  }

  return {
    render({ snapshot }) {
      const width = canvas.parentElement.clientWidth;
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      const hoverKey = hover ? `${hover.row}:${hover.pool}` : null;
      const seq = snapshot ? snapshot.seq : -1;
      if (drawn.seq === seq && drawn.width === width && drawn.hover === hoverKey && drawn.dark === dark) return;
      drawn = { seq, width, hover: hoverKey, dark };
      draw(snapshot, width, cssColours(canvas, COLOURS, 12));
      readout.textContent = describe(snapshot);
    },
  };
}
