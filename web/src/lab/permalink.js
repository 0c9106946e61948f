// Permalinks: `#code=<base64url of the UTF-8 source>&profile=3.13&mode=script&run=1`. A link is
// data only: decoding never evaluates anything, and an unknown profile or mode falls back to
// the defaults.
import { TIME_LIMIT_MS } from './protocol.js';

export function encodeCode(code) {
  const bytes = new TextEncoder().encode(code);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCode(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export function makeHash({ code, profile, mode, run }) {
  const params = new URLSearchParams();
  params.set('code', encodeCode(code));
  params.set('profile', profile);
  params.set('mode', mode);
  if (run) params.set('run', '1');
  return `#${params.toString()}`;
}

// Returns { code, profile, mode, run } with what the hash names (others undefined), or null
// when it names no code. A malformed code parameter is reported, not thrown.
export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('code')) return null;
  let code;
  try {
    code = decodeCode(params.get('code'));
  } catch {
    return { error: 'The link’s code could not be decoded.' };
  }
  return {
    code,
    profile: params.get('profile') ?? undefined,
    mode: params.get('mode') === 'repl' ? 'repl' : params.get('mode') === 'script' ? 'script' : undefined,
    run: params.get('run') === '1',
  };
}

// A run's time limit in seconds, from the page's `?time-limit=` or the element's `time-limit`
// attribute, as the controller's option: between 0.5 s and the default; anything else, or
// nothing, keeps the default.
export function timeLimit(seconds) {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && ms >= 500 && ms < TIME_LIMIT_MS ? { timeLimitMs: ms } : {};
}
