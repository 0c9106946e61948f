// Vite bundles the page into dist/: relative URLs (base './') so it works from any sub-path, no
// inlined assets or scripts (the site runs under a strict CSP), and the worker as an ES module.
// The worker imports the WebAssembly module from ../build/wasm, which `make wasm` produces.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './csp.mjs';

const wasmDir = fileURLToPath(new URL('../build/wasm/', import.meta.url));

// Fails early, in words, instead of with an unresolved import deep in the worker.
const requireWasmBuild = {
  name: 'pymemlab-require-wasm-build',
  buildStart() {
    for (const file of ['pymemlab.mjs', 'pymemlab.js', 'pymemlab.wasm']) {
      if (!existsSync(wasmDir + file)) {
        this.error(`${wasmDir}${file} is missing: run \`make wasm\` first.`);
      }
    }
  },
};

// Every built page carries the policy as a <meta> (not in dev: Vite's dev client needs more).
const contentSecurityPolicyMeta = {
  name: 'pymemlab-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
  ],
};

export default defineConfig({
  base: './',
  plugins: [requireWasmBuild, contentSecurityPolicyMeta],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every asset stays a file: data: URLs for scripts or the module would need CSP exceptions.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The pages — the lab (index.html), the allocator playground, the iframe page, the
    // documentation — and the <memory-lab> element's script, under a stable name
    // (memory-lab.js) because tutorials link to it.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        allocator: fileURLToPath(new URL('./allocator.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
        docs: fileURLToPath(new URL('./docs.html', import.meta.url)),
        'memory-lab': fileURLToPath(new URL('./src/embed/memory_lab.js', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'memory-lab' ? 'memory-lab.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  worker: { format: 'es' },
  // The dev server may read the wasm build and the lessons (examples/) beside web/.
  server: { fs: { allow: ['..'] } },
});
