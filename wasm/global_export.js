// Appended after Emscripten's output (--extern-post-js). Loaded as a classic script or through
// require(), the factory is already reachable; imported as an ES module (a module worker cannot
// importScripts), its top-level `var` is module-scoped, so publish it on globalThis for pymemlab.mjs.
if (typeof module === 'undefined' && typeof globalThis !== 'undefined') {
  globalThis.loadPyMemLabModule = loadPyMemLabModule;
}
