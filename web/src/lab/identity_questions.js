// The identity questions a snippet asks: every `a is b`, `a is not b` and `id(a) == id(b)`
// between plain names, in source order, once each. The Lab's explain() answers them.
const FORMS = [
  { re: /\b([A-Za-z_]\w*)\s+is\s+not\s+([A-Za-z_]\w*)\b/g, text: (a, b) => `${a} is not ${b}` },
  { re: /\b([A-Za-z_]\w*)\s+is\s+(?!not\b)([A-Za-z_]\w*)\b/g, text: (a, b) => `${a} is ${b}` },
  { re: /\bid\(\s*([A-Za-z_]\w*)\s*\)\s*==\s*id\(\s*([A-Za-z_]\w*)\s*\)/g, text: (a, b) => `id(${a}) == id(${b})` },
];
const KEYWORDS = new Set(['None', 'True', 'False', 'not', 'and', 'or', 'in', 'if', 'else', 'lambda']);

export function findIdentityQuestions(code) {
  const found = [];
  const seen = new Set();
  const lines = code.split('\n');
  lines.forEach((text, i) => {
    // String literals and comments are not code: blank them (keeping columns).
    const source = text
      .replace(/(['"])(?:\\.|(?!\1).)*\1/g, (m) => ' '.repeat(m.length))
      .replace(/#.*$/, '');
    for (const form of FORMS) {
      for (const m of source.matchAll(form.re)) {
        if (KEYWORDS.has(m[1]) || KEYWORDS.has(m[2])) continue;
        const question = form.text(m[1], m[2]);
        if (seen.has(question)) continue;
        seen.add(question);
        found.push({ question, line: i + 1, column: m.index });
      }
    }
  });
  return found.sort((x, y) => x.line - y.line || x.column - y.column);
}
