// What both pages' workers do with the WebAssembly module: load it (compiled by the page when
// the worker's name says so: wasm_module.js), tell the page it is ready (with the profiles and
// how long loading took here), then run the page's commands one at a time, in arrival order,
// once it has loaded. A command that throws is reported as an `error` message and does not stop
// the ones after it. `handle(module, message)` runs one command and posts its answer.
import { loadPyMemLab } from '../../../build/wasm/pymemlab.mjs';
import scriptUrl from '../../../build/wasm/pymemlab.js?url';
import wasmUrl from '../../../build/wasm/pymemlab.wasm?url';
import { MODULE_FROM_PAGE, WASM_MODULE_MESSAGE } from './wasm_module.js';

export function serveCommands(handle) {
  let module = null;
  const started = performance.now();
  let fromPage;
  const wasmModule = self.name === MODULE_FROM_PAGE ? new Promise((resolve) => (fromPage = resolve)) : undefined;
  const loading = loadPyMemLab({ scriptUrl, wasmUrl, wasmModule }).then((m) => {
    module = m;
    // loadMs: fetching, compiling and instantiating the module (the web benchmark reads it).
    self.postMessage({ type: 'ready', profiles: m.profiles(), defaultProfile: m.defaultProfile(), loadMs: performance.now() - started });
  });
  loading.catch((error) => {
    self.postMessage({ type: 'error', message: `Could not load the WebAssembly module: ${error}` });
  });
  let queue = loading.catch(() => {});
  self.onmessage = ({ data }) => {
    if (data?.type === WASM_MODULE_MESSAGE) return fromPage?.(data.module ?? null);
    queue = queue
      .then(() => {
        if (module === null) throw new Error('the WebAssembly module did not load');
        handle(module, data);
      })
      .catch((error) => self.postMessage({ type: 'error', message: String(error?.message ?? error) }));
  };
}
