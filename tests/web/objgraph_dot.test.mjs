// web/src/lab/objgraph_dot.js: objgraph's DOT text read back into the object-graph panel's nodes
// and edges, with objgraph's colours. No browser: the module is plain JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hsvToCss, parseAttrs, parseObjgraphDot } from '../../web/src/lab/objgraph_dot.js';

// The shape core/interp/objgraph_dot.cpp writes for show_refs([a]) where a = [b], b = {'k': 1}.
const DOT = [
  'digraph ObjectGraph {',
  '  node[shape=box, style=filled, fillcolor=white];',
  '  o100[label="list [1]\\n[{\'k\': 1}]", fillcolor="0,0,1"];',
  '  o100[fillcolor="0,0,.9"];',
  '  o200[label="dict 1 items [1]\\n{\'k\': 1}"];',
  '  o200[fillcolor="0,0,.8"];',
  '  o100 -> o200;',
  '  o300[label="int [4]\\n1"];',
  '  o200 -> o300 [label="k",weight=2];',
  '  o300->o300_has_a_del[color=red,style=dotted,len=0.25,weight=10];',
  '}',
  '',
].join('\n');

test('attributes: quoted with escapes, bare, comma separated', () => {
  assert.deepEqual(parseAttrs('label="a\\"b\\nc", weight=10,fillcolor="0,0,.9"'), { label: 'a"b\nc', weight: '10', fillcolor: '0,0,.9' });
});

test('nodes keep their labels and objgraph colours; edges their labels; columns follow the references', () => {
  const g = parseObjgraphDot(DOT);
  const byId = Object.fromEntries(g.nodes.map((n) => [n.id, n]));
  assert.deepEqual(Object.keys(byId).sort(), ['o100', 'o200', 'o300', 'o300_has_a_del']);
  assert.equal(byId.o100.label, "list [1]\n[{'k': 1}]");
  assert.equal(byId.o100.fill, hsvToCss('0,0,.9'));
  assert.deepEqual([byId.o100.depth, byId.o200.depth, byId.o300.depth], [0, 1, 2]);
  assert.deepEqual(g.edges.map((e) => [e.from, e.to, e.label]), [
    ['o100', 'o200', ''],
    ['o200', 'o300', 'k'],
    ['o300', 'o300_has_a_del', ''],
  ]);
  assert.deepEqual(g.nodes.map((n) => n.depth), [...g.nodes.map((n) => n.depth)].sort((a, b) => a - b));
});

test('Graphviz h,s,v colours become CSS colours', () => {
  assert.equal(hsvToCss('0,0,1'), 'hsl(0 0% 100%)');
  assert.equal(hsvToCss('0,0,.5'), 'hsl(0 0% 50%)');
  assert.equal(hsvToCss('0,.5,1'), 'hsl(0 100% 75%)');
  assert.equal(hsvToCss('red'), 'red');
  assert.equal(hsvToCss('url(x)'), null);
});
