// Turns benchmark JSON lines into bench/RESULTS.md: a machine section, then one section per
// benchmark in the order its lines come. Usage: node bench/report.mjs FILE.jsonl... > RESULTS.md
// A new benchmark adds its formatter to `sections`, keyed by the "bench" field of its lines.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

// What the benchmarks were asked to reach (see bench/README.md).
const TARGET_MODEL_OVER_PYMALLOC = 1.0; // model ops/s ÷ CPython pymalloc ops/s, natively
const TARGET_WASM_OVER_NATIVE = 2.0; // model wasm time ÷ model native time
const TARGET_MODEL_OVER_CPYTHON = 1.5; // objects: model ns per object ÷ CPython's, natively
const TARGET_GC_MODEL_OVER_CPYTHON = 1.0; // gc: model collection time ÷ CPython's, natively
const TARGET_SNIPPETS_LAB_OVER_CPYTHON = 2.0; // snippets: lab wall time ÷ python3's, natively

const lines = process.argv.slice(2).flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line)),
);
const benches = [...new Set(lines.map((l) => l.bench))];

const fixed = (x, digits) => x.toFixed(digits);
const millions = (opsPerSecond) => fixed(opsPerSecond / 1e6, 1);
const times = (ratio) => `${fixed(ratio, 2)}×`;
const table = (head, rows, align) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '--:' : ':--')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
const git = (...args) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

function machine() {
  const cpus = os.cpus();
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain') !== '' ? ' plus uncommitted changes' : '';
  const toolchains = [
    ...new Set(
      lines.filter((l) => l.kind === 'meta').map((l) => `${l.target}: ${l.compiler}, \`${l.flags}\``),
    ),
  ];
  const rows = [
    ['CPU', `${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical CPUs`],
    ['Memory', `${fixed(os.totalmem() / 2 ** 30, 1)} GiB`],
    ['OS', `${os.type()} ${os.release()} ${os.machine()}`],
    ['Date', `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ['Commit', commit ? `${commit}${dirty}` : 'unknown'],
    ['Compilers', toolchains.join('; ') || 'unknown'],
    ['Node (runs the wasm builds)', process.version],
    // The benchmarks themselves keep one CPU busy; well above 1 means something else ran too.
    ['Load average (1, 5, 15 min)', `${os.loadavg().map((l) => fixed(l, 2)).join(', ')}, when this report was written`],
  ];
  return `## Machine\n\n${table(['', ''], rows, ['l', 'l'])}\n`;
}

// ---- alloc: bench/alloc ----------------------------------------------------------------------

// What every benchmark's section looks up in its own lines: lines of one kind and target, one
// result, the native and wasm meta lines, the missing-build notes, workloads and contenders.
function lookups(own) {
  const of = (kind, target) => own.filter((l) => l.kind === kind && l.target === target);
  const result = (target, contender, workload) =>
    own.find(
      (l) => l.kind === 'result' && l.target === target && l.contender === contender && l.workload === workload,
    );
  const contenders = of('contender', 'native');
  return {
    of,
    result,
    meta: of('meta', 'native')[0],
    wasmMeta: of('meta', 'wasm')[0],
    missing: own.filter((l) => l.kind === 'missing'),
    workloads: of('workload', 'native'),
    contenders,
    version: (name) => contenders.find((c) => c.name === name)?.version ?? name,
  };
}

function alloc(own) {
  const { of, result, meta, wasmMeta, missing, workloads, contenders, version } = lookups(own);
  if (!meta) return `## Allocator\n\nNo native results: the native run failed.\n`;

  const rows = [];
  const ratios = [];
  const wasmRatios = [];
  for (const w of workloads) {
    const [model, pymalloc, glibc] = ['model', 'pymalloc', 'glibc'].map((c) => result('native', c, w.name));
    const wasm = result('wasm', 'model', w.name);
    const ratio = model.ops_per_s / pymalloc.ops_per_s;
    const wasmRatio = wasm ? wasm.best_s / model.best_s : undefined;
    ratios.push([w.name, ratio]);
    if (wasm) wasmRatios.push([w.name, wasmRatio]);
    rows.push([
      `\`${w.name}\``,
      millions(model.ops_per_s),
      millions(pymalloc.ops_per_s),
      millions(glibc.ops_per_s),
      `**${times(ratio)}**`,
      wasm ? millions(wasm.ops_per_s) : '–',
      wasm ? `**${times(wasmRatio)}**` : '–',
    ]);
  }
  const verdict = (pairs, ok, what) => {
    const met = pairs.filter(([, r]) => ok(r)).length;
    const misses = pairs.filter(([, r]) => !ok(r)).map(([n, r]) => `\`${n}\` ${times(r)}`);
    return `${what}: met on ${met} of ${pairs.length} workloads${misses.length ? ` (missed: ${misses.join(', ')})` : ''}.`;
  };

  const details = [];
  for (const target of ['native', 'wasm'])
    for (const c of of('contender', target))
      for (const w of workloads) {
        const r = result(target, c.name, w.name);
        if (r)
          details.push([target, c.name, `\`${w.name}\``, String(r.ops), fixed(r.best_s, 4), fixed(r.median_s, 4)]);
      }

  return [
    `## Allocator: the pymalloc model against CPython 3.11's pymalloc and glibc malloc`,
    '',
    `\`pymemlab_bench_alloc\` replays the same call traces (generated before timing, one seed) through`,
    `each allocator; see bench/README.md. Best of ${meta.reps} repetition${meta.reps === 1 ? '' : 's'} after one untimed warm-up;` +
      ` ${meta.window.toLocaleString('en')} live blocks in the churn workloads.`,
    '',
    ...contenders.map((c) => `- **${c.name}**: ${c.version}`),
    '',
    ...workloads.map((w) => `- \`${w.name}\` (${w.ops.toLocaleString('en')} calls): ${w.description}`),
    '',
    'Millions of calls (malloc, realloc or free) per second; higher is faster.',
    '',
    table(
      ['workload', 'model', 'CPython pymalloc', 'glibc', 'model ÷ pymalloc', 'model, wasm', 'wasm ÷ native time'],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `- ${verdict(ratios, (r) => r >= TARGET_MODEL_OVER_PYMALLOC, `Model at least ${times(TARGET_MODEL_OVER_PYMALLOC)} as fast as ${version('pymalloc')}`)}`,
    wasmRatios.length
      ? `- ${verdict(wasmRatios, (r) => r <= TARGET_WASM_OVER_NATIVE, `Model in WebAssembly (${wasmMeta?.compiler ?? 'wasm'}) within ${times(TARGET_WASM_OVER_NATIVE)} of its native time`)}`
      : `- No WebAssembly figures: ${missing.map((m) => m.reason).join('; ') || 'the wasm run printed nothing'}.`,
    '',
    '<details><summary>Every measurement</summary>',
    '',
    table(['target', 'allocator', 'workload', 'calls', 'best s', 'median s'], details, ['l', 'l', 'l', 'r', 'r', 'r']),
    '',
    '</details>',
    '',
  ].join('\n');
}

// ---- objects: bench/objects ------------------------------------------------------------------

function objects(own) {
  const { of, result, meta, wasmMeta, missing, workloads, contenders, version } = lookups(own);
  if (!meta) return `## Objects\n\nNo native results: the native run failed.\n`;
  const [checked] = of('checked', 'native');
  const [wasmChecked] = of('checked', 'wasm');
  const ns = (r) => (r ? fixed(r.ns_per_object, 1) : '–');

  const rows = [];
  const ratios = [];
  for (const w of workloads) {
    const [model, cpython] = ['model', 'cpython'].map((c) => result('native', c, w.name));
    const wasm = result('wasm', 'model', w.name);
    const ratio = model && cpython ? model.ns_per_object / cpython.ns_per_object : undefined;
    if (ratio !== undefined) ratios.push([w.name, ratio]);
    rows.push([
      `\`${w.name}\``,
      ns(model),
      ns(cpython),
      ratio !== undefined ? `**${times(ratio)}**` : '–',
      ns(wasm),
      wasm && model ? times(wasm.best_s / model.best_s) : '–',
    ]);
  }
  const met = ratios.filter(([, r]) => r <= TARGET_MODEL_OVER_CPYTHON);
  const misses = ratios.filter(([, r]) => r > TARGET_MODEL_OVER_CPYTHON).map(([n, r]) => `\`${n}\` ${times(r)}`);

  const details = [];
  for (const target of ['native', 'wasm'])
    for (const c of of('contender', target))
      for (const w of workloads) {
        const r = result(target, c.name, w.name);
        if (r)
          details.push([
            target,
            c.name,
            `\`${w.name}\``,
            String(r.objects),
            fixed(r.best_s, 4),
            fixed(r.median_s, 4),
            r.page_faults ?? '–',
          ]);
      }

  return [
    `## Objects: creating and destroying small objects, the object layer against CPython 3.11's C API`,
    '',
    `\`pymemlab_bench_objects\` creates and destroys the same objects through the lab's object layer`,
    `(profile ${meta.profile}) and through CPython's own C API; see bench/README.md. Best of ${meta.reps} repetition${meta.reps === 1 ? '' : 's'}` +
      ` after an untimed checked run and warm-up.` +
      (checked ? ` The checked run (each workload shortened to ${checked.short_windows} windows, objects tracked) called check_heap ${checked.heap_checks} times natively${wasmChecked ? ` and ${wasmChecked.heap_checks} times in WebAssembly` : ''}; every check passed.` : ''),
    '',
    ...contenders.map((c) => `- **${c.name}**: ${c.version}`),
    '',
    ...workloads.map((w) => `- \`${w.name}\` (${w.objects.toLocaleString('en')} objects): ${w.description}`),
    '',
    'Nanoseconds per object, creation and destruction together; lower is faster.',
    '',
    table(
      ['workload', 'model', 'CPython', 'model ÷ CPython', 'model, wasm', 'wasm ÷ native time'],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `- Model within ${times(TARGET_MODEL_OVER_CPYTHON)} of the time of ${version('cpython')}: met on ${met.length} of ${ratios.length} workloads${misses.length ? ` (missed: ${misses.join(', ')})` : ''}.`,
    wasmMeta
      ? `- The wasm column is the model built with ${wasmMeta.compiler}, run under Node; it has no CPython to compare with.`
      : `- No WebAssembly figures: ${missing.map((m) => m.reason).join('; ') || 'the wasm run printed nothing'}.`,
    '',
    '<details><summary>Every measurement</summary>',
    '',
    table(
      ['target', 'contender', 'workload', 'objects', 'best s', 'median s', 'page faults per run'],
      details,
      ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}

// ---- gc: bench/gc ---------------------------------------------------------------------------

function gc(own) {
  const { of, result, meta, wasmMeta, missing, workloads, contenders, version } = lookups(own);
  if (!meta) return `## Cycle collector\n\nNo native results: the native run failed.\n`;
  const [checked] = of('checked', 'native');
  const [wasmChecked] = of('checked', 'wasm');
  const ms = (seconds) => fixed(seconds * 1e3, seconds < 0.01 ? 2 : 1);
  // CPU time (natively the thread's, in WebAssembly the Node process's), which other work on the
  // machine inflates far less than the wall clock; the wall clock where a run has no CPU figure.
  const best = (r) => r.best_cpu_s ?? r.best_s;
  const cell = (r) => (r ? ms(best(r)) : '–');

  const rows = [];
  const ratios = [];
  for (const w of workloads) {
    const [model, cpython] = ['model', 'cpython'].map((c) => result('native', c, w.name));
    const wasm = result('wasm', 'model', w.name);
    const ratio = model && cpython ? best(model) / best(cpython) : undefined;
    if (ratio !== undefined) ratios.push([w.name, ratio]);
    rows.push([
      `${w.name} (${w.objects.toLocaleString('en')})`,
      cell(model),
      cell(wasm),
      cell(cpython),
      ratio !== undefined ? `**${times(ratio)}**` : '–',
      ratio === undefined ? '–' : ratio <= TARGET_GC_MODEL_OVER_CPYTHON ? 'yes' : '**no**',
    ]);
  }
  const met = ratios.filter(([, r]) => r <= TARGET_GC_MODEL_OVER_CPYTHON);
  const misses = ratios.filter(([, r]) => r > TARGET_GC_MODEL_OVER_CPYTHON).map(([n, r]) => `${n} ${times(r)}`);
  const others = (target, contender) => result(target, contender, workloads[0]?.name)?.other_tracked;

  // Where the model's time goes: one column per target and heap, one row per phase.
  const phaseLines = own.filter((l) => l.kind === 'phases');
  const phaseNames = [...new Set(phaseLines.flatMap((l) => l.phases.map((p) => p.phase)))];
  const phaseRows = phaseNames.map((name) => [
    `\`${name}\``,
    ...phaseLines.map((l) => {
      const p = l.phases.find((q) => q.phase === name);
      return p ? ms(p.cpu_s ?? p.s) : '–';
    }),
  ]);
  phaseRows.push([
    'total',
    ...phaseLines.map((l) => `**${ms(l.phases.reduce((sum, p) => sum + (p.cpu_s ?? p.s), 0))}**`),
  ]);

  const details = [];
  for (const target of ['native', 'wasm'])
    for (const c of of('contender', target))
      for (const w of workloads) {
        const r = result(target, c.name, w.name);
        if (r)
          details.push([
            target,
            c.name,
            w.name,
            String(r.collected),
            String(r.other_tracked),
            r.best_cpu_s != null ? ms(r.best_cpu_s) : '–',
            r.median_cpu_s != null ? ms(r.median_cpu_s) : '–',
            ms(r.best_s),
            ms(r.median_s),
          ]);
      }

  return [
    `## Cycle collector: a full gc.collect(), the lab's collector against CPython 3.11's`,
    '',
    `\`pymemlab_bench_gc\` builds a heap of lists, half reachable from one root list and half in unreachable`,
    `2-cycles, interleaved, and times one full collection of it (gc.collect(), generation 2); see bench/README.md.` +
      ` Best of ${meta.reps} repetition${meta.reps === 1 ? '' : 's'}, each on a fresh heap, after an untimed warm-up.` +
      (checked
        ? ` The checked run (${checked.objects.toLocaleString('en')} containers, objects tracked) called check_heap ${checked.heap_checks} times natively${wasmChecked ? ` and ${wasmChecked.heap_checks} times in WebAssembly` : ''}; every check passed.`
        : ''),
    '',
    ...contenders.map((c) => `- **${c.name}**: ${c.version}`),
    '',
    ...workloads.map(
      (w) =>
        `- ${w.name}: ${w.objects.toLocaleString('en')} lists, ${w.reachable.toLocaleString('en')} reachable` +
        ` (root → outer → inner → int), ${w.unreachable.toLocaleString('en')} in unreachable 2-cycles`,
    ),
    '',
    'Milliseconds of CPU time per collection (natively the thread\'s, in WebAssembly the Node process\'s); lower is faster.',
    '',
    table(
      ['heap (containers)', 'lab, native', 'lab, wasm', 'CPython 3.11', 'lab ÷ CPython', 'target met'],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
    `- Lab no slower than ${version('cpython').split(' ').slice(0, 2).join(' ')} natively: met on ${met.length} of ${ratios.length} heaps${misses.length ? ` (missed: ${misses.join(', ')})` : ''}.`,
    others('native', 'cpython') !== undefined
      ? `- Besides the heap, each collection walks the containers the runtime itself tracks: ${others('native', 'cpython').toLocaleString('en')} in CPython's interpreter, ${others('native', 'model') ?? '?'} in the lab's runtime.`
      : '',
    wasmMeta
      ? `- The wasm column is the lab built with ${wasmMeta.compiler}, run under Node; it has no CPython to compare with.`
      : `- No WebAssembly figures: ${missing.map((m) => m.reason).join('; ') || 'the wasm run printed nothing'}.`,
    '',
    `The lab's collection phase by phase (\`gc::Collection::step\`, one more heap per size; milliseconds of CPU`,
    'time; a phase is named after the CPython function that does it, and `done` is the hand-off of the',
    'uncollectables):',
    '',
    table(
      ['phase', ...phaseLines.map((l) => `${l.workload}, ${l.target}`)],
      phaseRows,
      ['l', ...phaseLines.map(() => 'r')],
    ),
    '',
    '<details><summary>Every measurement</summary>',
    '',
    table(
      ['target', 'contender', 'heap', 'collected', 'other tracked', 'best CPU ms', 'median CPU ms', 'best wall ms', 'median wall ms'],
      details,
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}

// ---- snippets: bench/snippets ----------------------------------------------------------------

function snippets(own) {
  const { of, result, meta, wasmMeta, missing, workloads, contenders, version } = lookups(own);
  if (!meta) return `## Interpreter\n\nNo native results: the native run failed.\n`;
  const seconds = (x) => (x == null ? '–' : fixed(x, 3));
  const ratio = (a, b) => (a != null && b != null ? a / b : undefined);

  const rows = [];
  const wallRatios = [];
  const cpuRatios = [];
  for (const w of workloads) {
    const [lab, cpython] = ['lab', 'cpython'].map((c) => result('native', c, w.name));
    const wasm = result('wasm', 'lab', w.name);
    const wall = ratio(lab?.best_s, cpython?.best_s);
    const cpu = ratio(lab?.best_cpu_s, cpython?.best_cpu_s);
    if (wall !== undefined) wallRatios.push([w.name, wall]);
    if (cpu !== undefined) cpuRatios.push([w.name, cpu]);
    rows.push([
      `\`${w.name}\``,
      seconds(lab?.best_s),
      seconds(cpython?.best_s),
      wall !== undefined ? `**${times(wall)}**` : '–',
      seconds(lab?.best_cpu_s),
      seconds(cpython?.best_cpu_s),
      cpu !== undefined ? `**${times(cpu)}**` : '–',
      seconds(wasm?.best_s),
      // CPU over CPU where both have it: the wall clock of a Node run also waits for the machine.
      wasm && lab ? times(ratio(wasm.best_cpu_s, lab.best_cpu_s) ?? wasm.best_s / lab.best_s) : '–',
    ]);
  }
  const verdict = (pairs, what) => {
    const met = pairs.filter(([, r]) => r <= TARGET_SNIPPETS_LAB_OVER_CPYTHON).length;
    const misses = pairs
      .filter(([, r]) => r > TARGET_SNIPPETS_LAB_OVER_CPYTHON)
      .map(([n, r]) => `\`${n}\` ${times(r)}`);
    return `${what}: met on ${met} of ${pairs.length} snippets${misses.length ? ` (missed: ${misses.join(', ')})` : ''}.`;
  };
  const cpythonName = version('cpython').split(' ').slice(0, 2).join(' ');

  const details = [];
  for (const target of ['native', 'wasm'])
    for (const c of of('contender', target))
      for (const w of workloads) {
        const r = result(target, c.name, w.name);
        if (r)
          details.push([
            target,
            c.name,
            `\`${w.name}\``,
            String(r.runs),
            fixed(r.best_s, 3),
            fixed(r.median_s, 3),
            seconds(r.best_cpu_s),
            seconds(r.median_cpu_s),
            r.output,
          ]);
      }

  return [
    `## Interpreter: allocation-heavy snippets, the lab's CLI against python3`,
    '',
    `\`bench/snippets/run.mjs\` runs each snippet of bench/snippets/ as a whole process, start to exit, through`,
    `\`pymemlab run --profile ${meta.profile}\` and through python3, interleaved; both must print the same output. Best of` +
      ` ${meta.reps} run${meta.reps === 1 ? '' : 's'}; see bench/README.md.`,
    '',
    ...contenders.map((c) => `- **${c.name}**: ${c.version}`),
    '',
    ...workloads.map((w) => `- \`${w.name}\`: ${w.description}`),
    '',
    'Seconds per run, process start to exit: wall clock, and CPU time (user + system); lower is faster.',
    '',
    table(
      ['snippet', 'lab wall', 'python3 wall', 'lab ÷ python3', 'lab CPU', 'python3 CPU', 'lab ÷ python3, CPU', 'lab, wasm wall', 'wasm ÷ native, CPU'],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `- ${verdict(wallRatios, `Lab within ${times(TARGET_SNIPPETS_LAB_OVER_CPYTHON)} of ${cpythonName}'s wall time natively`)}`,
    cpuRatios.length ? `- ${verdict(cpuRatios, 'The same in CPU time (what a busy machine distorts least)')}` : '',
    wasmMeta
      ? `- The wasm column is the lab's CLI built with Emscripten, run under Node (its start-up included).`
      : `- No WebAssembly figures: ${missing.map((m) => m.reason).join('; ') || 'the wasm run printed nothing'}.`,
    '',
    '<details><summary>Every measurement</summary>',
    '',
    table(
      ['target', 'contender', 'snippet', 'runs', 'best wall s', 'median wall s', 'best CPU s', 'median CPU s', 'output'],
      details,
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
    '</details>',
    '',
  ].join('\n');
}

// The soak: per target and profile, the heap and the process memory after the warm-up round and
// at the end. The heap is "where it started" when blocks and arenas at the end equal those after
// the warm-up; the process memory is flat when it never grew past its warm-up size by more than
// kSoakSlack (a few pages the host's own buffers may take: not growth with the work done).
const kSoakSlack = 64 * 1024;
function soak(own) {
  const results = own.filter((l) => l.kind === 'result');
  if (!results.length) return '## Soak\n\nNo results: the soak did not run.\n';
  const mb = (bytes) => fixed(bytes / 2 ** 20, 1);
  const rows = results.map((r) => [
    r.target,
    r.profile,
    `${fixed(r.objects / 1e6, 1)} M`,
    fixed(r.seconds, 1),
    `${r.blocks_warm.toLocaleString('en')} → ${r.blocks_end.toLocaleString('en')} (max ${r.blocks_max.toLocaleString('en')})`,
    `${r.arenas_warm} → ${r.arenas_end} (max ${r.arenas_max})`,
    `${mb(r.memory_warm)} → ${mb(r.memory_end)} (peak ${mb(r.memory_peak)})`,
    r.blocks_end === r.blocks_warm && r.arenas_end === r.arenas_warm && r.memory_peak <= r.memory_warm + kSoakSlack
      ? 'yes'
      : '**no**',
  ]);
  return [
    '## Soak',
    '',
    '`pymemlab_bench_soak` runs one snippet per profile that makes and frees about 100 million objects',
    '(tuples, ints, floats, strs, lists, dicts, instances and two-instance cycles the collector frees) in',
    `${results[0].rounds} rounds after a warm-up round, with a full collection after each. After the warm-up`,
    'and after every round it reads the allocator\'s blocks and arenas in use and the process memory',
    '(natively the resident set, with glibc\'s mmap threshold fixed; in WebAssembly the memory, which only',
    'grows). Flat: never more than 64 KiB past the warm-up size.',
    '',
    table(
      ['target', 'profile', 'objects', 's', 'blocks in use: warm → end', 'arenas', 'process MiB: warm → end', 'back where it started, flat'],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  ].join('\n');
}

// Benchmarks without a formatter of their own still get their result lines shown.
function generic(own, bench) {
  const results = own.filter((l) => l.kind === 'result');
  const keys = [...new Set(results.flatMap((l) => Object.keys(l)))].filter((k) => k !== 'bench' && k !== 'kind');
  return `## ${bench}\n\n${table(keys, results.map((l) => keys.map((k) => String(l[k] ?? ''))), keys.map(() => 'l'))}\n`;
}

const sections = { alloc, objects, gc, snippets, soak };

const out = [
  '# Benchmark results',
  '',
  'Written by `bench/run.sh` (`make bench`) from the measurements of its last run; do not edit.',
  'bench/README.md says what each benchmark measures and how to read it.',
  '',
  machine(),
  ...benches.map((b) => (sections[b] ?? ((own) => generic(own, b)))(lines.filter((l) => l.bench === b))),
];
process.stdout.write(out.join('\n'));
