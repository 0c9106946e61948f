// <memory-lab>: the lab as one custom element, for tutorials. One script tag, then
//
//   <memory-lab profile="3.12" mode="repl" panels="console,identity,arena-map" autorun>
//   a = 256
//   b = 256
//   print(a is b)
//   </memory-lab>
//
// Attributes: profile (2.7 … 3.14; default 3.13), mode (script | repl), panels (a comma list of
// console, identity, generations, arena-map, object-graph, timeline; default console,identity),
// height (CSS length of the editor), theme (light | dark | auto), readonly, autorun, time-limit
// (seconds a run may take before its worker is stopped and restarted; 0.5 up to the default 30).
// Methods: run(), step(unit = 'line', direction = 1), reset(), setCode(code); property `code`.
// Events: run, step, output (CustomEvent detail as controller.js says).
// Each element has its own worker (a Stop ends only its run); the module's files are fetched once
// and then come from the browser's cache. Styles are constructed sheets, so a strict CSP holds.
import baseCss from '../style.css?inline';
import labCss from '../lab/lab.css?inline';
import embedCss from './memory_lab.css?inline';
import { createLabController } from '../lab/controller.js';
import { createEditor } from '../lab/editor.js';
import { timeLimit } from '../lab/permalink.js';

const PANELS = {
  console: ['Console', '<pre class="console" data-testid="console" aria-live="polite"></pre>'],
  identity: ['Names and identity', '<div data-testid="identity" class="identity"></div>'],
  generations: ['Cycle collector', '<div data-testid="generations" class="generations"></div>'],
  'arena-map': [
    'Arenas, pools and blocks',
    `<div class="arena-scroll"><canvas data-testid="arena-map" role="img" aria-label="Arena map"></canvas></div>
     <p class="hover-readout" data-testid="arena-readout"></p>
     <div class="pool-detail" data-testid="pool-detail" hidden>
       <canvas data-testid="pool-blocks" role="img" aria-label="Blocks of the selected pool"></canvas>
       <p class="hover-readout" data-testid="block-readout"></p>
     </div>
     <p class="raw-blocks" data-testid="raw-blocks"></p>`,
  ],
  'object-graph': [
    'Object graph',
    `<div class="panel-actions"><button type="button" data-testid="export-svg">Export SVG</button>
     <button type="button" data-testid="export-dot">Export DOT</button></div>
     <p class="caption" data-testid="graph-caption"></p>
     <div class="graph-scroll"><div data-testid="object-graph" class="object-graph"></div></div>`,
  ],
  timeline: [
    'Timeline',
    `<canvas data-testid="timeline" role="img" aria-label="Memory over the run"></canvas>
     <p class="hover-readout" data-testid="timeline-readout"></p>`,
  ],
};
const DEFAULT_PANELS = ['console', 'identity'];

let sheets = null;
function styleSheets() {
  if (!sheets) {
    sheets = [baseCss, labCss, embedCss].map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  }
  return sheets;
}

// The snippet in the element's text: common indentation and the first and last blank lines go.
function dedent(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines.at(-1).trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return `${lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')}\n`;
}

class MemoryLab extends HTMLElement {
  connectedCallback() {
    if (this.lab) return;
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = styleSheets();
    const panels = (this.getAttribute('panels') ?? DEFAULT_PANELS.join(','))
      .split(',')
      .map((p) => p.trim())
      .filter((p) => PANELS[p]);
    const frame = document.createElement('div');
    frame.className = 'memory-lab';
    // A fixed template: no text of the page's goes into it as markup.
    frame.innerHTML = `
      <div class="toolbar run-bar" role="toolbar" aria-label="Run and step">
        <button type="button" class="primary" data-testid="run" disabled>Run</button>
        <button type="button" data-testid="stop" disabled>Stop</button>
        <button type="button" data-testid="back-line" disabled>◀ Line</button>
        <button type="button" data-testid="step-line" disabled>Line ▶</button>
        <button type="button" data-testid="step-event" disabled>Event ▶</button>
        <input type="range" data-testid="scrubber" aria-label="Position in the run" min="0" max="0" value="0" disabled />
        <span class="profile-name" data-testid="profile-name"></span>
      </div>
      <div class="editor" data-testid="editor"></div>
      <p class="status" data-testid="status" role="status" aria-live="polite"></p>
      <div class="embed-panels">${panels
        .map((p) => `<section class="panel" data-panel="${p}"><h2>${PANELS[p][0]}</h2>${PANELS[p][1]}</section>`)
        .join('')}</div>`;
    shadow.append(frame);
    const q = (id) => shadow.querySelector(`[data-testid="${id}"]`);
    const height = this.getAttribute('height');
    if (height) q('editor').style.maxHeight = q('editor').style.minHeight = height;
    this.editor = createEditor(q('editor'), { onRun: () => this.lab.run(), readOnly: this.hasAttribute('readonly') });
    this.editor.setCode(dedent(this.textContent));
    const profile = () => this.getAttribute('profile') ?? '3.13';
    q('profile-name').textContent = `CPython ${profile()}`;
    this.lab = createLabController({
      q,
      host: this,
      editor: this.editor,
      settings: () => ({ profile: profile(), mode: this.getAttribute('mode') === 'repl' ? 'repl' : 'script' }),
      ...timeLimit(this.getAttribute('time-limit')),
    });
    if (this.hasAttribute('autorun')) this.lab.run();
  }

  disconnectedCallback() {
    this.lab?.terminate();
    this.lab = null;
  }

  get code() {
    return this.editor?.code ?? '';
  }

  run() {
    this.lab?.run();
  }

  step(unit = 'line', direction = 1) {
    this.lab?.step(unit, direction);
  }

  reset() {
    this.lab?.reset();
  }

  setCode(code) {
    this.editor?.setCode(String(code));
    this.lab?.reset();
  }
}

if (!customElements.get('memory-lab')) customElements.define('memory-lab', MemoryLab);

export { MemoryLab };
