// What the browser tests share: the repository's paths, the built site served by tools/serve.mjs
// on an ephemeral loopback port, and Debian's Chromium driven by playwright-core (installed in
// web/node_modules; `npx playwright install` cannot work here and is never needed).
import { access, constants, mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(REPO, 'web/dist');
export const ARTIFACTS = path.join(REPO, 'build/test-artifacts');
export const CHROMIUM = process.env.PYMEMLAB_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Fails (never skips) when something the test needs is missing, saying how to get it.
async function requireFile(file, hint) {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new Error(`${file} is missing: ${hint}`);
  }
}

export async function startSite(dir = DIST) {
  await requireFile(path.join(dir, 'index.html'), 'build the site with `make web`');
  return serve(dir, { port: 0 });
}

export async function launchChromium() {
  await requireFile(CHROMIUM, "install Debian's chromium package (`make setup`)");
  const require = createRequire(path.join(REPO, 'web/package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    throw new Error('playwright-core is missing from web/node_modules: run `make setup`');
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// Collects what would show in the console as an error: uncaught exceptions, console.error,
// CSP violations (Chromium logs those as console errors).
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

// For a test file: serves the built site and launches Chromium before its tests, closes both
// after them. The returned object's `site` and `browser` are set once `before` has run.
export function useSiteAndBrowser() {
  const env = { site: null, browser: null };
  before(async () => {
    env.site = await startSite();
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}
