// Reads a snippet: its header directives (`# profiles:`, `# mode:`, `# oracle:`) and its inline
// expectations (`# expect:`, `# expect error:`). README.md documents the syntax; run.mjs decides
// what to run and compare.
import { readFileSync } from 'node:fs';

// Every profile the lab has, oldest first (DESIGN.md, "Fidelity contract").
export const PROFILES = ['2.7', '3.6', '3.8', '3.10', '3.11', '3.12', '3.13', '3.14'];

const versionKey = (v) => v.split('.').map(Number).reduce((a, n) => a * 100 + n, 0);

// Error lines whose line number is compared too: compile errors point at a line, not a frame.
export const SYNTAX_ERROR = /^(SyntaxError|IndentationError|TabError)\b/;

// `3.8+`, `3.6-3.11`, `2.7`, `3.12, 3.13`, `all`; the default is every 3.x profile.
export function parseProfiles(spec) {
  const chosen = new Set();
  for (const raw of spec.split(',')) {
    const token = raw.trim();
    if (token === 'all') PROFILES.forEach((p) => chosen.add(p));
    else if (token === '3.x') PROFILES.filter((p) => p.startsWith('3.')).forEach((p) => chosen.add(p));
    else if (/^\d+\.\d+\+$/.test(token)) {
      const low = versionKey(token.slice(0, -1));
      PROFILES.filter((p) => versionKey(p) >= low).forEach((p) => chosen.add(p));
    } else if (/^\d+\.\d+-\d+\.\d+$/.test(token)) {
      const [low, high] = token.split('-').map(versionKey);
      PROFILES.filter((p) => versionKey(p) >= low && versionKey(p) <= high).forEach((p) => chosen.add(p));
    } else if (PROFILES.includes(token)) chosen.add(token);
    else throw new Error(`unknown profile '${token}' in '# profiles: ${spec}'`);
  }
  return PROFILES.filter((p) => chosen.has(p));
}

const DIRECTIVE = /^#\s*(profiles|mode|oracle|compare)\s*:\s*(.*?)\s*$/;
const EXPECT = /(?:^|\s)#\s*expect:(?: (.*))?$/;
const EXPECT_ERROR = /(?:^|\s)#\s*expect error:\s*(.*?)\s*$/;

// Returns { id, area, name, path, source, profiles, mode, oracleBits, compareStderr, description,
// expect, errors }.
// `expect` is null for a differential snippet, else { stdout, status, errorLine, errorLineNo }.
// `errors` lists header problems; run.mjs reports them as failures.
export function readSnippet(path, id) {
  const source = readFileSync(path, 'utf8');
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const snippet = {
    id,
    area: id.split('/')[0],
    name: id.split('/').slice(1).join('/'),
    path,
    source,
    lineCount: lines.length,
    profiles: PROFILES.filter((p) => p.startsWith('3.')),
    mode: 'script',
    oracleBits: null,
    compareStderr: false,
    description: [],
    expect: null,
    errors: [],
  };

  let header = 0;
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    header += 1;
    const m = DIRECTIVE.exec(line);
    if (!m) {
      snippet.description.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const [, key, value] = m;
    try {
      if (key === 'profiles') snippet.profiles = parseProfiles(value);
      else if (key === 'mode') {
        if (value !== 'script' && value !== 'repl') throw new Error(`'# mode: ${value}' is neither script nor repl`);
        snippet.mode = value;
      } else if (key === 'oracle') {
        if (value === '64-bit') snippet.oracleBits = 64;
        else if (value === 'native-stack') snippet.oracleNativeStack = true;
        else throw new Error(`'# oracle: ${value}': only '64-bit' and 'native-stack' are known`);
      } else if (key === 'compare') {
        if (value !== 'traceback') throw new Error(`'# compare: ${value}': only 'traceback' is known`);
        snippet.compareStderr = true;
      }
    } catch (e) {
      snippet.errors.push(e.message);
    }
  }

  const out = [];
  let errorLine = null;
  let errorLineNo = null;
  lines.forEach((line, i) => {
    if (i < header) return;  // the header describes; expectations sit on code lines
    const error = EXPECT_ERROR.exec(line);
    if (error) {
      if (errorLine !== null) snippet.errors.push(`line ${i + 1}: a second '# expect error:'`);
      errorLine = error[1];
      errorLineNo = i + 1;
      return;
    }
    const m = EXPECT.exec(line);
    if (m) out.push((m[1] ?? '').replace(/\s+$/, ''));
  });
  if (out.length || errorLine !== null) {
    snippet.expect = {
      stdout: out.map((l) => l + '\n').join(''),
      status: errorLine === null ? 0 : 1,
      errorLine,
      errorLineNo,
    };
    if (snippet.compareStderr) snippet.errors.push("'# compare: traceback' needs the oracle: it cannot have '# expect' comments");
  }
  return snippet;
}

// What a finished run says about its error: the final stderr line (the exception) and, for a
// compile error, the line number of the last `File "...", line N` before it.
export function errorSummary(stderr) {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const errorLine = lines.at(-1) ?? '';
  let lineNo = null;
  if (SYNTAX_ERROR.test(errorLine)) {
    for (const l of lines) {
      const m = /^\s*File "[^"]*", line (\d+)/.exec(l);
      if (m) lineNo = Number(m[1]);
    }
  }
  return { errorLine, lineNo };
}
