.PHONY: run test setup lint format messages
# Serve the site with demo content on http://127.0.0.1:8000 (SQLite, database search).
run:
	scripts/run.sh

# The whole test suite on real PostgreSQL, Elasticsearch and Chromium (started and stopped here).
test:
	scripts/test.sh $(ARGS)

setup:
	scripts/setup.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# Refresh the English catalogue after changing French strings, then compile it.
messages:
	.venv/bin/python manage.py makemessages -l en -i ".venv/*" -i "node_modules/*" -i ".cache/*"
	.venv/bin/python manage.py compilemessages -l en -i .venv -i node_modules
