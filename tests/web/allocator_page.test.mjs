// The built page (web/dist) in Chromium, driven like a person would: it loads the real
// WebAssembly allocator in its worker, and its panels show HeapView's figures after
// allocating and freeing through the real controls. Screenshots go to build/test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { ARTIFACTS, DIST, useSiteAndBrowser, watchErrors } from './harness.mjs';

const env = useSiteAndBrowser();

async function openPage(url) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(url);
  // Ready, or a failure the page reports in its status line: either ends the wait at once.
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.ready === 'true' ||
      document.querySelector('[data-testid="status"]').classList.contains('error'),
  );
  if ((await page.getAttribute('html', 'data-ready')) !== 'true') {
    const status = await page.textContent('[data-testid="status"]');
    throw new Error(`the page did not get ready: ${status}\n${errors.join('\n')}`);
  }
  return { page, errors };
}

// Runs one user action and waits until its snapshot is on screen (no command in flight).
async function act(page, action) {
  const seq = Number(await page.getAttribute('html', 'data-seq'));
  await action();
  await page.waitForFunction(
    (before) => {
      const root = document.documentElement;
      return Number(root.dataset.seq) > before && root.dataset.pending === '0';
    },
    seq,
  );
}

function allocate(page, count, size) {
  return act(page, async () => {
    await page.fill('[data-testid="alloc-count"]', String(count));
    await page.fill('[data-testid="alloc-size"]', String(size));
    await page.click('[data-testid="allocate"]');
  });
}

const classCell = (page, size, column) =>
  page.textContent(`[data-testid="size-classes"] tr[data-class-size="${size}"] td[data-col="${column}"]`);
const total = (page, field) => page.textContent(`[data-testid="totals"] [data-field="${field}"]`);

async function inUseTotal(page) {
  const cells = await page.$$eval('[data-testid="size-classes"] td[data-col="in-use"]', (tds) =>
    tds.map((td) => Number(td.textContent.replaceAll(',', ''))),
  );
  return cells.reduce((a, b) => a + b, 0);
}

const screenshot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `web-${name}.png`), fullPage: true });

test('the page loads the allocator and lists every profile, 3.13 first chosen', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(`${env.site.url}allocator.html`);
  assert.equal(await page.title(), 'PyMemLab');
  assert.equal(await page.inputValue('[data-testid="profile"]'), '3.13');
  const names = await page.$$eval('[data-testid="profile"] option', (options) => options.map((o) => o.value));
  assert.deepEqual(names, ['2.7', '3.6', '3.8', '3.10', '3.11', '3.12', '3.13', '3.14']);
  assert.equal(await page.locator('[data-testid="size-classes"] tbody tr').count(), 32);
  assert.equal(await total(page, 'arenas'), '0');
  assert.equal(await total(page, 'check'), 'ok');
  assert.deepEqual(errors, []);
  await page.close();
});

test('allocating and freeing small blocks shows in the size classes, totals and arena map', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(`${env.site.url}allocator.html`);

  await allocate(page, 100, 24);
  assert.equal(await classCell(page, 32, 'in-use'), '100');
  assert.equal(await classCell(page, 32, 'pools'), '1');
  assert.equal(await classCell(page, 32, 'avail'), '410');
  assert.equal(await inUseTotal(page), 100);
  assert.equal(await total(page, 'arenas'), '1');
  assert.equal(await total(page, 'allocated-blocks'), '100');
  assert.equal(await total(page, 'footprint'), '1,048,576 B (1.0 MiB)');
  assert.equal(await total(page, 'check'), 'ok');
  assert.match(await page.textContent('[data-testid="malloc-stats"]'), /^\s+1\s+32\s+1\s+100\s+410$/m);

  // The first pool slot of the arena holds the 100 blocks: point at it on the canvas.
  const map = page.locator('[data-testid="arena-map"]');
  await map.hover({ position: { x: 168, y: 19 } });
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="pool-readout"]').textContent.includes('pool 0 at'),
  );
  assert.match(
    await page.textContent('[data-testid="pool-readout"]'),
    /^arena 0, pool 0 at 0x[0-9a-f]+: used, size class 1 \(32-byte blocks\), 100 of 510 blocks in use$/,
  );
  await screenshot(page, '100-blocks-of-24-bytes');

  await act(page, () => page.click('[data-testid="free-every-other"]'));
  assert.equal(await classCell(page, 32, 'in-use'), '50');
  assert.equal(await total(page, 'allocated-blocks'), '50');

  await act(page, () => page.click('[data-testid="free-all"]'));
  assert.equal(await classCell(page, 32, 'in-use'), '0');
  assert.equal(await classCell(page, 32, 'pools'), '0');
  assert.equal(await inUseTotal(page), 0);
  assert.equal(await total(page, 'allocated-blocks'), '0');
  assert.equal(await total(page, 'check'), 'ok');
  assert.deepEqual(errors, []);
  await page.close();
});

test('requests above 512 bytes become raw blocks', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(`${env.site.url}allocator.html`);
  await allocate(page, 1000, 24);
  await act(page, () => page.click('[data-testid="free-every-other"]'));
  await allocate(page, 300, 200);
  await allocate(page, 3, 600);
  assert.equal(await total(page, 'raw-blocks'), '3 · 1,800 B (1.8 KiB)');
  assert.equal(await total(page, 'allocated-blocks'), '803');
  assert.equal(await classCell(page, 208, 'in-use'), '300');
  assert.equal(await inUseTotal(page), 800);
  assert.match(await page.textContent('[data-testid="status"]'), /· newest at 0x[0-9a-f]+ \(600-byte block\)$/);
  await screenshot(page, 'raw-blocks');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await screenshot(page, 'raw-blocks-dark');

  await act(page, () => page.click('[data-testid="free-all"]'));
  assert.equal(await total(page, 'raw-blocks'), '0');
  assert.equal(await total(page, 'allocated-blocks'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('another profile gets a fresh heap with its own size classes', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(`${env.site.url}allocator.html`);
  await allocate(page, 10, 24);
  // 3.6 has ALIGNMENT 8: 64 classes, and 24 bytes is a class of its own.
  await act(page, () => page.selectOption('[data-testid="profile"]', '3.6'));
  assert.equal(await total(page, 'allocated-blocks'), '0');
  assert.equal(await page.locator('[data-testid="size-classes"] tbody tr').count(), 64);
  await allocate(page, 100, 24);
  assert.equal(await classCell(page, 24, 'in-use'), '100');
  assert.match(await page.textContent('[data-testid="status"]'), /^CPython 3\.6 · 100 live blocks/);
  assert.match(await page.textContent('[data-testid="malloc-stats"]'), /in 64 size classes/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the site works from a sub-path', { timeout: 60_000 }, async () => {
  // Serve a directory in which the site is one folder down: every URL it uses must be relative.
  const parent = await mkdtemp(path.join(os.tmpdir(), 'pymemlab-subpath-'));
  await symlink(DIST, path.join(parent, 'lab'));
  const nested = await serve(parent, { port: 0 });
  try {
    const { page, errors } = await openPage(`${nested.url}lab/allocator.html`);
    await allocate(page, 100, 24);
    assert.equal(await classCell(page, 32, 'in-use'), '100');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await nested.close();
    await rm(parent, { recursive: true, force: true });
  }
});
