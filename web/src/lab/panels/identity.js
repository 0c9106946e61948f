// Names and identity: each of __main__'s names at the cursor with its object's id, type and
// reference count, and a badge when the object is shared for a reason CPython has (small-int
// cache, singleton, immortal, on a free list); then every `a is b` the snippet asks, with the
// lab's explanation (answered at the end of the run).
import { formatAddress } from '../../common/format.js';
import { indexOfSorted } from '../../common/sorted.js';
import { FLAG } from '../protocol.js';

const SHARED_BADGES = {
  'small int': 'small-int cache',
  interned: 'interned',
  singleton: 'singleton',
  'empty tuple': 'empty-tuple singleton',
  constant: 'same constant',
};

// `shared`: the Lab's shared_kind for the object at the end of the run ('' when it was not
// asked or is none). Static and immortal objects are marked at any point.
export function badgesFor(shared, flags) {
  const badges = [];
  if (SHARED_BADGES[shared]) badges.push(SHARED_BADGES[shared]);
  else if (flags & FLAG.STATIC) badges.push('static');
  if (flags & FLAG.IMMORTAL) badges.push('immortal');
  if (flags & FLAG.FREE_LIST) badges.push('on a free list');
  return badges;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function createIdentity(element) {
  let shown = -1;
  return {
    render({ view, runInfo }) {
      if (!view || view.seq === shown) return;
      shown = view.seq;
      const s = view.snapshot;
      element.replaceChildren();
      if (s.names.length === 0) {
        const p = document.createElement('p');
        p.className = 'muted';
        p.textContent = 'No names are bound in __main__ at this point.';
        element.append(p);
      } else {
        const table = document.createElement('table');
        const head = table.createTHead().insertRow();
        for (const h of ['name', 'id', 'type', 'refcount', '']) {
          const th = document.createElement('th');
          th.textContent = h;
          th.scope = 'col';
          head.append(th);
        }
        const body = table.createTBody();
        const atEnd = view.position === view.snippetEnd;
        const atEndNames = runInfo?.identity.names ?? [];
        const explained = new Map(atEndNames.map((n) => [n.name, n.explanation]));
        // A shared object (small int, singleton, interned string) keeps its id for the whole run.
        const shared = new Map(atEndNames.map((n) => [n.id, n.shared]));
        s.names.forEach((name, i) => {
          const id = s.nameIds[i];
          const k = indexOfSorted(s.objectIds, id);
          const type = k < 0 ? '?' : s.typeNames[s.objectTypes[k]];
          const flags = k < 0 ? 0 : s.objectFlags[k];
          const row = body.insertRow();
          row.dataset.name = name;
          cell(row, name);
          cell(row, `${id} (${formatAddress(id)})`);
          cell(row, type);
          cell(row, k < 0 ? '?' : String(s.objectRefcnts[k]));
          const badges = cell(row, '');
          for (const text of badgesFor(shared.get(id) ?? '', flags)) {
            const span = document.createElement('span');
            span.className = `badge ${text === 'immortal' ? 'immortal' : ''}`;
            span.textContent = text;
            badges.append(span);
          }
          if (atEnd && explained.has(name)) row.title = explained.get(name);
        });
        element.append(table);
      }
      const questions = runInfo?.identity.questions ?? [];
      if (questions.length > 0) {
        const h = document.createElement('h3');
        h.className = 'muted';
        h.textContent = 'Identity questions in the snippet (answered at the end of the run)';
        const list = document.createElement('ul');
        list.className = 'questions';
        list.dataset.testid = 'identity-questions';
        for (const q of questions) {
          const li = document.createElement('li');
          const code = document.createElement('code');
          code.className = 'verdict';
          code.textContent = `line ${q.line}: ${q.question}`;
          const p = document.createElement('div');
          p.textContent = q.explanation;
          li.append(code, p);
          list.append(li);
        }
        element.append(h, list);
      }
    },
  };
}
