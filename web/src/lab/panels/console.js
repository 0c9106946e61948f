// The console: what the run had written at the cursor (stdout and stderr interleaved, as the CLI
// prints them), as text. The line an uncaught exception or a syntax error points at is found in
// the traceback's last `File "<snippet>", line N`.
const FILE_LINE = /File "<snippet>", line (\d+)/g;

export function errorLine(output) {
  let line = 0;
  for (const m of output.matchAll(FILE_LINE)) line = Number(m[1]);
  return line;
}

export function createConsole(element) {
  let shown = null;
  return {
    render({ view, runInfo }) {
      const text = view ? view.output : '';
      // At the snippet's end (where a run leaves the cursor), what the interpreter's exit will
      // print follows, set apart: the text is still the CLI's, and stepping on shows it happen.
      const atExit = view && runInfo && view.position === view.snippetEnd ? runInfo.fullOutput.slice(text.length) : '';
      const key = `${runInfo?.id ?? ''}:${text.length}:${atExit.length}`;
      if (key === shown) return;
      shown = key;
      element.textContent = text;
      if (atExit) {
        const span = document.createElement('span');
        span.className = 'at-exit';
        span.dataset.testid = 'console-at-exit';
        span.title = 'Printed at the interpreter’s exit, after the snippet’s last line: step forward to watch it.';
        span.textContent = atExit;
        element.append(span);
      }
      element.classList.toggle('failed', Boolean(runInfo && runInfo.status !== 0 && view.position >= view.snippetEnd));
      element.scrollTop = element.scrollHeight;
    },
  };
}
