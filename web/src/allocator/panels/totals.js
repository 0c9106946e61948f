// The totals panel: arenas, allocated blocks (sys.getallocatedblocks()), footprint (arenas plus
// raw blocks), raw blocks, and what the heap checker says about the allocator's invariants.
import { formatBytes, formatCount } from '../../common/format.js';

export function createTotals(panel) {
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  const arenas = field('arenas');
  const allocated = field('allocated-blocks');
  const footprint = field('footprint');
  const raw = field('raw-blocks');
  const check = field('check');
  let seq = -1;

  return {
    render({ snapshot }) {
      if (!snapshot || snapshot.seq === seq) return;
      seq = snapshot.seq;
      const { arenaIndex, rawSize } = snapshot.arrays;
      arenas.textContent = formatCount(arenaIndex.length);
      allocated.textContent = formatCount(snapshot.allocatedBlocks);
      footprint.textContent = formatBytes(snapshot.footprint);
      const rawBytes = rawSize.reduce((sum, n) => sum + n, 0);
      raw.textContent =
        rawSize.length === 0 ? '0' : `${formatCount(rawSize.length)} · ${formatBytes(rawBytes)}`;
      check.textContent = snapshot.check === '' ? 'ok' : snapshot.check;
      check.classList.toggle('error', snapshot.check !== '');
    },
  };
}
