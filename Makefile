# PyMemLab. README.md's two commands are `make serve` and `make test`; the rest:
#   make setup   install Debian and npm dependencies (idempotent; other targets run it as needed)
#   make cli     native CLI -> build/native/pymemlab
#   make wasm    WebAssembly module and Node CLI -> build/wasm/
#   make web     static site -> web/dist/
#   make serve   build what is missing, serve the lab at http://localhost:$(PORT)/
#   make test    every suite: native debug, ASan+UBSan, WebAssembly (Node), browser
#   make bench   benchmarks; rewrites bench/RESULTS.md
SHELL := /bin/bash
PORT ?= 8000
JOBS ?= $(shell nproc)
# Emscripten's JS optimizer needs acorn: Debian's node-acorn lives in /usr/share/nodejs.
export NODE_PATH := /usr/share/nodejs$(if $(NODE_PATH),:$(NODE_PATH))

.PHONY: setup deps cli wasm web serve test test-native test-asan test-wasm test-web test-snippets bench clean format

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

test: test-native test-asan test-wasm test-web test-snippets
	@echo "make test: every suite passed"

test-native: deps
	@cmake --preset native-debug >/dev/null
	@cmake --build --preset native-debug -j$(JOBS)
	@ctest --preset native-debug -j$(JOBS)

test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j$(JOBS)
	@ctest --preset asan -j$(JOBS)

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

bench: deps
	@bench/run.sh

format:
	@find core cli wasm tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build web/dist
