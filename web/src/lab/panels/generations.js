// The cycle collector at the cursor: each generation's count against its threshold as a gauge,
// the collections so far, and during a collection its phases with the objects being collected:
// each one's gc_refs (after update_refs: its refcount; after subtract_refs: what is left once
// references from inside the generation are taken away) and, from move_unreachable on, whether
// it was found unreachable (it dies in this collection). Collections are listed; clicking one
// moves the cursor to its start.
import { formatAddress, formatCount } from '../../common/format.js';
import { collectionAt, PHASES } from '../collection_at.js';
import { NO_GC_REFS } from '../protocol.js';

const MAX_LISTED = 40;

function generationNames(profile) {
  return profile === '3.14' ? ['young', 'old (pending)', 'old (visited)'] : ['generation 0', 'generation 1', 'generation 2'];
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function createGenerations(element, seek) {
  let shown = -1;
  return {
    render({ view, runInfo }) {
      if (!view || !runInfo || view.seq === shown) return;
      shown = view.seq;
      const s = view.snapshot;
      const gc = s.gc;
      element.replaceChildren();

      const gauges = el('div', 'gauges');
      generationNames(runInfo.profile).forEach((name, g) => {
        const threshold = gc.threshold[g];
        const count = gc.count[g];
        const row = el('div', `gauge${threshold > 0 && count > threshold ? ' over' : ''}`);
        row.dataset.generation = String(g);
        const bar = el('div', 'gauge-bar');
        bar.setAttribute('role', 'meter');
        bar.setAttribute('aria-label', `${name}: count ${count} of threshold ${threshold}`);
        bar.setAttribute('aria-valuenow', String(count));
        bar.setAttribute('aria-valuemin', '0');
        bar.setAttribute('aria-valuemax', String(Math.max(threshold, count, 1)));
        const fill = el('div', 'gauge-fill');
        fill.style.width = `${threshold > 0 ? Math.min(100, (100 * count) / threshold) : count > 0 ? 100 : 0}%`;
        bar.append(fill);
        row.append(el('span', '', name), bar, el('span', 'gauge-text', `${formatCount(count)} / ${formatCount(threshold)}`));
        gauges.append(row);
      });
      element.append(gauges);

      const summary = el('p', 'muted');
      summary.dataset.testid = 'gc-summary';
      summary.textContent =
        `${formatCount(gc.collections)} collection${gc.collections === 1 ? '' : 's'} so far` +
        (gc.collections > 0 ? `; the last (generation ${gc.generation}) found ${formatCount(gc.lastCollected)} unreachable.` : '.');
      element.append(summary);

      const at = collectionAt(view, runInfo);
      if (at) {
        const phases = el('ol', 'phases');
        phases.setAttribute('aria-label', 'Phases of the collection');
        PHASES.forEach((phase, i) => phases.append(el('li', i === at.phase ? 'current' : i < at.phase ? 'done' : '', phase)));
        element.append(el('p', '', `Collecting generation ${at.collection.generation}: after ${gc.phase || 'start'}.`), phases);
        element.append(collectionCounts(s, at), collectingTable(s, at));
      }

      const list = runInfo.timeline.collections;
      if (list.length > 0) {
        const details = el('details');
        details.append(el('summary', '', `All collections (${formatCount(list.length)})`));
        const ul = el('ul', 'questions');
        for (const c of list.slice(0, MAX_LISTED)) {
          const li = el('li');
          const button = el('button', 'link-button', `event ${formatCount(c.position)}: generation ${c.generation}, ${formatCount(c.collected)} unreachable`);
          button.type = 'button';
          button.addEventListener('click', () => seek(c.position));
          li.append(button);
          ul.append(li);
        }
        if (list.length > MAX_LISTED) ul.append(el('li', 'muted', `… and ${formatCount(list.length - MAX_LISTED)} more`));
        details.append(ul);
        element.append(details);
      }
    },
  };
}

// How many objects the collection examines and, once move_unreachable has run, how many it
// found unreachable and how many survive, moved to the next generation (the oldest keeps its own).
function collectionCounts(s, at) {
  let examined = 0;
  let unreachable = 0;
  for (let i = 0; i < s.objectIds.length; i++) {
    if (s.objectGcRefs[i] === NO_GC_REFS) continue;
    examined++;
    if (at.unreachable?.has(s.objectIds[i])) unreachable++;
  }
  const g = at.collection.generation;
  const p = el('p', 'muted');
  p.dataset.testid = 'gc-counts';
  p.textContent =
    `${formatCount(examined)} objects examined` +
    (at.unreachable === null
      ? '.'
      : `: ${formatCount(unreachable)} unreachable, ${formatCount(examined - unreachable)} survive` +
        (g < 2 ? ` and move to generation ${g + 1}.` : ' and stay in generation 2.'));
  return p;
}

// The objects the collection looks at, with their gc_refs; unreachable ones once known. Those
// it will free come first (the run is recorded, so the panel knows them from the start: their
// gc_refs fall to 0 while the reader steps), then the rest, up to MAX_LISTED rows.
// unreachable: the set move_unreachable found, or null before it ran.
function collectingTable(s, at) {
  const unreachable = at.unreachable;
  const { doomed } = at;
  const table = el('table');
  table.dataset.testid = 'gc-refs';
  const head = table.createTHead().insertRow();
  for (const h of ['id', 'type', 'refcount', 'gc_refs', unreachable ? 'found' : '']) head.append(el('th', '', h));
  const body = table.createTBody();
  const rows = [];
  for (const first of [true, false]) {
    for (let i = 0; i < s.objectIds.length && rows.length < MAX_LISTED; i++) {
      if (s.objectGcRefs[i] !== NO_GC_REFS && doomed.has(s.objectIds[i]) === first) rows.push(i);
    }
  }
  for (const i of rows) {
    const row = body.insertRow();
    const id = s.objectIds[i];
    row.insertCell().textContent = formatAddress(id);
    row.insertCell().textContent = s.typeNames[s.objectTypes[i]];
    row.insertCell().textContent = String(s.objectRefcnts[i]);
    row.insertCell().textContent = String(s.objectGcRefs[i]);
    row.insertCell().textContent = unreachable ? (unreachable.has(id) ? 'unreachable' : 'reachable') : '';
    if (unreachable?.has(id)) row.className = 'unreachable';
  }
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 5;
    cell.textContent = 'No gc_refs at this phase (they are computed by update_refs and subtract_refs).';
  }
  const scroll = el('div', 'gc-refs-scroll');
  scroll.append(table);
  return scroll;
}
