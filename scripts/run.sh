#!/usr/bin/env bash
# Serves Repères with demo content on http://127.0.0.1:8000 (SQLite, database search),
# with the background worker that keeps the search index up to date after each publication.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
export DJANGO_SETTINGS_MODULE=cms.settings.dev
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo
.venv/bin/python manage.py db_worker --backend search --queue-name search --no-reload -v0 &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
echo "Repères: http://127.0.0.1:8000/  —  admin: http://127.0.0.1:8000/admin/ (admin / reperes-demo)"
.venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
