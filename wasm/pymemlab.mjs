// loadPyMemLab(options): the one JS entry to the WebAssembly module, for a browser (main thread,
// classic or module worker) and for Node. The build copies it beside pymemlab.js and
// pymemlab.wasm in build/wasm/; wasm/README.md documents what the promised module exposes.

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// Specifiers in variables: bundlers for the browser must neither resolve nor analyse them.
const NODE_MODULE = 'node:module';
const NODE_FS = 'node:fs/promises';
const NODE_URL = 'node:url';

/**
 * Resolves to the Emscripten module: { Allocator, profiles, defaultProfile, ... }.
 * options.scriptUrl: URL (or path under Node) of pymemlab.js; default: beside this file.
 * options.wasmUrl:   URL (or path under Node) of pymemlab.wasm; default: beside this file.
 * options.wasmModule: in a browser, the module compilePyMemLab made already (or a promise of
 *   it; null or a promise of null: fetch it after all).
 * Other options go to Emscripten's factory, which reads wasmBinary, locateFile, instantiateWasm,
 * print, printErr and onAbort (wasm/CMakeLists.txt's INCOMING_MODULE_JS_API).
 */
export async function loadPyMemLab(options = {}) {
  const { scriptUrl = 'pymemlab.js', wasmUrl = 'pymemlab.wasm', wasmModule, ...moduleOptions } = options;
  const script = new URL(scriptUrl, import.meta.url);
  const wasm = new URL(wasmUrl, import.meta.url);

  if (isNode) {
    // Node 20's fetch cannot read file: URLs, so the binary is read here and handed over.
    const { createRequire } = await import(/* @vite-ignore */ NODE_MODULE);
    const { readFile } = await import(/* @vite-ignore */ NODE_FS);
    const { fileURLToPath } = await import(/* @vite-ignore */ NODE_URL);
    const factory = createRequire(import.meta.url)(fileURLToPath(script));
    const wasmBinary = moduleOptions.wasmBinary ?? (await readFile(wasm));
    return factory({ ...moduleOptions, wasmBinary });
  }

  // The binary is fetched and compiled while pymemlab.js loads, not after it: Emscripten is
  // handed the compiled module (instantiateWasm) instead of fetching it itself. A caller that
  // compiled it already passes it (or a promise of it, null to have it fetched) as wasmModule.
  const compiled =
    moduleOptions.wasmBinary || moduleOptions.instantiateWasm
      ? null
      : wasmModule !== undefined
        ? Promise.resolve(wasmModule).then((m) => m ?? compilePyMemLab(wasm.href))
        : compilePyMemLab(wasm.href);
  compiled?.catch(() => {}); // reported below, once awaited
  // pymemlab.js is a classic script (see global_export.js): importing it runs it, which
  // publishes the factory on globalThis. This works in module workers, unlike importScripts.
  await import(/* @vite-ignore */ script.href);
  const factory = globalThis.loadPyMemLabModule;
  if (typeof factory !== 'function') throw new Error(`PyMemLab: no factory in ${script.href}`);
  if (compiled === null) {
    return factory({ locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasm.href : prefix + path), ...moduleOptions });
  }
  const compiledModule = await compiled;
  // Instantiation's failure is reported here: Emscripten would otherwise wait for it forever.
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  return Promise.race([
    factory({
      ...moduleOptions,
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(compiledModule, imports).then((instance) => receiveInstance(instance, compiledModule), failed);
        return {}; // the exports come through receiveInstance
      },
    }),
    failure,
  ]);
}

/**
 * Fetches and compiles pymemlab.wasm from `url` (a browser's): while the bytes arrive where the
 * server says application/wasm (as streaming compilation requires), from the whole body where a
 * host serves it as something else. Resolves to a WebAssembly.Module for loadPyMemLab's
 * options.wasmModule (it can be posted to a worker).
 */
export async function compilePyMemLab(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`PyMemLab: ${url} answered HTTP ${response.status}`);
  const streams = typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm';
  return streams ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}
