// The page under hostile input (issue 9, "Security of the page"): snippets and permalinks are
// data. Strings a snippet makes (output, reprs, names, exception messages) stay text in every
// panel; a permalink reaches no other host and none of the origin's storage; the pages carry a
// strict Content-Security-Policy of their own, so it holds on a host that sends no headers; and a
// run past its time limit loses its worker, and the next run gets a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../tools/serve.mjs';
import { CONTENT_SECURITY_POLICY } from '../../web/csp.mjs';
import { DIST, useSiteAndBrowser, watchErrors } from './harness.mjs';

const env = useSiteAndBrowser();

const base64url = (text) => Buffer.from(text, 'utf8').toString('base64url');
const permalink = (code, extra = '') => `${env.site.url}#code=${base64url(code)}&profile=3.13&mode=script&run=1${extra}`;

async function openRun(url, page = null) {
  page ??= await env.browser.newPage({ viewport: { width: 1366, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForFunction(() => {
    const d = document.documentElement.dataset;
    return d.ready === 'true' && d.runs === '1' && d.busy === 'false';
  });
  return { page, errors };
}

// Every element of the document and of the shadow roots under it (the editor lives in one).
function everyElement() {
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return all.map((el) => ({ tag: el.tagName.toLowerCase(), attrs: el.getAttributeNames(), page: Boolean(el.closest('head')) }));
}

const HOSTILE = [
  '<img src=x onerror="document.title=\'pwned\'">',
  '<script>document.title="pwned"</script>',
  '<svg onload="document.title=\'pwned\'"></svg>',
];

test('strings from a snippet stay text in the console, the identity panel and the object graph', { timeout: 90_000 }, async () => {
  const code = [
    `img, script, svg = ${HOSTILE.map((s) => JSON.stringify(s)).join(', ')}`,
    'class Evil:',
    '    def __repr__(self):',
    '        return script',
    'e = Evil()',
    'd = {img: [e, svg]}',
    'globals()[svg] = e',
    'a = b = img',
    'print(img, a is b)',
    'print(repr(e))',
    'raise ValueError(svg)',
    '',
  ].join('\n');
  const { page, errors } = await openRun(permalink(code));
  const consoleText = await page.textContent('[data-testid="console"]');
  assert.ok(consoleText.startsWith(`${HOSTILE[0]} True\n${HOSTILE[1]}\n`), consoleText);
  assert.ok(consoleText.endsWith(`ValueError: ${HOSTILE[2]}\n`), consoleText);
  // The graph's labels and the identity panel's explanations hold the strings' reprs as text.
  const graph = await page.textContent('[data-testid="object-graph"]');
  assert.ok(graph.includes("'<img src=x onerror="), graph);
  assert.ok(graph.includes("'<svg onload="), graph);
  assert.match(await page.textContent('[data-testid="identity"]'), /a and b are the same object, a str/);
  const elements = await page.evaluate(everyElement);
  const panelScripts = elements.filter((e) => e.tag === 'script' && !e.page);
  assert.deepEqual(panelScripts, []);
  assert.deepEqual(elements.filter((e) => e.tag === 'img'), []);
  const handlers = elements.filter((e) => e.attrs.some((a) => a.startsWith('on')));
  assert.deepEqual(handlers, []);
  assert.notEqual(await page.title(), 'pwned');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a permalink reaches no other host and none of the origin\'s storage', { timeout: 90_000 }, async () => {
  const other = await serve(DIST, { port: 0 });
  const otherHits = [];
  const otherOrigin = new URL(other.url).origin.replace('localhost', '127.0.0.1');
  const page = await env.browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.url().startsWith(otherOrigin)) otherHits.push(response.url());
  });
  // The origin's storage, set before the link is opened.
  await page.goto(`${env.site.url}docs.html`);
  await page.evaluate(() => {
    localStorage.setItem('canary', 'local');
    sessionStorage.setItem('canary', 'session');
    document.cookie = 'canary=cookie; SameSite=Strict';
  });
  const code = [
    'attempts = [',
    '    "open(\'/etc/passwd\')",',
    '    "__import__(\'os\').system(\'true\')",',
    '    "__import__(\'socket\')",',
    '    "__import__(\'js\')",',
    '    "__import__(\'urllib.request\')",',
    `    "__import__(\'pyodide\')",`,
    ']',
    'for a in attempts:',
    '    try:',
    '        eval(a)',
    '        print("reached", a)',
    '    except Exception as e:',
    '        print(type(e).__name__)',
    '',
  ].join('\n');
  // The hash also carries a hostile profile and mode: they fall back to the defaults.
  const url = `${env.site.url}#code=${base64url(code)}&profile=${encodeURIComponent('<script>x</script>')}&mode=javascript:alert(1)&run=1&fetch=${encodeURIComponent(other.url)}`;
  const { errors } = await openRun(url, page);
  const output = await page.textContent('[data-testid="console"]');
  assert.doesNotMatch(output, /reached/);
  assert.equal(output.trim().split('\n').length, 6, output);
  assert.equal(await page.inputValue('[data-testid="profile"]'), '3.13');
  const origin = new URL(env.site.url).origin;
  const elsewhere = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(otherHits, []);
  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`),
    session: Object.keys(sessionStorage).map((k) => `${k}=${sessionStorage.getItem(k)}`),
    cookie: document.cookie,
  }));
  assert.deepEqual(storage, { local: ['canary=local'], session: ['canary=session'], cookie: 'canary=cookie' });
  assert.deepEqual(errors, []);
  await page.close();
  await other.close();
});

test('every page carries the policy itself: no eval, no inline script, no other host, even without the header', { timeout: 90_000 }, async () => {
  const other = await serve(DIST, { port: 0 });
  const page = await env.browser.newPage();
  // A static host that sends no Content-Security-Policy header.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  for (const name of ['index.html', 'embed.html', 'docs.html', 'allocator.html']) {
    await page.goto(`${env.site.url}${name}`);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.equal(meta, CONTENT_SECURITY_POLICY, name);
  }
  await page.goto(env.site.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  // (page.evaluate itself may eval: the DevTools protocol exempts it. A string timer may not.)
  const outcome = await page.evaluate(async (otherUrl) => {
    const result = {};
    setTimeout('window.evalRan = true', 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    result.eval = window.evalRan === true;
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.head.append(script);
    result.inline = window.inlineRan === true;
    try {
      await fetch(otherUrl);
      result.fetch = 'reached';
    } catch (error) {
      result.fetch = error.name;
    }
    return result;
  }, other.url);
  assert.deepEqual(outcome, { eval: false, inline: false, fetch: 'TypeError' });
  await page.unrouteAll({ behavior: 'ignoreErrors' });  // the editor's chunk may still be in flight
  await page.close();
  await other.close();
});

test('a run past its time limit loses its worker; a fresh one runs the next snippet', { timeout: 90_000 }, async () => {
  const page = await env.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.site.url}?time-limit=1#code=${base64url('while True:\n    pass\n')}&profile=3.13&mode=script&run=1`);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent.startsWith('Stopped after 1 s'));
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]').dataset.editor === 'codemirror');
  await page.click('[data-testid="editor-input"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('print("fresh")\n');
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => document.documentElement.dataset.runs === '1' && document.documentElement.dataset.busy === 'false');
  assert.equal(await page.textContent('[data-testid="console"]'), 'fresh\n');
  assert.deepEqual(errors, []);
  await page.close();
});
