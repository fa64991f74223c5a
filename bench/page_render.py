"""Render the demo pages N times in-process and print latency and query counts.

    .venv/bin/python bench/page_render.py [--requests 200] [--database-url URL]

Uses a throwaway SQLite database (or --database-url, e.g. a PostgreSQL one), migrated
and loaded with the demo content, and Django's test client (no network, no server).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/", "/a-propos/", "/mentions-legales/", "/sitemap.xml"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="reperes-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    client = Client()

    print(f"{'page':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["*"]):
        for path in PATHS:
            client.get(path)  # warm caches
            timings = []
            for _ in range(args.requests):
                reset_queries()
                start = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{path} answered {response.status_code}")
            queries = len(connection.queries)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[18]
            print(f"{path:<22}{args.requests:>9}{p50:>9.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
