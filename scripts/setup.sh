#!/usr/bin/env bash
# Installs what the project needs, from the lock files, on a fresh machine.
#   scripts/setup.sh                    Python packages (uv.lock) and npm packages
#   scripts/setup.sh --with-test-tools  the same, plus Debian's Chromium for end-to-end tests
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
UV_VERSION=0.13.9

if command -v uv >/dev/null 2>&1; then
    UV=(uv)
else
    python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    UV=(python3 -m uv)
fi
"${UV[@]}" sync --frozen --quiet --python python3.11

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    # --ignore-scripts: no package may run code at install time (h5p-standalone's fails).
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    touch node_modules
fi

if [ "${1:-}" = "--with-test-tools" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the end-to-end tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
