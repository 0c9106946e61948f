// The object graph at the end of a run, built in the worker from the Lab's questions: __main__'s
// names, then breadth-first what each object refers to (gc.get_referents' order), up to
// GRAPH_MAX_NODES objects and GRAPH_MAX_DEPTH references from a name. Objects whose referents
// are the interpreter's own (classes, modules, functions, code, __main__'s dict) are drawn but
// not followed, so a graph shows the snippet's data rather than the runtime's plumbing.
import { GRAPH_MAX_DEPTH, GRAPH_MAX_NODES } from './protocol.js';

const NOT_FOLLOWED = new Set([
  'type',
  'module',
  'function',
  'code',
  'builtin_function_or_method',
  'method_descriptor',
  'wrapper_descriptor',
  'getset_descriptor',
  'member_descriptor',
  'frame',
  'classobj',
]);

// snapshot: the Lab's snapshot at the end. Returns { nodes: [{id, type, label, depth}], edges:
// [{from, to}] (ids; names are nodes of type null), truncated }.
export function buildGraph(lab, snapshot) {
  const typeOf = new Map();
  for (let i = 0; i < snapshot.objectIds.length; i++) {
    typeOf.set(snapshot.objectIds[i], snapshot.typeNames[snapshot.objectTypes[i]]);
  }
  const mainDict = lab.mainDictId();
  const nodes = [];
  const edges = [];
  const seen = new Map();
  let truncated = false;
  const queue = [];

  function visit(id, depth) {
    if (seen.has(id)) return true;
    if (nodes.length >= GRAPH_MAX_NODES) {
      truncated = true;
      return false;
    }
    const type = typeOf.get(id) ?? 'object';
    seen.set(id, nodes.length);
    nodes.push({ id, type, label: lab.label(id) || type, depth, followed: false });
    queue.push(id);
    return true;
  }

  for (let i = 0; i < snapshot.names.length; i++) {
    const id = snapshot.nameIds[i];
    nodes.push({ id: `name:${snapshot.names[i]}`, type: null, label: snapshot.names[i], depth: 0, followed: true });
    if (visit(id, 1)) edges.push({ from: `name:${snapshot.names[i]}`, to: id });
  }
  while (queue.length > 0) {
    const id = queue.shift();
    const node = nodes[seen.get(id)];
    if (node.depth >= GRAPH_MAX_DEPTH || id === mainDict || NOT_FOLLOWED.has(node.type)) continue;
    node.followed = true;
    for (const ref of lab.referents(id)) {
      if (ref === mainDict) continue;
      if (visit(ref, node.depth + 1)) edges.push({ from: id, to: ref });
    }
  }
  return { nodes, edges, truncated };
}
