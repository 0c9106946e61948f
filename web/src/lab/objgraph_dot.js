// The DOT text objgraph writes (show_refs, show_backrefs, show_chain; core/interp/objgraph_dot.cpp)
// read back into nodes and edges the object-graph panel draws, with objgraph's colours: each
// node's fillcolor is Graphviz's "h,s,v" (0–1), its label "type [refcount]\nrepr". Only the
// statements objgraph writes are read: `ID[attr=value, ...];` and `ID -> ID[attr=value, ...];`;
// anything else is skipped. Columns are breadth-first distance from the first node written (the
// objects objgraph was asked about come first).

// attrs: `label="a\"b", weight=10, fillcolor="0,0,.9"` → { label: 'a"b', weight: '10', ... }.
export function parseAttrs(text) {
  const attrs = {};
  const re = /\s*([A-Za-z_]\w*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\]\s]+))\s*,?/gy;
  let m;
  while ((m = re.exec(text)) !== null) {
    attrs[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c)) : m[3];
  }
  return attrs;
}

const STATEMENT = /^\s*([A-Za-z_]\w*)\s*(?:->\s*([A-Za-z_]\w*)\s*)?(?:\[(.*)\])?\s*;\s*$/;

// Returns { nodes: [{ id, label, fill, depth, attrs }], edges: [{ from, to, label }] }.
export function parseObjgraphDot(dot) {
  const nodes = new Map();
  const edges = [];
  const node = (id) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: id, fill: null, depth: 0, attrs: {} });
    return nodes.get(id);
  };
  for (const line of dot.split('\n')) {
    const m = STATEMENT.exec(line);
    if (!m || m[1] === 'node' || m[1] === 'edge' || m[1] === 'graph') continue;
    const attrs = m[3] ? parseAttrs(m[3]) : {};
    if (m[2]) {
      node(m[1]);
      node(m[2]);
      edges.push({ from: m[1], to: m[2], label: attrs.label ?? '' });
    } else {
      const n = node(m[1]);
      Object.assign(n.attrs, attrs);
      if (attrs.label !== undefined) n.label = attrs.label;
      if (attrs.fillcolor !== undefined) n.fill = hsvToCss(attrs.fillcolor);
    }
  }
  const list = [...nodes.values()];
  // Breadth-first over edges in both directions (show_backrefs points at its roots).
  const next = new Map(list.map((n) => [n.id, []]));
  for (const e of edges) {
    next.get(e.from).push(e.to);
    next.get(e.to).push(e.from);
  }
  const seen = new Set();
  for (const start of list) {
    if (seen.has(start.id)) continue;
    seen.add(start.id);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const id of next.get(queue[i].id)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const n = nodes.get(id);
        n.depth = queue[i].depth + 1;
        queue.push(n);
      }
    }
  }
  return { nodes: list.sort((a, b) => a.depth - b.depth), edges };
}

// Graphviz's "h,s,v" or "h s v" (each 0–1) as a CSS colour; named colours pass through.
export function hsvToCss(value) {
  const parts = value.split(/[\s,]+/).map(Number);
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) return /^[a-z]+$/i.test(value) ? value : null;
  const [h, s, v] = parts;
  const l = v * (1 - s / 2);
  const sl = l === 0 || l === 1 ? 0 : (v - l) / Math.min(l, 1 - l);
  return `hsl(${Math.round(h * 360)} ${Math.round(sl * 100)}% ${Math.round(l * 100)}%)`;
}
