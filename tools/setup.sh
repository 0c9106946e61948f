#!/usr/bin/env bash
# Installs everything PyMemLab needs on a Debian bookworm machine, as root, idempotently:
# Debian packages (compilers, Emscripten, Catch2, Chromium, libpython3.11 for the benchmark
# reference) and the web front end's npm packages from web/package-lock.json.
#   tools/setup.sh            install what is missing (apt-get only when a package is missing)
#   tools/setup.sh --check    exit 1 if anything is missing, install nothing
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build g++ clang libclang-rt-14-dev
  catch2 emscripten node-acorn binaryen
  chromium python3.11-dev gzip
)

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
  # Node and npm may come from another build (NodeSource's nodejs bundles npm, and Debian's npm
  # then conflicts with it): ask for Debian's only when there is none.
  command -v node >/dev/null || echo nodejs
  command -v npm >/dev/null || echo npm
}

npm_missing() {
  [ -f web/package-lock.json ] || return 1
  [ -d web/node_modules ] || return 0
  # node_modules is stale when the lock file is newer than npm's record of it.
  [ web/package-lock.json -nt web/node_modules/.package-lock.json ] && return 0
  return 1
}

if [ "${1:-}" = "--check" ]; then
  [ -z "$(missing_packages)" ] && ! npm_missing && exit 0
  exit 1
fi

todo=$(missing_packages | tr '\n' ' ')
if [ -n "${todo// }" ]; then
  echo "setup: installing Debian packages: $todo"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $todo
fi

if npm_missing; then
  echo "setup: installing npm packages in web/ (npm ci)"
  (cd web && npm ci --no-audit --no-fund)
fi
echo "setup: everything is installed"
