"""``manage.py search_status``: engines, document counts and the backlog of index updates."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from search.backends import get_database_backend, get_search_backend, uses_separate_engine
from search.services import catalogue_size
from search.tasks import search_backlog


class Command(BaseCommand):
    help = "Show the search engines' state, document counts and pending index updates."

    def handle(self, *args, **options):
        expected = catalogue_size()
        self.stdout.write(f"Published pages in the catalogue: {expected}")
        backends = [get_search_backend()]
        if uses_separate_engine():
            backends.append(get_database_backend())
        for backend in backends:
            status = backend.status()
            role = "configured" if backend is backends[0] else "fallback"
            state = "available" if status.available else "UNAVAILABLE"
            count = "?" if status.document_count is None else status.document_count
            line = f"{status.engine} ({role}): {state}, {count} documents"
            if status.index_name:
                line += f", index {status.index_name}"
            if status.detail:
                line += f" — {status.detail}"
            style = (
                self.style.SUCCESS if status.available and count == expected else self.style.WARNING
            )
            self.stdout.write(style(line))
        backlog = search_backlog()
        line = (
            f"Backlog: {backlog.ready} update(s) waiting, {backlog.scheduled} retry(ies) scheduled, "
            f"{backlog.running} running, {backlog.failed_recently} failed attempt(s) in 24 h"
        )
        if backlog.oldest_waiting:
            age = timezone.now() - backlog.oldest_waiting
            line += f"; oldest waiting for {int(age.total_seconds())} s"
        style = (
            self.style.SUCCESS if not (backlog.ready or backlog.scheduled) else self.style.WARNING
        )
        self.stdout.write(style(line))
        if backlog.last_error:
            self.stdout.write(f"Last error: {backlog.last_error}")
