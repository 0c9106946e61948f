// embed.html: one <memory-lab> filling the page, made from the link's hash, for platforms that
// embed only iframes: `embed.html#code=<base64url>&profile=3.12&mode=repl&panels=console,identity&run=1`.
// The hash is data: its code becomes the element's text, and only known attribute values pass.
import './memory_lab.js';
import { parseHash } from '../lab/permalink.js';

const PANEL_NAMES = new Set(['console', 'identity', 'generations', 'arena-map', 'object-graph', 'timeline']);
const PROFILE = /^(2\.7|3\.\d{1,2})$/;

const params = new URLSearchParams(location.hash.replace(/^#/, ''));
const link = parseHash(location.hash);
const lab = document.createElement('memory-lab');
if (link && !link.error) {
  lab.textContent = link.code;
  if (link.profile && PROFILE.test(link.profile)) lab.setAttribute('profile', link.profile);
  if (link.mode) lab.setAttribute('mode', link.mode);
  if (link.run) lab.setAttribute('autorun', '');
} else {
  lab.textContent = link?.error ? `# ${link.error}\n` : '# Nothing to show: the link has no code.\n';
}
const panels = (params.get('panels') ?? '').split(',').filter((p) => PANEL_NAMES.has(p));
if (panels.length) lab.setAttribute('panels', panels.join(','));
if (params.get('theme') === 'dark' || params.get('theme') === 'light') lab.setAttribute('theme', params.get('theme'));
if (params.get('readonly') === '1') lab.setAttribute('readonly', '');
document.body.append(lab);
