# PyMemLab. README.md's two commands are `make serve` and `make test`; the rest:
#   make setup   install Debian and npm dependencies (idempotent; other targets run it as needed)
#   make cli     native CLI -> build/native/pymemlab
#   make wasm    WebAssembly module and Node CLI -> build/wasm/
#   make web     static site -> web/dist/
#   make serve   build what is missing, serve the lab at http://localhost:$(PORT)/
#   make test    every suite: native debug, ASan+UBSan (snippets too, heap checked), WebAssembly
#                (Node), browser, snippets both ways, the bad-input corpus
#   make bench   benchmarks; rewrites bench/RESULTS.md
#   make fuzz    libFuzzer (clang, ASan+UBSan) on the parser, compiler and runner, FUZZ_SECONDS each
#   make fuzz-merge  minimize what `make fuzz` found into tests/fuzz/corpus (tests/fuzz/README.md)
SHELL := /bin/bash
PORT ?= 8000
JOBS ?= $(shell nproc)
# Emscripten's JS optimizer needs acorn: Debian's node-acorn lives in /usr/share/nodejs.
export NODE_PATH := /usr/share/nodejs$(if $(NODE_PATH),:$(NODE_PATH))

.PHONY: setup deps cli wasm web serve test test-native test-asan test-wasm test-web test-snippets test-robustness bench clean format \
        fuzz fuzz-build fuzz-merge

setup:
	@tools/setup.sh

# Runs setup only when something it installs is missing.
deps:
	@tools/setup.sh --check || tools/setup.sh

cli: deps
	@cmake --preset native-release >/dev/null
	@cmake --build --preset native-release -j$(JOBS)
	@echo "built build/native/pymemlab"

wasm: deps
	@cmake --preset wasm >/dev/null
	@cmake --build --preset wasm -j$(JOBS)

web: wasm
	@npm --prefix web run --silent build

serve: web
	@node tools/serve.mjs web/dist $(PORT)

test: test-native test-asan test-wasm test-web test-snippets test-robustness
	@echo "make test: every suite passed"

test-native: deps
	@cmake --preset native-debug >/dev/null
	@cmake --build --preset native-debug -j$(JOBS)
	@ctest --preset native-debug -j$(JOBS)

test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j$(JOBS)
	@ctest --preset asan -j$(JOBS)
	@# Every snippet under every profile through the ASan+UBSan CLI, the heap checker running
	@# between statements (cli/README.md: --check-heap).
	@node tests/snippets/run.mjs --impl native --native-cmd "build/asan/pymemlab --check-heap" --timeout 120

# The unit suite and the module's JS API under Node, then native/WebAssembly CLI parity.
test-wasm: wasm cli
	@ctest --preset wasm
	@node --test tests/cli/

test-web: web cli
	@node --test tests/web/

# Python snippets against CPython per profile, natively and in WebAssembly (batched: one Node
# process runs many snippets: `pymemlab batch`; tests/snippets/README.md).
test-snippets: wasm cli
	@node tests/snippets/run.mjs --impl both
	@PYMEMLAB_SNIPPETS_SKIP_FULL=1 node --test tests/snippets/run.test.mjs

# The bad-input corpus (tests/robustness/cases.mjs) through both CLIs: CPython's errors, bounded
# time, and the process still runs the next snippet.
test-robustness: wasm cli
	@node --test tests/robustness/

bench: deps
	@bench/run.sh

# Fuzzing (tests/fuzz/README.md). New inputs go to a scratch corpus under build/fuzz/corpus/,
# crashes, timeouts and leaks to tests/fuzz/crashes/<target>/ (kept forever: ctest replays them).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= parse compile run
FUZZ_FLAGS = -dict=tests/fuzz/python.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_BIN = build/fuzz/tests/fuzz

fuzz-build: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j$(JOBS)
	@node tests/fuzz/seeds.mjs build/fuzz/seeds >/dev/null

fuzz: fuzz-build
	@status=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/crashes/$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BIN)/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=tests/fuzz/crashes/$$t/ \
	    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t build/fuzz/seeds || status=1; \
	done; \
	if [ $$status != 0 ]; then echo "make fuzz: inputs saved in tests/fuzz/crashes/"; exit 1; fi

# Rewrites tests/fuzz/corpus/<target> as the smallest set of saved and scratch inputs that keeps
# their edge coverage (libFuzzer -merge=1; -use_counters=0 keeps the committed corpus small).
fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf build/fuzz/merged/$$t && mkdir -p build/fuzz/merged/$$t build/fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	  $(FUZZ_BIN)/fuzz_$$t $(FUZZ_FLAGS) -use_counters=0 -merge=1 build/fuzz/merged/$$t \
	    tests/fuzz/corpus/$$t build/fuzz/corpus/$$t build/fuzz/seeds || exit 1; \
	  rm -rf tests/fuzz/corpus/$$t && mv build/fuzz/merged/$$t tests/fuzz/corpus/$$t; \
	  echo "tests/fuzz/corpus/$$t: $$(ls tests/fuzz/corpus/$$t | wc -l) inputs"; \
	done

format:
	@find core cli wasm tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build web/dist
