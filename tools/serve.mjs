#!/usr/bin/env node
// A dependency-free static file server for the built site: `node tools/serve.mjs DIR PORT`
// serves DIR on the loopback interface only (127.0.0.1, and ::1 so that "localhost" works either
// way). Tests import serve() and pass port 0 to get a free port. Read web/README.md for the site.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../web/csp.mjs';

export { CONTENT_SECURITY_POLICY };

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};


function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

// Maps a request path to a file under root, or null when it would leave root.
function resolveUnder(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function handler(root) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed');
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    let file = resolveUnder(root, urlPath);
    if (file === null) return send(res, 403, 'Forbidden');
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      // A directory without its trailing slash would break the page's relative URLs.
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: `${urlPath}/` });
        return res.end();
      }
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return send(res, 404, 'Not Found');
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Serves `dir` on 127.0.0.1 and, when the host has IPv6 loopback, on ::1 with the same port.
 * Resolves to { port, url, close() }; port 0 picks a free port.
 */
export async function serve(dir, { port = 8000 } = {}) {
  const root = path.resolve(dir);
  const rootInfo = await stat(root).catch(() => null);
  if (!rootInfo?.isDirectory()) throw new Error(`serve: ${root} is not a directory`);
  const servers = [http.createServer(handler(root))];
  const actualPort = await listen(servers[0], port, '127.0.0.1');
  const v6 = http.createServer(handler(root));
  try {
    await listen(v6, actualPort, '::1');
    servers.push(v6);
  } catch {
    // No IPv6 loopback here (or the port is taken on it): "localhost" resolves to 127.0.0.1.
  }
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/`,
    close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [dir, portArg = '8000'] = process.argv.slice(2);
  const port = Number(portArg);
  if (!dir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node tools/serve.mjs DIR [PORT]');
    process.exit(2);
  }
  try {
    const { port: actual } = await serve(dir, { port });
    console.log(`PyMemLab: http://localhost:${actual}/`);
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(1);
  }
}
