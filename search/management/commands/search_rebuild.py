"""``manage.py search_rebuild``: rebuild the catalogue index from the pages, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_database_backend, get_search_backend, uses_separate_engine
from search.backends.base import SearchUnavailable
from search.services import search_rebuild


class ProgressBar:
    """A bar on a terminal (redrawn in place), a line every 10 % otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, stream, label: str) -> None:
        self.stream = stream
        self.label = label
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_tenth = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        if self.tty:
            filled = int(self.WIDTH * fraction)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%} {done}/{total}")
            self.stream.flush()
            if done >= total:
                self.stream.write("\n")
        elif int(fraction * 10) > self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(f"{self.label}: {fraction:4.0%} ({done}/{total})\n")


class Command(BaseCommand):
    help = (
        "Rebuild the catalogue search index from the published pages: into a new index, "
        "then an atomic alias swap (Elasticsearch), or in one transaction (database engine)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "configured", "database"],
            default="all",
            help="all (default): the configured engine and the database engine (the fallback).",
        )

    def handle(self, *args, engine: str, **options):
        backends = []
        if engine in {"all", "database"} or not uses_separate_engine():
            backends.append(get_database_backend())
        if engine in {"all", "configured"} and uses_separate_engine():
            backends.append(get_search_backend())
        for backend in backends:
            started = time.monotonic()
            bar = ProgressBar(
                self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout, backend.engine
            )
            try:
                reports = search_rebuild(backends=[backend], progress=bar)
            except SearchUnavailable as error:
                raise CommandError(
                    f"{backend.engine}: unavailable ({error}); nothing changed."
                ) from error
            elapsed = time.monotonic() - started
            for report in reports:
                rate = report.documents / elapsed if elapsed else 0
                extra = (
                    f", {report.reconciled} caught up after the swap" if report.reconciled else ""
                )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{report.engine}: {report.documents} documents in {elapsed:.1f} s "
                        f"({rate:.0f} docs/s){extra}."
                    )
                )
