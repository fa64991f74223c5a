#!/usr/bin/env bash
# Serves Repères with demo content on http://127.0.0.1:8000 (SQLite, database search).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
export DJANGO_SETTINGS_MODULE=cms.settings.dev
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo
echo "Repères: http://127.0.0.1:8000/  —  admin: http://127.0.0.1:8000/admin/ (admin / reperes-demo)"
exec .venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
