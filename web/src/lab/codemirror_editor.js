// The full editor, loaded by editor.js once the page can run: CodeMirror 6 with Python
// highlighting, history and indentation, plus two line decorations the lab sets — the line the
// cursor of the run is on, and the line an error points at. Ctrl/Cmd+Enter asks to run. It is
// made inside the shadow root editor.js prepared, where CodeMirror styles itself with
// constructed sheets, which the site's strict CSP allows (in a document it would add <style>
// elements, which it blocks).
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers } from '@codemirror/view';

const setMarks = StateEffect.define();

// { current, error }: 1-based line numbers, or 0 for none.
const marksField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setMarks)) continue;
      const ranges = [];
      const { current, error } = effect.value;
      const doc = tr.state.doc;
      if (current > 0 && current <= doc.lines) {
        ranges.push(Decoration.line({ class: 'cm-current-line' }).range(doc.line(current).from));
      }
      if (error > 0 && error <= doc.lines && error !== current) {
        ranges.push(Decoration.line({ class: 'cm-error-line' }).range(doc.line(error).from));
      }
      ranges.sort((a, b) => a.from - b.from);
      marks = Decoration.set(ranges);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createCodeMirror(shadow, { doc, onRun, onChange, readOnly }) {
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        marksField,
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
        keymap.of([
          { key: 'Mod-Enter', run: () => (onRun(), true) },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.();
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'Python code', 'data-testid': 'editor-input' }),
      ],
    }),
  });
  let marks = { current: 0, error: 0 };

  return {
    get code() {
      return view.state.doc.toString();
    },
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    // Draws the run's current line and an error's line; scrolls the current one into view.
    mark(current, error) {
      if (current === marks.current && error === marks.error) return;
      marks = { current, error };
      const effects = [setMarks.of(marks)];
      const line = current || error;
      if (line > 0 && line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }));
      }
      view.dispatch({ effects });
    },
    focus: () => view.focus(),
    select(anchor, head) {
      const length = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(anchor, length), head: Math.min(head, length) } });
    },
  };
}
