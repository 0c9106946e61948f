// The timeline: blocks in use over the whole run (area), arenas (steps) and gen-0's count (line),
// each on its own scale, with a tick for every collection and the cursor as a vertical rule.
// Clicking moves the cursor there (the scrubber follows); pointing reads the values.
import { cssColours, sizeCanvas } from '../../common/canvas.js';
import { formatCount } from '../../common/format.js';
import { lowerBound } from '../../common/sorted.js';

const HEIGHT = 130;
const PAD = { left: 8, right: 8, top: 10, bottom: 16 };

const COLOURS = { blocks: '--pool-used', area: '--pool-used-bg', arenas: '--fg', gen0: '--changed', muted: '--fg-muted' };

export function createTimeline(canvas, readout, seek, requestFrame) {
  let series = null; // the run's timeline, kept between views
  let start = 0;
  let end = 0;
  let hoverX = -1;
  let drawn = '';

  function positionAt(x, width) {
    const t = Math.min(1, Math.max(0, (x - PAD.left) / (width - PAD.left - PAD.right)));
    return Math.round(start + t * (end - start));
  }

  // The bucket holding a position (buckets are sorted by their end).
  const bucketAt = (position) => Math.min(lowerBound(series.positions, position), series.positions.length - 1);

  canvas.addEventListener('pointermove', (event) => {
    hoverX = event.clientX - canvas.getBoundingClientRect().left;
    requestFrame();
  });
  canvas.addEventListener('pointerleave', () => {
    hoverX = -1;
    requestFrame();
  });
  canvas.addEventListener('click', (event) => {
    if (!series) return;
    const rect = canvas.getBoundingClientRect();
    seek(positionAt(event.clientX - rect.left, rect.width));
  });
  new ResizeObserver(() => requestFrame()).observe(canvas.parentElement);

  function draw(view, width) {
    const ctx = sizeCanvas(canvas, width, HEIGHT);
    const col = cssColours(canvas, COLOURS);
    const w = width - PAD.left - PAD.right;
    const h = HEIGHT - PAD.top - PAD.bottom;
    const n = series.positions.length;
    const span = Math.max(1, end - start);
    const x = (position) => PAD.left + ((position - start) / span) * w;
    const scaled = (values) => {
      let max = 1;
      for (const v of values) max = Math.max(max, v);
      return (v) => PAD.top + h - (v / max) * h;
    };
    const yBlocks = scaled(series.blocks);
    ctx.beginPath();
    ctx.moveTo(x(start), PAD.top + h);
    for (let i = 0; i < n; i++) ctx.lineTo(x(series.positions[i]), yBlocks(series.blocks[i]));
    ctx.lineTo(x(series.positions[n - 1]), PAD.top + h);
    ctx.closePath();
    ctx.fillStyle = col.area;
    ctx.fill();
    ctx.strokeStyle = col.blocks;
    ctx.stroke();
    for (const [values, colour] of [
      [series.arenas, col.arenas],
      [series.gen0, col.gen0],
    ]) {
      const y = scaled(values);
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (i === 0) ctx.moveTo(x(series.positions[i]), y(values[i]));
        else ctx.lineTo(x(series.positions[i]), y(values[i]));
      }
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    ctx.fillStyle = col.muted;
    for (const c of series.collections) {
      const cx = x(c.position);
      ctx.fillRect(cx, PAD.top + h + 2, 1.5, 4 + 3 * c.generation);
    }
    ctx.fillStyle = col.arenas;
    ctx.fillRect(x(view.position) - 1, PAD.top - 4, 2, h + 8);
    ctx.font = col.font;
    ctx.fillStyle = col.muted;
    ctx.textBaseline = 'top';
    ctx.fillText('blocks (area)  arenas (line)  gen-0 count (orange)  collections (ticks)', PAD.left, 0);
  }

  return {
    render({ view, runInfo }) {
      if (runInfo && runInfo.timeline !== series) {
        series = runInfo.timeline;
        drawn = '';
      }
      if (!view || !series || series.positions.length === 0) return;
      start = view.start;
      end = view.end;
      const width = canvas.parentElement.clientWidth - 2;
      const key = `${view.position}:${width}:${hoverX}:${series.positions.length}:${document.documentElement.dataset.theme}`;
      if (key === drawn) return;
      drawn = key;
      draw(view, width);
      const position = hoverX >= 0 ? positionAt(hoverX, width) : view.position;
      const i = bucketAt(position);
      readout.textContent =
        `${hoverX >= 0 ? 'near' : 'at'} event ${formatCount(position - start)} of ${formatCount(end - start)}: ` +
        `${formatCount(series.blocks[i])} blocks, ${formatCount(series.arenas[i])} arenas, gen-0 count ${formatCount(series.gen0[i])}; ` +
        `${formatCount(series.collections.length)} collections in the run`;
    },
  };
}
