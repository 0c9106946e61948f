// The snippet editor, in two stages so the page can run a snippet before the editor's code has
// arrived: first a plain <textarea> (Ctrl/Cmd+Enter runs), then, on upgrade() — which the lab
// controller calls once the WebAssembly module is ready, or the reader focuses the text —
// CodeMirror (codemirror_editor.js, a separate chunk), holding the same text, selection and
// focus. Both live in a shadow root of the host element with editor.css adopted there. The host
// gets data-editor="plain" or "codemirror". The interface is the same either way: code,
// setCode(), mark(current line, error line) (drawn by CodeMirror only), focus().
import editorCss from './editor.css?inline';

let sheet = null;

export function createEditor(host, { onRun, onChange, readOnly = false }) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(editorCss);
  }
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [sheet];
  const plain = document.createElement('textarea');
  plain.className = 'plain-editor';
  plain.spellcheck = false;
  plain.readOnly = readOnly;
  plain.setAttribute('aria-label', 'Python code');
  plain.dataset.testid = 'editor-input';
  plain.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });
  plain.addEventListener('input', () => onChange?.());
  plain.addEventListener('focus', () => upgrade(), { once: true });
  shadow.append(plain);
  host.dataset.editor = 'plain';

  let full = null; // the CodeMirror editor, once loaded
  let marks = [0, 0];
  let upgrading = null;

  function upgrade() {
    upgrading ??= import('./codemirror_editor.js').then(({ createCodeMirror }) => {
      const focused = shadow.activeElement === plain;
      const { selectionStart, selectionEnd } = plain;
      full = createCodeMirror(shadow, { doc: plain.value, onRun, onChange, readOnly });
      plain.remove();
      full.mark(...marks);
      full.select(selectionStart, selectionEnd);
      if (focused) full.focus();
      host.dataset.editor = 'codemirror';
    }).catch(() => {
      // The chunk did not load (offline, blocked): the plain editor stays; a later call retries.
      upgrading = null;
    });
    return upgrading;
  }

  return {
    get code() {
      return full ? full.code : plain.value;
    },
    setCode(code) {
      if (full) full.setCode(code);
      else plain.value = code;
    },
    mark(current, error) {
      marks = [current, error];
      full?.mark(current, error);
    },
    focus: () => (full ? full.focus() : plain.focus()),
    upgrade,
  };
}
