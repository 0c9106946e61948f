// The size-class table: for each class, its block size, the pools it holds, and the blocks in
// use and available in them, as HeapView counts them (the table of sys._debugmallocstats(),
// which prints only classes with pools; this one lists every class so rows stay put).
import { formatCount } from '../../common/format.js';

const COLUMNS = ['class', 'size', 'pools', 'in-use', 'avail'];

export function createSizeClasses(table) {
  const body = table.tBodies[0];
  let rows = [];
  let seq = -1;

  // Rebuilt only when the number of classes changes (a profile with another ALIGNMENT).
  function buildRows(classSize) {
    rows = Array.from(classSize, (size, szidx) => {
      const tr = document.createElement('tr');
      tr.dataset.classSize = String(size);
      const cells = {};
      for (const column of COLUMNS) {
        const td = document.createElement('td');
        td.dataset.col = column;
        cells[column] = td;
        tr.append(td);
      }
      cells.class.textContent = String(szidx);
      return { tr, cells };
    });
    body.replaceChildren(...rows.map((row) => row.tr));
  }

  return {
    render({ snapshot }) {
      if (!snapshot || snapshot.seq === seq) return;
      seq = snapshot.seq;
      const { classSize, classPools, classBlocksInUse, classAvailBlocks } = snapshot.arrays;
      if (rows.length !== classSize.length) buildRows(classSize);
      rows.forEach(({ tr, cells }, szidx) => {
        tr.dataset.classSize = String(classSize[szidx]);
        cells.size.textContent = String(classSize[szidx]);
        cells.pools.textContent = formatCount(classPools[szidx]);
        cells['in-use'].textContent = formatCount(classBlocksInUse[szidx]);
        cells.avail.textContent = formatCount(classAvailBlocks[szidx]);
        tr.classList.toggle('idle', classPools[szidx] === 0);
      });
    },
  };
}
