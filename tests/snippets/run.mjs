#!/usr/bin/env node
// The snippet runner: runs tests/snippets/<area>/*.py, and the lessons examples/*.py as area
// `examples`, under the lab's CLI (native, WebAssembly or both) for each profile and compares
// with the expectation — the snippet's `# expect:` comments, or what real CPython of that
// version prints (the oracle, lib/oracle.mjs).
// README.md beside this file documents the directives, the oracle and the xfail policy.
//
//   node tests/snippets/run.mjs [--impl native|wasm|both] [--profile V ...] [--area A ...]
//                               [--verify-expect | --self-check | --list] [--update-xfail]
//                               [--jobs N] [--timeout S] [--no-cache] [--verbose] [FILTER ...]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILES, SYNTAX_ERROR, errorSummary, readSnippet } from './lib/directives.mjs';
import { findOracle, needsObjgraph, objgraphMissing, runDirect, runOracle } from './lib/oracle.mjs';
import { pool, runProcess } from './lib/pool.mjs';
import { readXfail, writeXfail, xfailReason } from './lib/xfail.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const USAGE = `usage: node tests/snippets/run.mjs [options] [FILTER ...]
  --impl native|wasm|both   implementation(s) to test (default native); both also requires
                            byte-identical native and WebAssembly output
  --profile V               only this profile (repeatable, or comma-separated); default all:
                            ${PROFILES.join(' ')}
  --area A                  only this area (repeatable; the lessons in examples/ are area examples)
  FILTER                    only snippets whose 'area/name.py' contains FILTER
  --verify-expect           check every '# expect' comment against CPython (no implementation run)
  --self-check              --verify-expect, plus: every snippet passes lint, gives the same
                            output on three oracle runs (different hash seeds), and gives the
                            same output through the harness as run directly ('python FILE')
  --list                    count the snippets per area and profile, run nothing
  --update-xfail [--reason TEXT]
                            rewrite xfail.txt with this run's failures (reason TEXT or the old
                            one, else 'not yet analysed'); exits 0 unless the run broke
  --wasm-profiles V,...     with --impl both, run WebAssembly only under these profiles (each
                            WebAssembly run starts a Node process: ~0.25 s; default all)
  --jobs N                  parallel processes (default: number of CPUs)
  --timeout S               seconds per run before it counts as hung (default 20)
  --no-cache                rerun the oracle instead of reading build/snippet-oracle/
  --no-batch                one WebAssembly CLI process per run (default: \`pymemlab batch\`
                            runs many in one process)
  --verbose                 list every failure (default: the first 100)`;

function parseArgs(argv) {
  const o = {
    impl: 'native',
    profiles: [],
    wasmProfiles: [],
    areas: [],
    filters: [],
    mode: 'run',
    updateXfail: false,
    reason: null,
    jobs: cpus().length,
    timeout: 20,
    batch: true,
    cache: true,
    verbose: false,
    // Hidden, for run.test.mjs: other implementation commands and files.
    implCmd: null,
    withoutObjgraph: false,
    nativeCmd: null,
    wasmCmd: null,
    xfail: path.join(here, 'xfail.txt'),
    snippets: here,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usageError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--impl') o.impl = value();
    else if (a === '--profile') o.profiles.push(...value().split(',').map((s) => s.trim()).filter(Boolean));
    else if (a === '--area') o.areas.push(value());
    else if (a === '--wasm-profiles') o.wasmProfiles.push(...value().split(',').map((s) => s.trim()).filter(Boolean));
    else if (a === '--verify-expect') o.mode = 'verify';
    else if (a === '--self-check') o.mode = 'self-check';
    else if (a === '--list') o.mode = 'list';
    else if (a === '--update-xfail') o.updateXfail = true;
    else if (a === '--reason') o.reason = value();
    else if (a === '--jobs') o.jobs = Number(value());
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--no-cache') o.cache = false;
    else if (a === '--no-batch') o.batch = false;
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--impl-cmd') o.implCmd = value();
    else if (a === '--without-objgraph') o.withoutObjgraph = true;
    else if (a === '--native-cmd') o.nativeCmd = value();
    else if (a === '--wasm-cmd') o.wasmCmd = value();
    else if (a === '--xfail') o.xfail = path.resolve(value());
    else if (a === '--snippets') o.snippets = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) usageError(`unknown option ${a}`);
    else o.filters.push(a);
  }
  if (!['native', 'wasm', 'both'].includes(o.impl)) usageError('--impl is native, wasm or both');
  for (const p of [...o.profiles, ...o.wasmProfiles]) if (!PROFILES.includes(p)) usageError(`unknown profile ${p}`);
  if (!(o.jobs >= 1) || !(o.timeout > 0)) usageError('--jobs and --timeout take positive numbers');
  return o;
}

function usageError(message) {
  console.error(`run.mjs: ${message}\n${USAGE}`);
  process.exit(2);
}

// Areas that live outside tests/snippets/: the lessons, examples/*.py (their .md explanations
// are not snippets). Only the real tree has them, not a --snippets tree.
const OUTSIDE_AREAS = { examples: path.join(root, 'examples') };

// Every tests/snippets/<area>/*.py (lib/ holds the runner's modules, not snippets) and every
// outside area's *.py, areas in name order.
function loadSnippets(o) {
  const areas = [];
  const leftOut = [];
  for (const area of readdirSync(o.snippets)) {
    const dir = path.join(o.snippets, area);
    if (area === 'lib' || area.startsWith('.') || !statSync(dir).isDirectory()) continue;
    areas.push([area, dir]);
  }
  if (o.snippets === here) areas.push(...Object.entries(OUTSIDE_AREAS).filter(([, dir]) => existsSync(dir)));
  areas.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const found = [];
  for (const [area, dir] of areas) {
    if (o.areas.length && !o.areas.includes(area)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.py')) continue;
      const id = `${area}/${name}`;
      if (o.filters.length && !o.filters.some((f) => id.includes(f))) continue;
      const snippet = readSnippet(path.join(dir, name), id);
      if (o.withoutObjgraph && needsObjgraph(snippet)) leftOut.push(id);
      else found.push(snippet);
    }
  }
  if (leftOut.length) console.log(`left out: ${leftOut.length} snippets that import objgraph (--without-objgraph)`);
  return found;
}

// The commands that run the lab: `<cmd...> run --profile V --mode M FILE`.
function implementations(o) {
  const split = (s) => s.trim().split(/\s+/);
  if (o.implCmd) return [{ name: 'impl', cmd: split(o.implCmd) }];
  const native = o.nativeCmd ? split(o.nativeCmd) : [process.env.PYMEMLAB_NATIVE_CLI ?? path.join(root, 'build/native/pymemlab')];
  const wasm = o.wasmCmd
    ? split(o.wasmCmd)
    : [process.execPath, process.env.PYMEMLAB_WASM_CLI ?? path.join(root, 'build/wasm/pymemlab-cli.js')];
  const chosen = [];
  if (o.impl !== 'wasm') chosen.push({ name: 'native', cmd: native, built: o.nativeCmd ? null : native[0], make: 'make cli' });
  if (o.impl !== 'native') chosen.push({ name: 'wasm', cmd: wasm, built: o.wasmCmd ? null : wasm[1], make: 'make wasm' });
  return chosen;
}

// Runs jobs of one implementation through `<cmd> batch`, several batches in parallel. A run whose
// batch died (a crash, a hang) gets no result here and is run on its own afterwards.
async function runBatches(jobs, o) {
  if (!jobs.length) return;
  const size = Math.max(1, Math.ceil(jobs.length / (o.jobs * 4)));
  const chunks = [];
  for (let i = 0; i < jobs.length; i += size) chunks.push(jobs.slice(i, i + size));
  await pool(chunks, o.jobs, async (chunk) => {
    const { impl } = chunk[0];
    const input = chunk.map(({ pair }) => `${pair.p}\t${pair.s.mode}\t${pair.s.path}\n`).join('');
    const r = await runProcess(impl.cmd[0], [...impl.cmd.slice(1), 'batch'], {
      input,
      timeoutMs: o.timeout * 1000 * 2 + chunk.length * 2000,
      outputCap: chunk.length * (1 << 20),
    });
    r.stdout.split('\n').forEach((line, i) => {
      if (!line || i >= chunk.length) return;
      let result;
      try {
        result = JSON.parse(line);
      } catch {
        return;
      }
      const overflow = result.stdout.length + result.stderr.length > 1 << 20;
      chunk[i].pair.runs[impl.name] = { ...result, signal: null, timedOut: false, overflow, seconds: 0 };
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Comparing runs

function lines(text) {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

const show = (s) => (s === undefined ? '(end of output)' : JSON.stringify(s));

// The first line where two outputs differ, as a sentence, or null when they are equal.
function firstDifference(label, expected, actual, names = ['expected', 'got']) {
  if (expected === actual) return null;
  const e = lines(expected);
  const a = lines(actual);
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `${label} line ${i + 1}: ${names[0]} ${show(e[i])}, ${names[1]} ${show(a[i])}`;
  }
  return `${label}: the final newline differs`;
}

const lastLine = (text) => lines(text).filter((l) => l.trim()).at(-1) ?? '';

// What a run must reproduce: { stdout, status, errorLine, errorLineNo }, and all of stderr
// (`stderr`) for a `# compare: traceback` snippet.
function expectationFromOracle(r, s) {
  const { errorLine, lineNo } = errorSummary(r.stderr);
  return {
    stdout: r.stdout,
    status: r.status,
    errorLine: r.status !== 0 ? errorLine : null,
    errorLineNo: r.status !== 0 ? lineNo : null,
    ...(s.compareStderr ? { stderr: r.stderr } : {}),
  };
}

function expectationFromComments(e) {
  return {
    stdout: e.stdout,
    status: e.status,
    errorLine: e.errorLine,
    errorLineNo: e.errorLine !== null && SYNTAX_ERROR.test(e.errorLine) ? e.errorLineNo : null,
  };
}

// Null when `actual` (a finished run) meets `expected`, else what differs first.
function compare(expected, actual, timeout) {
  if (actual.timedOut) return `timed out after ${timeout} s (hung?)`;
  if (actual.overflow) return 'printed more than 1 MiB (runaway loop?)';
  const crashed = actual.status !== expected.status && ![0, 1].includes(actual.status);
  if (crashed) return `exit status ${actual.status}, expected ${expected.status}: ${lastLine(actual.stderr) || '(no stderr)'}`;
  const out = firstDifference('stdout', expected.stdout, actual.stdout);
  if (out) return out;
  if (actual.status !== expected.status) {
    const why = actual.status !== 0 ? `: ${lastLine(actual.stderr)}` : '';
    const want = expected.errorLine ? ` (${expected.errorLine})` : '';
    return `exit status ${actual.status}, expected ${expected.status}${want}${why}`;
  }
  if (expected.errorLine !== null && expected.status !== 0) {
    const got = errorSummary(actual.stderr);
    if (got.errorLine !== expected.errorLine) return `error line: expected ${show(expected.errorLine)}, got ${show(got.errorLine)}`;
    if (expected.errorLineNo !== null && got.lineNo !== expected.errorLineNo) {
      return `${expected.errorLine.split(':')[0]} line number: expected ${expected.errorLineNo}, got ${got.lineNo ?? '(none)'}`;
    }
  }
  if (expected.stderr !== undefined) return firstDifference('stderr', expected.stderr, actual.stderr);
  return null;
}

function parity(native, wasm) {
  if (native.timedOut || wasm.timedOut) return null; // reported by the expectation check or below
  const names = ['native', 'wasm'];
  return (
    firstDifference('native/wasm differ: stdout', native.stdout, wasm.stdout, names) ??
    firstDifference('native/wasm differ: stderr', native.stderr, wasm.stderr, names) ??
    (native.status !== wasm.status ? `native/wasm differ: exit status ${native.status} vs ${wasm.status}` : null)
  );
}

// ---------------------------------------------------------------------------------------------
// Output

function progress(label) {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    process.stderr.write(`\r${label} ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Modes

function pairsOf(snippets, o) {
  const wanted = o.profiles.length ? o.profiles : PROFILES;
  const pairs = [];
  for (const s of snippets) for (const p of PROFILES) if (wanted.includes(p) && s.profiles.includes(p)) pairs.push({ s, p });
  return pairs;
}

function oraclesFor(o) {
  const map = {};
  for (const p of PROFILES) map[p] = findOracle(p, root);
  return map;
}

// The oracle that may judge this snippet under this profile, or null.
function usableOracle(oracles, s, p) {
  const oracle = oracles[p];
  if (!oracle) return null;
  if (s.oracleBits && oracle.bits !== s.oracleBits) return null;
  if (s.oracleNativeStack && !oracle.nativeStack) return null;
  return oracle;
}

function oracleOptions(o) {
  return {
    snippetsDir: here, // the harnesses live beside this file, whatever tree is tested
    cacheDir: o.cache ? path.join(root, 'build/snippet-oracle') : null,
    timeoutMs: o.timeout * 1000,
  };
}

function oracleBroken(r, timeout) {
  if (r.timedOut) return `the CPython oracle timed out after ${timeout} s`;
  if (r.overflow) return 'the CPython oracle printed more than 1 MiB';
  return null;
}

async function runMode(o, snippets) {
  const started = Date.now();
  const impls = implementations(o);
  for (const impl of impls) {
    if (impl.built && !existsSync(impl.built)) {
      console.error(`run.mjs: ${impl.name} CLI missing at ${impl.built} (${impl.make})`);
      return 2;
    }
  }
  const { entries: xfail, errors: xfailErrors } = readXfail(o.xfail);
  const oracles = oraclesFor(o);
  const pairs = pairsOf(snippets, o);

  // 1. The expectations: comments, or the oracle (cached).
  const oracleJobs = pairs.filter(({ s, p }) => !s.expect && !s.errors.length && usableOracle(oracles, s, p));
  let cachedCount = 0;
  const oracleResults = new Map();
  await pool(
    oracleJobs,
    o.jobs,
    async ({ s, p }) => {
      const r = await runOracle(oracles[p], s, oracleOptions(o));
      if (r.cached) cachedCount += 1;
      oracleResults.set(`${s.id} ${p}`, r);
    },
    progress('oracle'),
  );
  const oracleSeconds = (Date.now() - started) / 1000;

  // 2. The implementation runs: only where something can be compared.
  const implJobs = [];
  for (const pair of pairs) {
    const { s, p } = pair;
    pair.expected = s.expect ? expectationFromComments(s.expect) : null;
    const r = oracleResults.get(`${s.id} ${p}`);
    if (r) pair.oracleProblem = oracleBroken(r, o.timeout);
    if (r && !pair.oracleProblem) pair.expected = expectationFromOracle(r, s);
    pair.runs = {};
    if (s.errors.length || pair.oracleProblem) continue;
    const pairImpls = impls.filter((i) => i.name !== 'wasm' || !o.wasmProfiles.length || o.wasmProfiles.includes(p));
    if (!pair.expected && pairImpls.length < 2) continue;
    for (const impl of pairImpls) implJobs.push({ pair, impl });
  }
  // WebAssembly runs go in batches (`pymemlab batch`): one Node start-up per batch, not per run.
  const batched = o.batch ? implJobs.filter((j) => j.impl.name === 'wasm') : [];
  await runBatches(batched, o);
  await pool(
    implJobs.filter((j) => !j.pair.runs[j.impl.name]),
    o.jobs,
    async ({ pair, impl }) => {
      const args = [...impl.cmd.slice(1), 'run', '--profile', pair.p, '--mode', pair.s.mode, pair.s.path];
      pair.runs[impl.name] = await runProcess(impl.cmd[0], args, { timeoutMs: o.timeout * 1000 });
    },
    progress('runs'),
  );

  // 3. Verdicts.
  const counts = {};
  for (const p of PROFILES) counts[p] = { snippets: 0, passed: 0, failed: 0, xfail: 0, xpass: 0, 'no-oracle': 0, parity: 0 };
  const failures = [];
  const xpasses = [];
  const ran = new Set();
  const failed = new Map(); // key -> why it failed
  for (const pair of pairs) {
    const { s, p } = pair;
    const key = `${s.id} ${p}`;
    const c = counts[p];
    c.snippets += 1;
    const problems = [];
    if (s.errors.length) problems.push(...s.errors.map((e) => `bad snippet: ${e}`));
    if (pair.oracleProblem) problems.push(pair.oracleProblem);
    if (problems.length) {
      // The snippet itself is broken: no xfail entry can excuse that.
      c.failed += 1;
      failures.push({ key, where: `${s.id} [${p}]`, message: problems.join('; '), broken: true });
      continue;
    }
    if (!Object.keys(pair.runs).length) {
      c['no-oracle'] += 1;
      continue;
    }
    let message = null;
    let raised = null; // what the lab raised where CPython did not: the likeliest reason
    const pairImpls = impls.filter((i) => pair.runs[i.name]);
    for (const impl of pairImpls) {
      const run = pair.runs[impl.name];
      if (pair.expected) {
        const diff = compare(pair.expected, run, o.timeout);
        if (diff) {
          message = `${pairImpls.length > 1 ? `${impl.name}: ` : ''}${diff}`;
          if (run.status === 1 && pair.expected.status === 0) raised = `raises ${lastLine(run.stderr)}`;
          break;
        }
      } else if (run.timedOut || run.overflow || run.signal || run.status >= 126) {
        // No oracle: a run that finished (any status sys.exit can give) is compared for parity;
        // a hang, a flood, a signal or the shell's 126-128 (could not run, crashed) fails.
        const why = run.timedOut || run.overflow ? compare({}, run, o.timeout) : `exit status ${run.status}: ${lastLine(run.stderr) || '(no stderr)'}`;
        message = `${impl.name}: ${why}`;
        break;
      }
    }
    if (!message && pairImpls.length === 2) message = parity(pair.runs.native, pair.runs.wasm);
    ran.add(key);
    const reason = xfailReason(xfail, s.id, p);
    if (message) {
      failed.set(key, raised ?? message);
      if (reason) c.xfail += 1;
      else {
        c.failed += 1;
        failures.push({ key, where: `${s.id} [${p}]`, message });
      }
    } else if (reason) {
      c.xpass += 1;
      xpasses.push(`${s.id} [${p}]`);
    } else if (pair.expected) c.passed += 1;
    else c.parity += 1;
  }

  // 4. Report.
  const shown = PROFILES.filter((p) => counts[p].snippets);
  console.log(`snippet runner: ${snippets.length} snippets, implementation ${impls.map((i) => i.name).join(' + ')}`);
  console.log(
    table(
      shown.map((p) => {
        const c = counts[p];
        return [p, oracles[p]?.version ?? 'none', c.snippets, c.passed, c.failed, c.xfail, c.xpass, c['no-oracle'] + c.parity];
      }),
      ['profile', 'oracle', 'snippets', 'passed', 'failed', 'xfail', 'xpass', 'no-oracle'],
    ),
  );
  for (const p of shown) {
    const c = counts[p];
    const lacking = c['no-oracle'] + c.parity;
    if (!lacking) continue;
    const why = oracles[p]
      ? `oracle ${oracles[p].version} is ${oracles[p].bits}-bit${oracles[p].nativeStack ? '' : ' with a WebAssembly stack'} and these are '# oracle: 64-bit' or 'native-stack'`
      : 'no oracle';
    if (c.parity || (impls.length === 2 && (!o.wasmProfiles.length || o.wasmProfiles.includes(p)))) {
      console.log(`${p}: ${why}, ${lacking} differential snippets compared only for native/wasm parity`);
    } else {
      console.log(`${p}: ${why}, ${lacking} differential snippets not compared (use --impl both for native/wasm parity)`);
    }
  }
  for (const e of xfailErrors) console.log(`xfail.txt: ${e}`);
  const limit = o.verbose ? Infinity : 100;
  if (failures.length) {
    console.log(`\nfailures (${failures.length}):`);
    for (const f of failures.slice(0, limit)) console.log(`FAIL ${f.where}: ${f.message}`);
    if (failures.length > limit) console.log(`... and ${failures.length - limit} more (--verbose lists them all)`);
  }
  if (xpasses.length) {
    console.log(`\nunexpectedly passing (${xpasses.length}): remove them from xfail.txt`);
    for (const x of xpasses.slice(0, limit)) console.log(`XPASS ${x}: unexpectedly passing: remove it from xfail.txt`);
    if (xpasses.length > limit) console.log(`... and ${xpasses.length - limit} more`);
  }
  const total = (k) => shown.reduce((n, p) => n + counts[p][k], 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\noracle: ${oracleJobs.length} runs (${cachedCount} cached) in ${oracleSeconds.toFixed(1)} s; ` +
      `implementation: ${implJobs.length} runs; total ${seconds} s`,
  );

  if (o.updateXfail) {
    const broken = failures.filter((f) => f.broken);
    // Every snippet, not just this run's: entries of snippets it did not select stay.
    const everySnippet = loadSnippets({ ...o, areas: [], filters: [], withoutObjgraph: false });
    const n = writeXfail(o.xfail, xfail, {
      snippets: everySnippet,
      ran,
      failed: new Map([...failed].filter(([k]) => !broken.some((f) => f.key === k))),
      reason: o.reason,
    });
    console.log(`wrote ${path.relative(process.cwd(), o.xfail)}: ${n} entries`);
    console.log(`snippets: ${total('passed') + total('parity')} passed, ${broken.length} failed`);
    return broken.length || xfailErrors.length ? 1 : 0;
  }
  console.log(
    `snippets: ${total('passed') + total('parity')} passed, ${total('failed') + total('xpass')} failed, ` +
      `${total('xfail') + total('no-oracle')} skipped`,
  );
  return failures.length || xpasses.length || xfailErrors.length ? 1 : 0;
}

// Checks `# expect` comments against CPython; with `full`, also lint, determinism and harness.
async function checkMode(o, snippets, full) {
  const started = Date.now();
  const oracles = oraclesFor(o);
  const pairs = pairsOf(snippets, o);
  const problems = [];
  const notVerified = {};
  const verified = {};
  const noObjgraph = new Set();

  if (full) {
    for (const s of snippets) {
      for (const e of s.errors) problems.push(`${s.id}: ${e}`);
      if (!s.description.length || !s.description.join('').trim()) problems.push(`${s.id}: no leading comment saying what it shows`);
      if (s.lineCount < 5 || s.lineCount > 30) problems.push(`${s.id}: ${s.lineCount} lines; snippets are 5–30 lines`);
      if (s.oracleBits === null && /getsizeof/.test(s.source)) {
        problems.push(`${s.id}: prints sys.getsizeof but lacks '# oracle: 64-bit'`);
      }
    }
  }

  const jobs = [];
  for (const pair of pairs) {
    const { s, p } = pair;
    if (s.errors.length) continue;
    const oracle = usableOracle(oracles, s, p);
    if (!oracle) {
      if (s.expect || full) notVerified[p] = (notVerified[p] ?? 0) + 1;
      continue;
    }
    if (!s.expect && !full) continue;
    jobs.push({ s, p, oracle, kind: 'oracle' });
    if (full) {
      jobs.push({ s, p, oracle, kind: 'seed', seed: '1' });
      jobs.push({ s, p, oracle, kind: 'seed', seed: '2' });
      if (s.mode === 'script' && oracle.kind === 'cpython') jobs.push({ s, p, oracle, kind: 'direct' });
    }
  }
  const results = new Map();
  await pool(
    jobs,
    o.jobs,
    async (job) => {
      const opts = oracleOptions(o);
      let r;
      if (job.kind === 'oracle') r = await runOracle(job.oracle, job.s, opts);
      else if (job.kind === 'seed') r = await runOracle(job.oracle, job.s, { ...opts, env: { PYTHONHASHSEED: job.seed } });
      else r = await runDirect(job.oracle, job.s, opts);
      results.set(`${job.s.id} ${job.p} ${job.kind}${job.seed ?? ''}`, r);
    },
    progress('oracle'),
  );

  for (const { s, p } of pairs) {
    const base = results.get(`${s.id} ${p} oracle`);
    if (!base) continue;
    const where = `${s.id} [${p}]`;
    const broken = oracleBroken(base, o.timeout);
    if (broken) {
      problems.push(`${where}: ${broken}`);
      continue;
    }
    if (objgraphMissing(s, base)) {
      noObjgraph.add(`${s.id} [${p}]`);
      continue;
    }
    const expected = expectationFromOracle(base, s);
    if (s.expect) {
      const diff = compare(expectationFromComments(s.expect), base, o.timeout);
      const harnessCrash = base.status !== 0 && !s.expect.errorLine ? `: ${lastLine(base.stderr)}` : '';
      if (diff) problems.push(`${where}: '# expect' disagrees with CPython ${oracles[p].version}: ${diff}${harnessCrash}`);
      else verified[p] = (verified[p] ?? 0) + 1;
    }
    if (!full) continue;
    for (const other of ['seed1', 'seed2', 'direct']) {
      const r = results.get(`${s.id} ${p} ${other}`);
      if (!r) continue;
      const what = other === 'direct' ? "'python FILE' and the harness differ" : `not deterministic (PYTHONHASHSEED=${other.slice(4)})`;
      const diff = compare(expected, r, o.timeout);
      if (diff) problems.push(`${where}: ${what}: ${diff}`);
    }
  }

  console.log(`snippet ${full ? 'self-check' : 'expectation check'}: ${snippets.length} snippets`);
  for (const p of PROFILES) {
    if (verified[p]) console.log(`${p}: ${verified[p]} '# expect' snippets match CPython ${oracles[p].version}`);
    if (notVerified[p]) console.log(`${p}: no oracle, ${notVerified[p]} snippets not checked against CPython`);
  }
  if (noObjgraph.size) {
    console.log(
      `objgraph not available to the oracle: ${noObjgraph.size} snippet runs NOT verified ` +
        '(set PYMEMLAB_ORACLE_PYTHONPATH to a directory holding objgraph.py 3.6):',
    );
    for (const w of noObjgraph) console.log(`  not verified: ${w}`);
  }
  if (full) console.log(`oracle runs: ${jobs.length} (each differential snippet 3 times, script ones also directly)`);
  for (const problem of problems) console.log(`PROBLEM ${problem}`);
  console.log(`checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const unverified = jobs.filter((j) => noObjgraph.has(`${j.s.id} [${j.p}]`)).length;
  console.log(
    `self-check: ${jobs.length - problems.length - unverified} passed, ${problems.length} failed` +
      (unverified ? `, ${unverified} not verified (objgraph not available to the oracle)` : ''),
  );
  return problems.length ? 1 : 0;
}

function listMode(o, snippets) {
  const areas = [...new Set(snippets.map((s) => s.area))];
  const rows = areas.map((area) => {
    const mine = snippets.filter((s) => s.area === area);
    return [
      area,
      mine.length,
      mine.filter((s) => s.expect).length,
      mine.filter((s) => s.mode === 'repl').length,
      ...PROFILES.map((p) => mine.filter((s) => s.profiles.includes(p)).length),
    ];
  });
  const sum = (i) => rows.reduce((n, r) => n + r[i], 0);
  rows.push(['total', ...rows[0].slice(1).map((_, i) => sum(i + 1))]);
  console.log(table(rows, ['area', 'snippets', 'expect', 'repl', ...PROFILES]));
  return 0;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const snippets = loadSnippets(o);
  if (!snippets.length) {
    console.error('run.mjs: no snippets match');
    return 2;
  }
  if (o.mode === 'list') return listMode(o, snippets);
  if (o.mode === 'verify') return checkMode(o, snippets, false);
  if (o.mode === 'self-check') return checkMode(o, snippets, true);
  return runMode(o, snippets);
}

process.exitCode = await main();
