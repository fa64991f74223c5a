#!/usr/bin/env bash
# The whole test suite on real services, from a fresh machine:
#   1. installs what is missing (uv + Python packages, npm packages, Chromium, PostgreSQL);
#   2. lint and Django checks;
#   3. starts a throwaway PostgreSQL cluster and a real Elasticsearch 8 node;
#   4. runs every test on PostgreSQL, then every test that does not need PostgreSQL
#      or a browser on SQLite (the engine of `make run`), two workers each (pytest-xdist);
#   5. stops the services, whatever happened.
# Extra arguments are passed to both pytest runs (e.g. `make test ARGS="-k french"`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PYTHONDONTWRITEBYTECODE=1

step() { printf '\n==> %s\n' "$*"; }

step "Installing dependencies"
scripts/setup.sh --with-test-tools

PY=".venv/bin/python"

step "Lint and Django checks"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache
DJANGO_SETTINGS_MODULE=cms.settings.test "$PY" manage.py check --fail-level WARNING
DJANGO_SETTINGS_MODULE=cms.settings.test "$PY" manage.py makemigrations --check --dry-run --no-input >/dev/null \
    || { echo "Missing migrations: run manage.py makemigrations"; exit 1; }

cleanup() {
    local status=$?
    scripts/elasticsearch.sh stop || true
    scripts/postgres.sh stop || true
    exit "$status"
}
trap cleanup EXIT INT TERM

step "Starting PostgreSQL and Elasticsearch"
scripts/postgres.sh start
scripts/elasticsearch.sh start
set -a
# shellcheck disable=SC1091
source .cache/postgres/current.env
# shellcheck disable=SC1091
source .cache/elasticsearch/current.env
set +a
export ELASTICSEARCH_INDEX_PREFIX="test_$(date +%s)_$$_"

# pytest exits with 5 when no test was collected: acceptable only when the caller
# narrowed the run with its own arguments (e.g. -k on one module).
narrowed=$([ "$#" -gt 0 ] && echo 1 || echo 0)
run_pytest() {
    local status=0
    "$PY" -m pytest -p no:cacheprovider "$@" || status=$?
    if [ "$status" = 5 ] && [ "$narrowed" = 1 ]; then return 0; fi
    return "$status"
}

# Two workers: the machine has two cores. Each worker has its own test database, index
# prefix and, for end-to-end tests, its own server.
WORKERS="${REPERES_TEST_WORKERS:-2}"

step "Test suite on PostgreSQL"
REPERES_EXPECTED_DB_VENDOR=postgresql run_pytest -n "$WORKERS" "$@"

step "Test suite on SQLite (all but PostgreSQL-only and browser tests)"
DATABASE_URL="sqlite:///$ROOT/.cache/test-sqlite.db" REPERES_EXPECTED_DB_VENDOR=sqlite \
    run_pytest -n "$WORKERS" -m "not postgres and not e2e" "$@"

step "All green"
