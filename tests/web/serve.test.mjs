// tools/serve.mjs: MIME types the browser insists on (application/wasm, text/javascript), the
// CSP header, directory handling, and that no request reaches outside the served directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, serve } from '../../tools/serve.mjs';

let dir;
let site;

before(async () => {
  // The served root is a folder inside a parent that holds a secret: it must stay unreachable.
  const parent = await mkdtemp(path.join(os.tmpdir(), 'pymemlab-serve-'));
  dir = path.join(parent, 'site');
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(parent, 'secret.txt'), 'secret');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(dir, 'assets', 'm.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  await writeFile(path.join(dir, 'assets', 'a.js'), 'export {};');
  await writeFile(path.join(dir, 'assets', 'b.mjs'), 'export {};');
  await writeFile(path.join(dir, 'assets', 'c.css'), 'body {}');
  site = await serve(dir, { port: 0 });
});

after(async () => {
  await site?.close();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

// A raw request, so the path reaches the server exactly as written (fetch would normalise it).
function get(requestPath, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: site.port, path: requestPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve listens on an ephemeral loopback port when given port 0', () => {
  assert.ok(site.port > 0);
  assert.equal(site.url, `http://127.0.0.1:${site.port}/`);
});

test('files are served with the MIME types browsers require', async () => {
  const cases = {
    '/': 'text/html; charset=utf-8',
    '/assets/m.wasm': 'application/wasm',
    '/assets/a.js': 'text/javascript; charset=utf-8',
    '/assets/b.mjs': 'text/javascript; charset=utf-8',
    '/assets/c.css': 'text/css; charset=utf-8',
  };
  for (const [p, type] of Object.entries(cases)) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'], type, p);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', p);
    assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, p);
  }
  assert.deepEqual([...(await get('/assets/m.wasm')).body.subarray(0, 4)], [0, 97, 115, 109]);
});

test('a directory without its trailing slash redirects, a missing file is 404', async () => {
  const redirect = await get('/assets');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/assets/');
  assert.equal((await get('/nope.js')).status, 404);
  assert.equal((await get('/assets/')).status, 404); // no index.html there, and no listing
});

test('no request path leaves the served directory', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
    const res = await get(p);
    assert.notEqual(res.status, 200, p);
    assert.ok(!res.body.toString().includes('secret'), p);
  }
  assert.equal((await get('/%00')).status, 403);
});

test('localhost reaches the server too', async () => {
  const res = await get('/', 'localhost');
  assert.equal(res.status, 200);
});
