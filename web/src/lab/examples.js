// The lessons of examples/ (each NN-slug.py with its NN-slug.md, examples/README.md), bundled
// into the page as text and parsed here: title, profile, mode, panels, and the explanation.
const sources = import.meta.glob('../../../examples/*.py', { query: '?raw', import: 'default', eager: true });
const texts = import.meta.glob('../../../examples/*.md', { query: '?raw', import: 'default', eager: true });

// The .md's header: `# Title`, then `key: value` lines until the first blank line.
export function parseLesson(md) {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const lesson = { title: '', profile: undefined, mode: 'script', panels: [], body: '' };
  let i = 0;
  if (lines[0]?.startsWith('# ')) {
    lesson.title = lines[0].slice(2).trim();
    i = 1;
  }
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    const m = /^(\w+):\s*(.*)$/.exec(lines[i]);
    if (!m) break;
    if (m[1] === 'profile') lesson.profile = m[2].trim();
    else if (m[1] === 'mode') lesson.mode = m[2].trim() === 'repl' ? 'repl' : 'script';
    else if (m[1] === 'panels') lesson.panels = m[2].split(',').map((p) => p.trim()).filter(Boolean);
  }
  lesson.body = lines.slice(i).join('\n').trim();
  return lesson;
}

export const lessons = Object.keys(sources)
  .sort()
  .map((path) => {
    const slug = path.split('/').pop().replace(/\.py$/, '');
    const md = texts[path.replace(/\.py$/, '.md')] ?? `# ${slug}\n`;
    return { slug, code: sources[path], ...parseLesson(md) };
  });

// The explanation as DOM nodes: paragraphs, `- ` lists and `code`; all text goes in as text.
export function renderLessonBody(body, doc = document) {
  const fragment = doc.createDocumentFragment();
  for (const block of body.split(/\n\s*\n/)) {
    const lines = block.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      const ul = doc.createElement('ul');
      for (const l of lines) ul.append(inline(doc.createElement('li'), l.slice(2), doc));
      fragment.append(ul);
    } else if (block.trim()) {
      fragment.append(inline(doc.createElement('p'), lines.join(' '), doc));
    }
  }
  return fragment;
}

function inline(element, text, doc) {
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      const code = doc.createElement('code');
      code.textContent = part.slice(1, -1);
      element.append(code);
    } else if (part) {
      element.append(doc.createTextNode(part));
    }
  });
  return element;
}
