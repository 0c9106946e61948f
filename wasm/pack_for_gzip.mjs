// pymemlab.wasm laid out for gzip, after each link (wasm/CMakeLists.txt): the same module, 19 KB
// smaller gzipped (388 KB before) for 6 KB more raw bytes. Readers download it gzipped, and
// Emscripten's last steps save raw bytes at the expense of gzipped ones; see the two steps below.
// Usage: node pack_for_gzip.mjs WASM_OPT FILE.wasm (WASM_OPT: binaryen's wasm-opt).
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const kMaxGap = 64;

// The memory a binary module starts with, from its data section (active segments at i32.const
// offsets, the only kind Emscripten emits here), zeros where no segment writes.
function memoryImage(wasm) {
  let pos = 8;
  const leb = () => {
    let value = 0, shift = 0, byte;
    do {
      byte = wasm[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const segments = [];
  while (pos < wasm.length) {
    const id = wasm[pos++], size = leb(), end = pos + size;
    if (id === 11) {
      for (let n = leb(); n > 0; --n) {
        if (leb() !== 0 || wasm[pos++] !== 0x41) throw new Error('unexpected data segment kind');
        const offset = leb();  // non-negative here: below 2^31
        if (wasm[pos++] !== 0x0b) throw new Error('unexpected data segment offset');
        const length = leb();
        segments.push({ offset, bytes: wasm.subarray(pos, pos + length) });
        pos += length;
      }
    }
    pos = end;
  }
  const image = Buffer.alloc(Math.max(0, ...segments.map((s) => s.offset + s.bytes.length)));
  for (const s of segments) image.set(s.bytes, s.offset);
  return image;
}

const [wasmOpt, wasmFile] = process.argv.slice(2);
if (!wasmOpt || !wasmFile) {
  console.error('usage: node pack_for_gzip.mjs WASM_OPT FILE.wasm');
  process.exit(2);
}
// The wasm features the module is compiled with (core/ and wasm/CMakeLists.txt): Emscripten strips
// the target-features section, so wasm-opt is told.
const kFeatures = ['--enable-sign-ext', '--enable-nontrapping-float-to-int'];
const run = (args) => execFileSync(wasmOpt, [...args, ...kFeatures], { stdio: ['ignore', 'ignore', 'inherit'] });

// Binaryen's -Oz over emcc's output (linked at -Os: 2 KB less gzipped), printed as text: binaryen's text format
// names every function, so reordering the definitions renumbers all calls, exports and the table.
const watIn = `${wasmFile}.pack-in.wat`;
const watOut = `${wasmFile}.pack-out.wat`;
const wasmOut = `${wasmFile}.pack-out.wasm`;
run([wasmFile, '-Oz', '--low-memory-unused', '--zero-filled-memory', '-S', '-o', watIn]);

// The module's fields are the lines indented by one space; a field's own lines follow it.
const lines = readFileSync(watIn, 'utf8').trimEnd().split('\n');
if (!lines[0].startsWith('(module') || lines[lines.length - 1] !== ')') throw new Error(`${watIn}: not a module`);
const fields = [];
for (const line of lines.slice(1, -1)) {
  if (line.startsWith(' (')) fields.push([line]);
  else fields[fields.length - 1].push(line);
}

// Functions: emcc's meta-DCE orders them by call count (shorter call indices), which scatters
// similar bodies across the file. Grouped by signature, larger first: 14 KB less gzipped.
// The signature of a definition: its header without the name and comments.
const signature = (field) => field[0].replace(/^ \(func \S+/, '').replace(/\(;.*?;\)/g, '');
const funcs = fields.filter((f) => f[0].startsWith(' (func '));
funcs.sort((a, b) => {
  const sa = signature(a), sb = signature(b);
  return sa < sb ? -1 : sa > sb ? 1 : b.length - a.length;
});

// Data: binaryen's memory packing cuts it into ~800 segments around runs of zeros, each with an
// offset gzip cannot predict. Segments at most kMaxGap bytes apart are joined, the gap written
// as the zeros it holds (the memory is the module's own, not imported, so it starts zeroed):
// 3 KB less gzipped. Active segments at constant offsets, one line each: (data (i32.const N) "…").
const kData = /^ \(data \(i32\.const (\d+)\) "(.*)"\)$/;
const byteLength = (escaped) => escaped.replace(/\\[0-9a-fA-F]{2}|\\./g, 'x').length;
const joined = [];
for (const field of fields.filter((f) => f[0].startsWith(' (data '))) {
  const m = field.length === 1 && kData.exec(field[0]);
  if (!m) throw new Error(`${watIn}: unexpected data segment ${field[0].slice(0, 80)}`);
  const offset = Number(m[1]);
  const last = joined[joined.length - 1];
  const gap = last ? offset - last.end : -1;
  if (last && gap >= 0 && gap <= kMaxGap) {
    last.bytes += '\\00'.repeat(gap) + m[2];
    last.end = offset + byteLength(m[2]);
  } else {
    joined.push({ offset, bytes: m[2], end: offset + byteLength(m[2]) });
  }
}

// The fields in their order, functions and data replaced in place by the new lists.
const out = [lines[0]];
let nextFunc = 0;
let dataDone = false;
for (const field of fields) {
  if (field[0].startsWith(' (func ')) {
    out.push(...funcs[nextFunc++]);
  } else if (field[0].startsWith(' (data ')) {
    if (!dataDone) out.push(...joined.map((d) => ` (data (i32.const ${d.offset}) "${d.bytes}")`));
    dataDone = true;
  } else {
    out.push(...field);
  }
}
out.push(')');
writeFileSync(watOut, out.join('\n') + '\n');

// Back to binary. The text holds no Stack IR: regenerate it as -Oz would (a full -Oz would
// split the data again).
run([watOut, '--generate-stack-ir', '--optimize-stack-ir', '--optimize-level=2', '--shrink-level=2', '-o', wasmOut]);
const before = memoryImage(readFileSync(wasmFile)), after = memoryImage(readFileSync(wasmOut));
if (Buffer.compare(before, after) !== 0) throw new Error(`${wasmOut}: the initial memory differs from ${wasmFile}'s`);
renameSync(wasmOut, wasmFile);
rmSync(watIn);
rmSync(watOut);
