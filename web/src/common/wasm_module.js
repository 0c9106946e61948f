// The WebAssembly module, compiled where the page starts (the worker takes a moment to start
// and load its script): the page compiles it while the worker starts and hands it over, the
// worker instantiating it instead of fetching it again. A worker started with the name
// MODULE_FROM_PAGE waits for that message ({ type: WASM_MODULE_MESSAGE, module }, module null
// when the page could not compile it: the worker then fetches the binary itself).
import { compilePyMemLab } from '../../../build/wasm/pymemlab.mjs';
import wasmUrl from '../../../build/wasm/pymemlab.wasm?url';

export const MODULE_FROM_PAGE = 'pymemlab: module from the page';
export const WASM_MODULE_MESSAGE = 'wasm-module';

let compiled = null;
let startedAt = NaN;

// One compilation per page, shared by the workers it starts (a stopped run starts a new one).
// Resolves to the WebAssembly.Module, or null when it could not be fetched or compiled.
export function compiledModule() {
  if (compiled === null) {
    startedAt = performance.now();
    compiled = compilePyMemLab(new URL(wasmUrl, import.meta.url).href).catch(() => null);
  }
  return compiled;
}

// When the compilation began (performance.now()), for the web benchmark.
export const compileStartedAt = () => startedAt;
