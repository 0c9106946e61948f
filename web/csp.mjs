// The Content-Security-Policy the site is built to run under: no inline script or style, no
// eval; WebAssembly compilation needs 'wasm-unsafe-eval'; everything else comes from the site's
// own origin, so nothing a snippet or a permalink holds can reach another host. tools/serve.mjs
// sends it as a header; the build writes it into every page as a <meta> too (vite.config.js),
// so the policy holds on a static host that sends no headers.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
