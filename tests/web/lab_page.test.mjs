// The lab page (web/dist/index.html) in Chromium, driven as a reader would: type a snippet and
// run it, open a permalink for every lesson and compare the console with the native CLI's
// output for the same snippet, read the identity, collector, arena-map, graph and timeline
// panels, step back and forth, and stop a runaway loop. Screenshots of each panel go to
// build/test-artifacts/lab-*.png. Nothing sleeps: every wait is for a condition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, REPO, useSiteAndBrowser, watchErrors } from './harness.mjs';

const NATIVE_CLI = process.env.PYMEMLAB_NATIVE_CLI ?? path.join(REPO, 'build/native/pymemlab');

const env = useSiteAndBrowser();

function base64url(text) {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function permalink(code, profile, mode = 'script', run = true) {
  return `${env.site.url}#code=${base64url(code)}&profile=${profile}&mode=${mode}${run ? '&run=1' : ''}`;
}

// Opens the page and waits until it is ready, and, if `runs` > 0, until that many runs are on
// screen with nothing in flight.
async function open(url, runs = 0) {
  const page = await env.browser.newPage({ viewport: { width: 1366, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForFunction(
    (n) => {
      const d = document.documentElement.dataset;
      return (d.ready === 'true' && Number(d.runs) >= n && d.busy === 'false') ||
        document.querySelector('[data-testid="status"]').classList.contains('error');
    },
    runs,
    { timeout: 60_000 },
  );
  // The full editor loads once the module is ready (a plain textarea stands in before).
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]').dataset.editor === 'codemirror');
  return { page, errors };
}

// Does `action` and waits until `answers` more of the worker's answers (or a new run) are on
// screen with nothing in flight. Data attributes change at the next frame: waiting for busy
// alone could pass before the command was even sent.
async function answered(page, action, answers = 1) {
  const seq = Number(await page.getAttribute('html', 'data-seq'));
  const runs = Number(await page.getAttribute('html', 'data-runs'));
  await action();
  await page.waitForFunction(
    ([s, r, n]) => {
      const d = document.documentElement.dataset;
      return d.busy === 'false' && (Number(d.seq) >= s + n || Number(d.runs) > r);
    },
    [seq, runs, answers],
  );
}

// Clicks a control and waits until the worker's answer is on screen.
const act = (page, testid) => answered(page, () => page.click(`[data-testid="${testid}"]`));

// Moves the scrubber to its 'min' or 'max' end and waits until the worker's answer is on screen.
async function scrub(page, end) {
  const value = await page.getAttribute('[data-testid="scrubber"]', end);
  await answered(page, () => page.fill('[data-testid="scrubber"]', value));
}

const text = (page, testid) => page.textContent(`[data-testid="${testid}"]`);

function nativeRun(code, profile, mode) {
  const file = path.join(os.tmpdir(), `pymemlab-web-${process.pid}.py`);
  writeFileSync(file, code);
  try {
    return execFileSync(NATIVE_CLI, ['run', '--profile', profile, '--mode', mode, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // A snippet that ends in an exception exits 1; the CLI's combined output is what we compare.
    return `${error.stdout}`;
  }
}

const shot = (page, testid, name) =>
  page.locator(`[data-testid="${testid}"]`).screenshot({ path: path.join(ARTIFACTS, `lab-${name}.png`) });

test('typing a snippet and running it prints its output in the console', { timeout: 90_000 }, async () => {
  const { page, errors } = await open(env.site.url);
  assert.equal(await page.getAttribute('html', 'data-ready'), 'true', await text(page, 'status'));
  await page.click('[data-testid="editor-input"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // The worker made this run's Lab while the page waited (`prepare`): the run is the CLI's, ids too.
  const code = 'xs = [i * i for i in range(5)]\nprint(xs, len(xs))\nprint(id(xs), id(len))\n';
  await page.keyboard.insertText(code);
  await act(page, 'run');
  assert.match(await text(page, 'console'), /^\[0, 1, 4, 9, 16\] 5\n\d+ \d+\n$/);
  assert.equal(await text(page, 'console'), nativeRun(code, '3.13', 'script'));
  assert.match(await text(page, 'status'), /^Ran under CPython 3\.13/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the module loads, compiled while it arrives, and also from a host that serves it as octet-stream', { timeout: 90_000 }, async () => {
  for (const contentType of ['application/wasm', 'application/octet-stream']) {
    const context = await env.browser.newContext();
    const wasmRequests = [];
    // The worker's fetch of the binary, answered with the given type (a host without the wasm
    // MIME type cannot compile it streaming: the loader then compiles the whole body).
    await context.route(/\.wasm$/, async (route) => {
      wasmRequests.push(route.request().url());
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': contentType } });
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(permalink('print(sum(range(4)))\n', '3.12'));
    await page.waitForFunction(() => document.documentElement.dataset.runs === '1', null, { timeout: 60_000 });
    assert.equal(await text(page, 'console'), '6\n', contentType);
    assert.equal(wasmRequests.length, 1, `${contentType}: the binary is fetched once`);
    assert.ok(Number(await page.getAttribute('html', 'data-module-ms')) > 0);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('every lesson opened from a permalink prints what the native CLI prints, and its panels fill', { timeout: 600_000 }, async () => {
  const dir = path.join(REPO, 'examples');
  const lessons = readdirSync(dir).filter((f) => /^\d\d-.*\.py$/.test(f)).sort();
  assert.ok(lessons.length >= 10, `examples/ holds ${lessons.length} lessons`);
  for (const file of lessons) {
    const code = readFileSync(path.join(dir, file), 'utf8');
    const md = readFileSync(path.join(dir, file.replace(/\.py$/, '.md')), 'utf8');
    const profile = /^profile:\s*(\S+)/m.exec(md)?.[1] ?? '3.13';
    const mode = /^mode:\s*(\S+)/m.exec(md)?.[1] ?? 'script';
    const { page, errors } = await open(permalink(code, profile, mode), 1);
    assert.equal(await text(page, 'console'), nativeRun(code, profile, mode), `${file} under ${profile}`);
    assert.match(await text(page, 'arena-readout'), /^\d[\d,]* arenas? of /, file);
    assert.match(await text(page, 'timeline-readout'), /^at event /, file);
    const names = await page.$$eval('[data-testid="identity"] tbody tr', (rows) => rows.length);
    const nodes = await page.$$eval('[data-testid="object-graph"] g.node.name', (g) => g.length);
    assert.equal(nodes, names, `${file}: one graph node per name`);
    assert.deepEqual(errors, [], file);
    await page.close();
  }
});

test('after a = 1; b = 1 the identity panel marks both as the cached small int and explains a is b', { timeout: 90_000 }, async () => {
  const { page, errors } = await open(permalink('a = 1\nb = 1\nprint(a is b)\n', '3.12'), 1);
  assert.equal(await text(page, 'console'), 'True\n');
  for (const name of ['a', 'b']) {
    const badges = await page.textContent(`[data-testid="identity"] tr[data-name="${name}"]`);
    assert.match(badges, /small-int cache/);
    assert.match(badges, /immortal/); // 3.12: small ints are immortal
  }
  assert.match(await text(page, 'identity-questions'), /a is b[\s\S]*cached small int 1/);
  await shot(page, 'identity', 'identity');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a graph objgraph.show_refs drew appears in the object-graph panel, in objgraph\'s colours, and exports as its DOT', { timeout: 90_000 }, async () => {
  const code = 'import objgraph\nx = {"k": [1, 2]}\ny = [x, x]\nobjgraph.show_refs([y], max_depth=3)\n';
  const { page, errors } = await open(permalink(code, '3.13'), 1);
  assert.match(await text(page, 'console'), /^Graph written to objgraph-1\.dot \(\d+ nodes\)\n/);
  const nodes = Number((await text(page, 'console')).match(/\((\d+) nodes\)/)[1]);
  assert.equal(await page.inputValue('[data-testid="graph-source"]'), '0');
  assert.equal(await page.$$eval('[data-testid="object-graph"] .node.objgraph', (n) => n.length), nodes);
  // objgraph's first node (the list it was asked about) in its own colour, not the panel's.
  const fills = await page.$$eval('[data-testid="object-graph"] .node.objgraph rect', (rects) => rects.map((r) => getComputedStyle(r).fill));
  // objgraph greys its nodes by depth: white for the object asked about, darker further out.
  assert.ok(fills.includes('rgb(255, 255, 255)') && new Set(fills).size >= 2, fills.join());
  // objgraph's labels: the type name, then "2 items" for the list (textContent joins the lines).
  assert.match(await page.textContent('[data-testid="object-graph"]'), /list2 items/);
  assert.match(await text(page, 'graph-caption'), /objgraph-1\.dot/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-dot"]')]);
  assert.equal(download.suggestedFilename(), 'objgraph-1.dot');
  // Back to the names' own graph.
  await page.selectOption('[data-testid="graph-source"]', '');
  await page.waitForFunction(() => document.querySelector('[data-testid="object-graph"] .node.name') !== null);
  assert.equal(await page.$$eval('[data-testid="object-graph"] .node.objgraph', (n) => n.length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a cycle collected: the collector steps phase by phase, marks it unreachable, and its blocks go', { timeout: 90_000 }, async () => {
  const code = 'import gc\ngc.collect()\nx = []\nx.append(x)\ndel x\nprint(gc.collect())\n';
  const { page, errors } = await open(permalink(code, '3.13'), 1);
  assert.equal(await text(page, 'console'), '1\n');
  assert.match(await text(page, 'gc-summary'), /^2 collections so far; the last \(generation 2\) found 1 unreachable/);
  // Back to the start, past the first collection, then phase by phase through the second.
  await scrub(page, 'min');
  await act(page, 'step-collection');
  const blocksBefore = await page.textContent('[data-testid="arena-readout"]');
  const seen = [];
  for (let i = 0; i < 12; i++) {
    await act(page, 'step-phase');
    const current = await page.$('[data-testid="generations"] .phases li.current');
    if (!current) break;
    seen.push(await current.textContent());
    if (seen.at(-1) === 'subtract_refs') {
      assert.match(await text(page, 'gc-refs'), /list/);
      await shot(page, 'generations', 'generations-subtract-refs');
    }
    if (seen.at(-1) === 'move_unreachable') {
      assert.match(await text(page, 'gc-refs'), /unreachable/);
      assert.ok((await page.$$('[data-testid="object-graph"] g.node')).length >= 0);
    }
  }
  assert.deepEqual(seen.slice(0, 3), ['update_refs', 'subtract_refs', 'move_unreachable']);
  assert.match(await text(page, 'gc-summary'), /^2 collections so far/);
  const blocksAfter = await page.textContent('[data-testid="arena-readout"]');
  // The list's item array is freed (the list object itself goes to 3.13's list free list).
  const requested = (s) => Number(/blocks \(([\d,]+) B/.exec(s)[1].replaceAll(',', ''));
  assert.ok(requested(blocksAfter) < requested(blocksBefore), `${blocksBefore} → ${blocksAfter}`);
  await shot(page, 'arena-map', 'arena-map');
  await shot(page, 'timeline', 'timeline');
  assert.deepEqual(errors, []);
  await page.close();
});

test('what the interpreter\'s exit prints follows the output, set apart, and plays on past the snippet\'s end', { timeout: 90_000 }, async () => {
  const code = "class A:\n    def __del__(self):\n        print('bye')\na = A()\nprint('end')\n";
  const { page, errors } = await open(permalink(code, '3.13'), 1);
  // The run stops the cursor where the snippet ended: `a` is alive, and the console is the CLI's.
  assert.equal(await text(page, 'console'), nativeRun(code, '3.13', 'script'));
  assert.equal(await text(page, 'console'), 'end\nbye\n');
  assert.equal(await text(page, 'console-at-exit'), 'bye\n');
  assert.match(await text(page, 'position'), /line 5$/);
  const names = () => page.$$eval('[data-testid="identity"] tbody tr', (rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(await names(), ['A', 'a']);
  // Past it, the exit: __del__ has run, its output is plain output, and __main__'s names are gone.
  await page.fill('[data-testid="scrubber"]', await page.getAttribute('[data-testid="scrubber"]', 'max'));
  await page.waitForFunction(() => /interpreter exit$/.test(document.querySelector('[data-testid="position"]').textContent));
  assert.equal(await text(page, 'console'), 'end\nbye\n');
  assert.equal(await page.$('[data-testid="console-at-exit"]'), null);
  assert.deepEqual(await names(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('stepping by line goes forwards and back, and the names follow', { timeout: 90_000 }, async () => {
  const { page, errors } = await open(permalink('a = [1]\nb = a\ndel a\nprint(b)\n', '3.13'), 1);
  await scrub(page, 'min');
  const names = () => page.$$eval('[data-testid="identity"] tbody tr', (rows) => rows.map((r) => r.dataset.name));
  const position = () => text(page, 'position');
  await act(page, 'step-line');
  assert.match(await position(), /line 1$/);
  assert.deepEqual(await names(), []);
  // Two clicks in one task: the second comes while the worker is busy with the first, and waits.
  const twoClicks = () =>
    page.evaluate(() => {
      for (let i = 0; i < 2; i++) document.querySelector('[data-testid="step-line"]').click();
    });
  await answered(page, twoClicks, 2);
  assert.match(await position(), /line 3$/);
  assert.deepEqual(await names(), ['a', 'b']);
  await act(page, 'step-line');
  assert.deepEqual(await names(), ['b']);
  assert.equal(await text(page, 'console'), '');
  await act(page, 'back-line');
  assert.match(await position(), /line 3$/);
  assert.deepEqual(await names(), ['a', 'b']);
  await shot(page, 'object-graph', 'object-graph');
  // Click the first pool of the first arena, then point at its first block: the readout names it.
  await page.click('[data-testid="arena-map"]', { position: { x: 132, y: 14 } });
  await page.waitForFunction(() => !document.querySelector('[data-testid="pool-detail"]').hidden);
  await page.hover('[data-testid="pool-blocks"]', { position: { x: 6, y: 6 } });
  await page.waitForFunction(() => /^block 0 at 0x[0-9a-f]+: /.test(document.querySelector('[data-testid="block-readout"]').textContent));
  assert.match(await text(page, 'block-readout'), /^block 0 at 0x[0-9a-f]+: (free|.+, refcount \d+, id \d+|in use \(a buffer)/);
  await shot(page, 'arena-map', 'arena-map-pool');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Stop ends a runaway loop, and the next run works', { timeout: 120_000 }, async () => {
  const { page, errors } = await open(permalink('while True:\n    pass\n', '3.13', 'script', false));
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="stop"]').disabled);
  await page.click('[data-testid="stop"]');
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
  assert.match(await text(page, 'status'), /Stopped/);
  await page.click('[data-testid="editor-input"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('print("again")\n');
  await act(page, 'run');
  assert.equal(await text(page, 'console'), 'again\n');
  assert.deepEqual(errors, []);
  await page.close();
});

test('recursion reaches CPython\'s depth on the page, and one past the worker\'s engine stack ends in RecursionError', { timeout: 90_000 }, async () => {
  // The worker's engine stack is about half of Node's (cpydiff/recursion_native_stack.md). A
  // Python-to-Python call takes none of it, as in CPython 3.11+: plain recursion stops where
  // CPython 3.13's does for this script (998 levels), and 50,000 levels run with the limit raised. A __getattr__ that
  // recurses goes through C each level, and stops with RecursionError instead of killing the
  // worker, with the limit raised too.
  const src = [
    'import sys',
    'def depth(n):',
    '    try:',
    '        return depth(n + 1)',
    '    except RecursionError:',
    '        return n',
    'def f(n):',
    '    return 1 if n == 0 else 1 + f(n - 1)',
    'class A:',
    '    def __getattr__(self, name):',
    '        return getattr(self, name)',
    'for i in range(30):',  // until V8 has optimized the loop, whose frames are larger
    '    d = depth(0)',
    'print(d)',
    'sys.setrecursionlimit(100000)',
    'print(f(50000))',
    'try:',
    '    A().x',
    'except RecursionError as e:',
    '    print(e)',
    'print(f(500))',
    '',
  ].join('\n');
  const { page, errors } = await open(permalink(src, '3.13'), 1);
  assert.equal(await text(page, 'console'), '998\n50001\nmaximum recursion depth exceeded\n501\n');
  assert.match(await text(page, 'status'), /^Ran under CPython 3\.13/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a syntax error shows CPython\'s message and marks its line in the editor', { timeout: 90_000 }, async () => {
  const { page, errors } = await open(permalink('x = 1\ny = (2\n', '3.13'), 1);
  assert.match(await text(page, 'console'), /SyntaxError: '\(' was never closed\n$/);
  assert.equal(await page.$$eval('.cm-error-line', (l) => l.length), 1);
  assert.match(await page.textContent('.cm-error-line'), /y = \(2/);
  await shot(page, 'console', 'console');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a traceback shows each entry\'s line with 3.11+ markers, in a monospaced console that keeps spaces', { timeout: 90_000 }, async () => {
  const src = 'def ratio(pair):\n    return pair[0] + 1 / pair[1]\n\nprint(ratio([1, 0]))\n';
  const { page, errors } = await open(permalink(src, '3.13'), 1);
  const out = await text(page, 'console');
  assert.ok(out.includes('    print(ratio([1, 0]))\n          ~~~~~^^^^^^^^\n'), out);
  assert.ok(out.includes('    return pair[0] + 1 / pair[1]\n                     ~~^~~~~~~~~\n'), out);
  assert.match(out, /ZeroDivisionError: division by zero\n$/);
  const style = await page.$eval('[data-testid="console"]', (el) => {
    const s = getComputedStyle(el);
    return { whiteSpace: s.whiteSpace, font: s.fontFamily };
  });
  assert.match(style.whiteSpace, /^pre/);
  assert.match(style.font, /mono/i);
  assert.deepEqual(errors, []);
  await page.close();
});

test('output is text, never HTML', { timeout: 90_000 }, async () => {
  const evil = '<img src=x onerror="document.title=1">';
  const { page, errors } = await open(permalink(`print(${JSON.stringify(evil)})\nclass C:\n    pass\nc = C()\n`, '3.13'), 1);
  assert.equal(await text(page, 'console'), `${evil}\n`);
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
  assert.notEqual(await page.title(), '1');
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(ARTIFACTS, 'lab-page.png'), fullPage: true });
  await page.close();
});

test('the page runs a snippet before the full editor has loaded (it comes after, as its own chunk)', { timeout: 90_000 }, async () => {
  const page = await env.browser.newPage();
  await page.route(/codemirror_editor-[\w-]+\.js$/, (route) => route.abort());
  await page.goto(permalink('print(sum(range(10)))\n', '3.13'));
  await page.waitForFunction(() => document.documentElement.dataset.runs === '1' && document.documentElement.dataset.busy === 'false');
  assert.equal(await text(page, 'console'), '45\n');
  assert.equal(await page.getAttribute('[data-testid="editor"]', 'data-editor'), 'plain');
  // The plain editor still edits and runs (Ctrl+Enter).
  await page.fill('[data-testid="editor-input"]', 'print("plain")\n');
  await page.focus('[data-testid="editor-input"]');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => document.documentElement.dataset.runs === '2' && document.documentElement.dataset.busy === 'false');
  assert.equal(await text(page, 'console'), 'plain\n');
  await page.close();
});
