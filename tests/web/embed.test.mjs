// Embedding: docs.html holds three <memory-lab> elements (different profiles, modes, panels and
// themes) that must each run on their own under the site's strict CSP (tools/serve.mjs sends it;
// a violation would show as a console error); embed.html builds one from its #hash for iframes;
// the element's methods and events work. Screenshots go to build/test-artifacts/embed-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, useSiteAndBrowser, watchErrors } from './harness.mjs';

const env = useSiteAndBrowser();

// Waits until every <memory-lab> on the page (or in `frame`) has shown `runs` runs.
function waitForRuns(target, runs = 1) {
  return target.waitForFunction(
    (n) => {
      const labs = [...document.querySelectorAll('memory-lab')];
      const editorLoaded = (l) => l.shadowRoot.querySelector('[data-testid="editor"]').dataset.editor === 'codemirror';
      return labs.length > 0 && labs.every((l) => Number(l.dataset.runs) >= n && l.dataset.busy === 'false' && editorLoaded(l));
    },
    runs,
    { timeout: 60_000 },
  );
}

const consoleOf = (target, testid) => target.locator(`[data-testid="${testid}"] [data-testid="console"]`).textContent();

test('three elements on one page run independently, each with its profile, mode and panels', { timeout: 120_000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const errors = watchErrors(page);
  const wasmRequests = [];
  page.on('request', (request) => { if (/\.wasm$/.test(new URL(request.url()).pathname)) wasmRequests.push(request.url()); });
  const response = await page.goto(`${env.site.url}docs.html`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  await waitForRuns(page);
  // REPL mode under 3.12: two 1000s typed at the prompt are two objects.
  assert.equal(await consoleOf(page, 'docs-repl'), 'False\n');
  assert.equal(await consoleOf(page, 'docs-gc'), '1\n');
  assert.equal(await consoleOf(page, 'docs-27'), '[[1, 0, 0], [1, 0, 0], [1, 0, 0]]\n');
  // Only the panels each element asked for.
  const panels = (testid) => page.$$eval(`[data-testid="${testid}"]`, ([el]) => [...el.shadowRoot.querySelectorAll('[data-panel]')].map((p) => p.dataset.panel));
  // The three share one module: the page fetches and compiles it once, for every worker.
  assert.equal(wasmRequests.length, 1, wasmRequests.join(', '));
  assert.deepEqual(await panels('docs-repl'), ['console', 'identity']);
  assert.deepEqual(await panels('docs-gc'), ['console', 'generations', 'arena-map']);
  assert.deepEqual(await panels('docs-27'), ['console', 'object-graph']);
  assert.match(await page.locator('[data-testid="docs-gc"] [data-testid="gc-summary"]').textContent(), /found 1 unreachable/);
  assert.ok((await page.locator('[data-testid="docs-27"] g.node').count()) > 2);
  // Read-only: the editor cannot be edited.
  assert.equal(await page.locator('[data-testid="docs-27"] [data-testid="editor-input"]').getAttribute('contenteditable'), 'false');
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-docs.png'), fullPage: true });
  await page.close();
});

test('the element\'s methods and events: setCode, run, step, reset', { timeout: 90_000 }, async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}docs.html`);
  await waitForRuns(page);
  const result = await page.evaluate(async () => {
    const lab = document.querySelector('[data-testid="docs-repl"]');
    const seen = [];
    const ran = new Promise((resolve) => lab.addEventListener('run', (e) => resolve(e.detail), { once: true }));
    lab.addEventListener('output', (e) => seen.push(e.detail.output));
    lab.setCode('x = [1]\ny = x\nprint(y is x)\n');
    lab.run();
    const detail = await ran;
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const consoleText = () => lab.shadowRoot.querySelector('[data-testid="console"]').textContent;
    await frames();
    const before = consoleText();
    lab.reset();
    await frames();
    const after = consoleText();
    const ranAgain = new Promise((resolve) => lab.addEventListener('run', resolve, { once: true }));
    lab.run();
    await ranAgain;
    const stepped = new Promise((resolve) => lab.addEventListener('step', (e) => resolve(e.detail), { once: true }));
    lab.step('line', -1);
    const step = await stepped;
    return { detail, step, code: lab.code, seen, before, after };
  });
  assert.equal(result.detail.profile, '3.12');
  assert.equal(result.detail.output, 'True\n');
  assert.equal(result.detail.status, 0);
  assert.equal(result.step.line, 3);
  assert.equal(result.code, 'x = [1]\ny = x\nprint(y is x)\n');
  assert.ok(result.seen.includes('True\n'));
  // reset() clears what the run showed and keeps the code.
  assert.equal(result.before, 'True\n');
  assert.equal(result.after, '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('embed.html builds the element from its hash, inside an iframe', { timeout: 90_000 }, async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  const code = Buffer.from('s = "hello"\nt = "hello"\nprint(s is t)\n').toString('base64url');
  await page.goto(`${env.site.url}docs.html`); // any page of the site, to host the iframe
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.width = '900';
    frame.height = '500';
    frame.dataset.testid = 'frame';
    document.body.prepend(frame);
  }, `${env.site.url}embed.html#code=${code}&profile=3.11&panels=console,identity&run=1`);
  const frame = page.frameLocator('[data-testid="frame"]');
  await page.waitForFunction(() => {
    const doc = document.querySelector('[data-testid="frame"]').contentDocument;
    const lab = doc?.querySelector('memory-lab');
    return lab && lab.dataset.runs === '1' && lab.dataset.busy === 'false';
  }, null, { timeout: 60_000 });
  assert.equal(await frame.locator('[data-testid="console"]').textContent(), 'True\n');
  assert.match(await frame.locator('[data-testid="identity"]').textContent(), /interned/);
  assert.deepEqual(errors, []);
  await page.locator('[data-testid="frame"]').screenshot({ path: path.join(ARTIFACTS, 'embed-iframe.png') });
  await page.close();
});
