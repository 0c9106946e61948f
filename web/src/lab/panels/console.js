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
      const key = `${runInfo?.id ?? ''}:${text.length}`;
      if (key === shown) return;
      shown = key;
      element.textContent = text;
      element.classList.toggle('failed', Boolean(runInfo && runInfo.status !== 0 && view.position === view.end));
      element.scrollTop = element.scrollHeight;
    },
  };
}
