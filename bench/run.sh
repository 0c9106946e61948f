#!/usr/bin/env bash
# Builds every benchmark natively and to WebAssembly, runs each natively and under Node, and
# rewrites bench/RESULTS.md from what they measured. Each run prints JSON lines, kept in
# build/bench/<name>-<target>.jsonl; bench/report.mjs formats them. `make bench` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmarks, in RESULTS.md order. Each is the CMake target pymemlab_bench_<name> in both
# builds, and report.mjs knows how to format its lines.
BENCHMARKS=(alloc objects gc trace soak)
# The interpreter benchmark is not a program of its own: bench/snippets/run.mjs times the CLI
# (target pymemlab in both builds) against python3 on bench/snippets/*.py. Its section comes last.
PYTHON=${PYTHON:-python3}

# Emscripten's JS optimizer needs acorn from Debian's node-acorn. The Makefile exports the same
# NODE_PATH; this covers running the script directly.
case ":${NODE_PATH:-}:" in
  *:/usr/share/nodejs:*) ;;
  *) export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" ;;
esac

out=build/bench
jobs=$(nproc)
targets=("${BENCHMARKS[@]/#/pymemlab_bench_}" pymemlab)
started=$SECONDS
say() { printf 'bench: %s\n' "$*" >&2; }

mkdir -p "$out"
rm -f "$out"/*.jsonl

say "building ${targets[*]} natively (build/native)"
if ! { cmake --preset native-release &&
       cmake --build --preset native-release -j"$jobs" --target "${targets[@]}"; } >"$out/native-build.log" 2>&1; then
  tail -n 30 "$out/native-build.log" >&2
  say "the native build failed; the whole log is $out/native-build.log"
  exit 1
fi

# Without a WebAssembly build the native figures are still worth keeping: RESULTS.md says
# what is missing and the script fails at the end.
say "building ${targets[*]} to WebAssembly (build/wasm)"
wasm_built=1
if ! { cmake --preset wasm &&
       cmake --build --preset wasm -j"$jobs" --target "${targets[@]}"; } >"$out/wasm-build.log" 2>&1; then
  wasm_built=0
  tail -n 30 "$out/wasm-build.log" >&2
  say "the WebAssembly build failed; the whole log is $out/wasm-build.log"
fi

# One benchmark at a time, native then wasm: on two cores a second process would skew both.
for name in "${BENCHMARKS[@]}"; do
  say "running $name natively"
  "build/native/bench/pymemlab_bench_$name" >"$out/$name-native.jsonl"
  if [ "$wasm_built" = 1 ]; then
    say "running $name as WebAssembly under Node $(node --version)"
    node "build/wasm/bench/pymemlab_bench_$name.js" >"$out/$name-wasm.jsonl"
  else
    printf '{"bench":"%s","kind":"missing","target":"wasm","reason":"%s"}\n' "$name" \
      "the WebAssembly build failed (see $out/wasm-build.log)" >"$out/$name-wasm.jsonl"
  fi
done

say "running the interpreter snippets natively, against $("$PYTHON" --version 2>&1)"
node bench/snippets/run.mjs --target native --cli build/native/pymemlab --python "$PYTHON" >"$out/snippets-native.jsonl"
if [ "$wasm_built" = 1 ]; then
  say "running the interpreter snippets as WebAssembly under Node $(node --version)"
  node bench/snippets/run.mjs --target wasm --cli build/wasm/pymemlab-cli.js >"$out/snippets-wasm.jsonl"
else
  printf '{"bench":"snippets","kind":"missing","target":"wasm","reason":"%s"}\n' \
    "the WebAssembly build failed (see $out/wasm-build.log)" >"$out/snippets-wasm.jsonl"
fi

# The web benchmark: the built site in Chromium, against Pyodide in the same browser.
if [ "$wasm_built" = 1 ] &&
   { cmake --build --preset wasm --target pymemlab_wasm pymemlab_wasm_entry && npm --prefix web run --silent build; } \
     >"$out/web-build.log" 2>&1; then
  [ -d bench/web/node_modules/pyodide ] || npm ci --prefix bench/web --no-audit --no-fund >>"$out/web-build.log" 2>&1
  say "running the web benchmark in Chromium (the lab and Pyodide)"
  node bench/web/run.mjs >"$out/web.jsonl"
else
  printf '{"bench":"web","kind":"missing","target":"chromium","reason":"%s"}\n' \
    "the site could not be built (see $out/web-build.log)" >"$out/web.jsonl"
fi

files=("$out/web.jsonl")
for name in "${BENCHMARKS[@]}" snippets; do files+=("$out/$name-native.jsonl" "$out/$name-wasm.jsonl"); done
node bench/report.mjs "${files[@]}" >"$out/RESULTS.md"
mv "$out/RESULTS.md" bench/RESULTS.md
say "wrote bench/RESULTS.md in $((SECONDS - started)) s"
[ "$wasm_built" = 1 ]
