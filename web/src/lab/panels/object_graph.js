// The object graph: __main__'s names → objects → what they refer to (gc.get_referents' order),
// laid out in columns by distance from a name, drawn as SVG. Its shape is the run's end (the
// only point where the lab can ask objects for their referents); at other points each node
// shows its refcount there, is dashed when the object is not alive there, shows its gc_refs
// during a collection and is marked when that collection finds it unreachable. A reference
// back to an earlier column (a cycle) is drawn in the accent colour. Export as SVG or DOT.
// When the snippet drew graphs with objgraph (show_refs, show_backrefs, show_chain), a picker
// offers each of them, the latest chosen: objgraph's nodes, labels and colours, laid out the
// same way (objgraph_dot.js), and exported as the DOT objgraph wrote.
import { formatAddress } from '../../common/format.js';
import { indexOfSorted } from '../../common/sorted.js';
import { collectionAt } from '../collection_at.js';
import { parseObjgraphDot } from '../objgraph_dot.js';
import { NO_GC_REFS } from '../protocol.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 168;
const NODE_H = 36;
const COL_GAP = 64;
const ROW_GAP = 12;
const MARGIN = 12;
let instances = 0;

function svgEl(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// Column = depth; rows in the order nodes were reached.
export function layoutGraph(graph) {
  const columns = [];
  const at = new Map();
  for (const node of graph.nodes) {
    const c = node.depth;
    columns[c] ??= [];
    at.set(node.id, { x: MARGIN + c * (NODE_W + COL_GAP), y: MARGIN + columns[c].length * (NODE_H + ROW_GAP), node });
    columns[c].push(node);
  }
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  return {
    at,
    width: 2 * MARGIN + columns.length * NODE_W + Math.max(0, columns.length - 1) * COL_GAP,
    height: 2 * MARGIN + rows * NODE_H + (rows - 1) * ROW_GAP,
  };
}

function quoted(text) {
  return `"${String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function graphToDot(graph, refcountOf) {
  const id = (n) => (typeof n === 'string' ? n : `o${n}`);
  const lines = ['digraph objects {', '  rankdir=LR;', '  node [shape=box, fontname="monospace", fontsize=10];'];
  for (const node of graph.nodes) {
    if (node.type === null) {
      lines.push(`  ${quoted(id(node.id))} [label=${quoted(node.label)}, shape=plaintext];`);
    } else {
      const rc = refcountOf(node.id);
      lines.push(`  ${quoted(id(node.id))} [label=${quoted(`${node.type}: ${node.label}\nrefcount ${rc ?? '-'}`)}];`);
    }
  }
  for (const e of graph.edges) lines.push(`  ${quoted(id(e.from))} -> ${quoted(id(e.to))};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function createObjectGraph({ container, caption, exportSvg, exportDot }) {
  const marker = `pml-arrow-${++instances}`;
  let shown = '';
  let graph = null;
  let current = null; // { snapshot } for exports
  let objgraphDot = null; // { name, dot } when an objgraph graph is shown

  function refcountOf(id) {
    if (!current) return null;
    const k = indexOfSorted(current.snapshot.objectIds, id);
    return k < 0 ? null : current.snapshot.objectRefcnts[k];
  }

  exportDot.addEventListener('click', () => {
    if (objgraphDot) download(`${objgraphDot.name}.dot`, 'text/vnd.graphviz', objgraphDot.dot);
    else if (graph) download('objects.dot', 'text/vnd.graphviz', graphToDot(graph, refcountOf));
  });
  exportSvg.addEventListener('click', () => {
    const svg = container.querySelector('svg');
    if (!svg) return;
    const copy = svg.cloneNode(true);
    const style = getComputedStyle(container);
    const c = (name) => style.getPropertyValue(name).trim();
    const css = svgEl('style');
    css.textContent =
      `text{font:11px monospace;fill:${c('--fg')}} .node rect{fill:${c('--panel')};stroke:${c('--pool-used')}}` +
      ` .node.name rect{stroke:${c('--accent')}} .edge{fill:none;stroke:${c('--fg-muted')}} .edge.back{stroke:${c('--changed')}}` +
      ` .node.dead rect{stroke-dasharray:3 3;opacity:.5} .node.unreachable rect{stroke:${c('--error')};stroke-width:2}`;
    copy.prepend(css);
    copy.setAttribute('xmlns', SVG);
    download('objects.svg', 'image/svg+xml', new XMLSerializer().serializeToString(copy));
  });

  // An empty SVG of the layout's size with the arrow head defined.
  function canvas(width, height) {
    const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Object graph' });
    const defs = svgEl('defs');
    const m = svgEl('marker', { id: marker, viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' });
    m.append(svgEl('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow' }));
    defs.append(m);
    svg.append(defs);
    return svg;
  }

  // Edges between laid-out nodes; one to an earlier column (a cycle) curves back. An edge's
  // label, if any, sits at its middle.
  function drawEdges(svg, edges, at) {
    for (const e of edges) {
      const a = at.get(e.from);
      const b = at.get(e.to);
      if (!a || !b) continue;
      const back = b.x <= a.x;
      const x1 = a.x + NODE_W;
      const y1 = a.y + NODE_H / 2;
      const x2 = back ? b.x + NODE_W / 2 : b.x;
      const y2 = back ? b.y + (b.y > a.y ? 0 : NODE_H) : b.y + NODE_H / 2;
      const d = back
        ? `M${x1},${y1} C${x1 + 40},${y1} ${x2 + 60},${y2 + (b.y > a.y ? -40 : 40)} ${x2},${y2}`
        : `M${x1},${y1} C${x1 + COL_GAP / 2},${y1} ${x2 - COL_GAP / 2},${y2} ${x2},${y2}`;
      svg.append(svgEl('path', { d, class: `edge${back ? ' back' : ''}`, 'marker-end': `url(#${marker})` }));
      if (e.label) {
        const t = svgEl('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, class: 'edge-label', 'text-anchor': 'middle' });
        t.textContent = e.label.split('\n')[0].slice(0, 16);
        svg.append(t);
      }
    }
  }

  // One of objgraph's graphs: its nodes' two label lines (type [refcount], repr) on its colours.
  function drawObjgraph(parsed) {
    const { at, width, height } = layoutGraph(parsed);
    const svg = canvas(width, height);
    drawEdges(svg, parsed.edges, at);
    for (const { x, y, node } of at.values()) {
      const g = svgEl('g', { transform: `translate(${x},${y})`, class: 'node objgraph' });
      g.dataset.id = node.id;
      const rect = svgEl('rect', { width: NODE_W, height: NODE_H, rx: 5 });
      // Through the CSSOM (a strict CSP allows it; a style attribute it would not).
      if (node.fill) g.style.setProperty('--node-fill', node.fill);
      g.append(rect);
      node.label.split('\n').slice(0, 2).forEach((text, i) => {
        const line = svgEl('text', { x: 8, y: 15 + 14 * i });
        line.textContent = text.slice(0, 26);
        g.append(line);
      });
      const title = svgEl('title');
      title.textContent = node.label;
      g.append(title);
      svg.append(g);
    }
    container.replaceChildren(svg);
  }

  function draw(view, runInfo, freed) {
    const s = view.snapshot;
    const { at, width, height } = layoutGraph(graph);
    const svg = canvas(width, height);
    drawEdges(svg, graph.edges, at);
    for (const { x, y, node } of at.values()) {
      const g = svgEl('g', { transform: `translate(${x},${y})` });
      const title = svgEl('title');
      const k = node.type === null ? -1 : indexOfSorted(s.objectIds, node.id);
      const alive = node.type === null || k >= 0;
      const classes = ['node'];
      if (node.type === null) classes.push('name');
      if (!alive) classes.push('dead');
      if (k >= 0 && freed.has(node.id)) classes.push('unreachable');
      g.setAttribute('class', classes.join(' '));
      g.dataset.id = String(node.id);
      g.append(svgEl('rect', { width: NODE_W, height: NODE_H, rx: 5 }));
      const line1 = svgEl('text', { x: 8, y: 15 });
      line1.textContent = node.type === null ? node.label : `${node.type}: ${node.label}`.slice(0, 26);
      g.append(line1);
      if (node.type !== null) {
        const line2 = svgEl('text', { x: 8, y: 29, class: 'refcount' });
        const gcRefs = k >= 0 ? s.objectGcRefs[k] : NO_GC_REFS;
        line2.textContent = !alive
          ? 'not alive here'
          : `refcount ${s.objectRefcnts[k]}${gcRefs !== NO_GC_REFS ? `  gc_refs ${gcRefs}` : ''}`;
        g.append(line2);
        title.textContent = `${node.type} ${node.label}, id ${node.id} (${formatAddress(node.id)})`;
      } else {
        title.textContent = `the name ${node.label} in __main__`;
      }
      g.append(title);
      svg.append(g);
    }
    container.replaceChildren(svg);
  }

  // Which graph the panel shows: '' for the names' graph, else the index of an objgraph graph.
  const picker = document.createElement('select');
  picker.dataset.testid = 'graph-source';
  picker.setAttribute('aria-label', 'Graph');
  picker.hidden = true;
  exportSvg.parentElement?.prepend(picker);
  let pickerRun = 0;
  picker.addEventListener('change', () => {
    shown = '';
    last?.();
  });
  let last = null;

  function fillPicker(runInfo) {
    if (pickerRun === runInfo.id) return;
    pickerRun = runInfo.id;
    const options = [['', "__main__'s names"], ...runInfo.objgraphs.map((g, i) => [String(i), `objgraph: ${g.name}.dot`])];
    picker.replaceChildren(
      ...options.map(([value, text]) => {
        const o = document.createElement('option');
        o.value = value;
        o.textContent = text;
        return o;
      }),
    );
    picker.hidden = runInfo.objgraphs.length === 0;
    picker.value = runInfo.objgraphs.length ? String(runInfo.objgraphs.length - 1) : '';
  }

  function render({ view, runInfo }) {
      if (!view || !runInfo) return;
      last = () => render({ view, runInfo });
      fillPicker(runInfo);
      const key = `${runInfo.id}:${view.seq}:${picker.value}`;
      if (key === shown) return;
      shown = key;
      if (picker.value !== '') {
        const drawn = runInfo.objgraphs[Number(picker.value)];
        const parsed = parseObjgraphDot(drawn.dot);
        graph = null;
        objgraphDot = drawn;
        caption.textContent =
          `${drawn.name}.dot: the graph objgraph drew (${parsed.nodes.length} nodes), in objgraph's colours; ` +
          'its counts are those objgraph saw when it drew it.';
        drawObjgraph(parsed);
        return;
      }
      objgraphDot = null;
      graph = runInfo.graph;
      const freed = collectionAt(view, runInfo)?.unreachable ?? new Set();
      current = { snapshot: view.snapshot };
      if (graph.nodes.length === 0) {
        container.replaceChildren();
        caption.textContent = 'No names in __main__ at the end of the run.';
        return;
      }
      caption.textContent =
        `${graph.nodes.filter((n) => n.type !== null).length} objects reachable from __main__'s names at the end of the run` +
        `${graph.truncated ? ' (the first ones)' : ''}; counts and gc_refs at the cursor.` +
        ' Classes, functions and modules are shown but not followed.';
      draw(view, runInfo, freed);
  }

  return { render };
}
