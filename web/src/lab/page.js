// The lab page's entry: the editor, the profile / mode / examples / share / theme controls and
// the permalink, over one lab controller (controller.js: the worker, the commands, the panels,
// one render per frame). Permalinks restore a snippet (permalink.js); the examples menu loads
// the lessons (examples.js). Keyboard: Ctrl+Enter runs, F10 / Shift+F10 step by line, F11 /
// Shift+F11 by event, Escape stops a run.
import { createLabController } from './controller.js';
import { createEditor } from './editor.js';
import { lessons, renderLessonBody } from './examples.js';
import { makeHash, parseHash, timeLimit } from './permalink.js';

const root = document.documentElement;
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const DEFAULT_CODE = `# Edit me, then Run (Ctrl+Enter) and step through memory.
a = 1
b = 1
print(a is b)          # one cached small int

x = [1, 2, 3]
y = x                  # a second name, the same list
x.append(x)            # a reference cycle
del x, y
import gc
print(gc.collect())    # the collector frees the cycle
`;

const profileSelect = $('profile');
const modeSelect = $('mode');
const editor = createEditor($('editor'), { onRun: () => lab.run(), onChange: () => {} });
const lab = createLabController({
  q: $,
  host: root,
  editor,
  settings: () => ({ profile: profileSelect.value, mode: modeSelect.value }),
  onReady: fillProfiles,
  ...timeLimit(new URLSearchParams(location.search).get('time-limit')),
});

function fillProfiles(profiles, defaultProfile) {
  const want = profileSelect.dataset.want || profileSelect.value || defaultProfile;
  profileSelect.replaceChildren(
    ...profiles.map((p) => {
      const option = document.createElement('option');
      option.value = p;
      option.textContent = p === '2.7' ? 'CPython 2.7' : `CPython ${p}`;
      return option;
    }),
  );
  profileSelect.value = profiles.includes(want) ? want : defaultProfile;
  profileSelect.disabled = false;
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'F10') lab.step('line', event.shiftKey ? -1 : 1);
  else if (event.key === 'F11') lab.step('event', event.shiftKey ? -1 : 1);
  else if (event.key === 'Escape' && lab.state.busy) lab.stop();
  else return;
  event.preventDefault();
});

// ---- share, examples, theme -----------------------------------------------------------------

$('share').addEventListener('click', async () => {
  const hash = makeHash({ code: editor.code, profile: profileSelect.value, mode: modeSelect.value, run: true });
  history.replaceState(null, '', hash);
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    lab.state.message = 'A link to this snippet was copied.';
  } catch {
    lab.state.message = 'The address bar now holds a link to this snippet.';
  }
  lab.requestFrame();
});

const examples = $('examples');
const lessonBox = $('lesson');
{
  const placeholder = document.createElement('option');
  placeholder.value = '';
  placeholder.textContent = `Lessons (${lessons.length})…`;
  examples.append(placeholder);
  for (const lesson of lessons) {
    const option = document.createElement('option');
    option.value = lesson.slug;
    option.textContent = lesson.title || lesson.slug;
    examples.append(option);
  }
}

function showLesson(lesson) {
  lessonBox.replaceChildren();
  lessonBox.hidden = !lesson;
  if (!lesson) return;
  const title = document.createElement('h3');
  title.textContent = lesson.title;
  const panels = document.createElement('p');
  panels.className = 'muted';
  panels.textContent = lesson.panels.length ? `Watch: ${lesson.panels.join(', ')}.` : '';
  lessonBox.append(title, renderLessonBody(lesson.body), panels);
}

function openLesson(slug, { autorun }) {
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) return;
  editor.setCode(lesson.code);
  if (lesson.profile) setProfile(lesson.profile);
  modeSelect.value = lesson.mode;
  showLesson(lesson);
  if (autorun) lab.run();
}

examples.addEventListener('change', () => openLesson(examples.value, { autorun: true }));

function setProfile(profile) {
  profileSelect.dataset.want = profile;
  if (lab.state.profiles.includes(profile)) profileSelect.value = profile;
}

$('theme').addEventListener('click', () => {
  const dark = root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = dark ? 'light' : 'dark';
  try {
    localStorage.setItem('pymemlab-theme', root.dataset.theme);
  } catch {
    // storage may be unavailable (a sandboxed frame): the choice lasts for this page only.
  }
  lab.requestFrame();
});
try {
  const saved = localStorage.getItem('pymemlab-theme');
  if (saved === 'dark' || saved === 'light') root.dataset.theme = saved;
} catch {
  // as above
}
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => lab.requestFrame());

// ---- start ----------------------------------------------------------------------------------

const link = parseHash(location.hash);
if (link?.error) {
  lab.state.error = link.error;
  editor.setCode(DEFAULT_CODE);
} else if (link) {
  editor.setCode(link.code);
  if (link.profile) setProfile(link.profile);
  if (link.mode) modeSelect.value = link.mode;
  if (link.run) lab.run();
} else {
  editor.setCode(DEFAULT_CODE);
}
lab.requestFrame();
