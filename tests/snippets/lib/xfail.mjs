// tests/snippets/xfail.txt: the snippets the lab cannot pass yet, one per line,
//   area/name.py [profile] — reason
// with no profile meaning every profile the snippet applies to. The list is strict: run.mjs
// fails on an entry that passes, so it only shrinks. `--update-xfail` rewrites it from a run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PROFILES } from './directives.mjs';

const LINE = /^(\S+\.py)(?:\s+(\d+\.\d+))?\s+(?:—|--)\s*(.*)$/;

// Returns { entries: Map(id -> Map(profile|'*' -> reason)), errors: [] }.
export function readXfail(file) {
  const entries = new Map();
  const errors = [];
  if (!existsSync(file)) return { entries, errors };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const m = LINE.exec(line);
      if (!m || (m[2] && !PROFILES.includes(m[2]))) {
        errors.push(`${file}:${i + 1}: not 'area/name.py [profile] — reason': ${line}`);
        return;
      }
      const [, id, profile, reason] = m;
      if (!entries.has(id)) entries.set(id, new Map());
      entries.get(id).set(profile ?? '*', reason || 'not yet analysed');
    });
  return { entries, errors };
}

// The reason a snippet is expected to fail under a profile, or undefined.
export function xfailReason(entries, id, profile) {
  const e = entries.get(id);
  return e && (e.get(profile) ?? e.get('*'));
}

const HEADER = `# Snippets the lab cannot pass yet: \`area/name.py [profile] — reason\`; no profile means every
# profile the snippet applies to. Strict: an entry that passes fails the run, so remove it.
# \`node tests/snippets/run.mjs --update-xfail\` rewrites this file from a run (README.md).
`;

// Rewrites the file: entries for (snippet, profile) pairs this run compared are replaced by
// this run's failures (failed: key -> what failed); pairs it did not compare keep their entries;
// vanished snippets drop out. The reason: `reason`, else the old entry's, else what failed.
export function writeXfail(file, old, { snippets, ran, failed, reason }) {
  const pairs = new Map(); // id -> Map(profile -> reason)
  const byId = new Map(snippets.map((s) => [s.id, s]));
  for (const [id, map] of old) {
    const s = byId.get(id);
    if (!s) continue;
    for (const p of s.profiles) {
      const why = map.get(p) ?? map.get('*');
      if (why && !ran.has(`${id} ${p}`)) {
        if (!pairs.has(id)) pairs.set(id, new Map());
        pairs.get(id).set(p, why);
      }
    }
  }
  for (const [key, message] of failed) {
    const [id, p] = key.split(' ');
    const why = reason ?? xfailReason(old, id, p) ?? message ?? 'not yet analysed';
    if (!pairs.has(id)) pairs.set(id, new Map());
    pairs.get(id).set(p, why);
  }
  const lines = [];
  for (const id of [...pairs.keys()].sort()) {
    const map = pairs.get(id);
    const reasons = new Set(map.values());
    const every = byId.get(id).profiles.every((p) => map.has(p));
    if (every && reasons.size === 1) lines.push(`${id} — ${[...reasons][0]}`);
    else for (const p of PROFILES) if (map.has(p)) lines.push(`${id} ${p} — ${map.get(p)}`);
  }
  writeFileSync(file, HEADER + lines.map((l) => l + '\n').join(''));
  return lines.length;
}
