"""Durable index updates: rows in the database (django-tasks-db), run by ``db_worker``.

Each task reads the pages' current state, so running it twice or late is harmless: it
always makes the index agree with the database.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from search.backends.base import (
    SearchUnavailable,
)
from search.services import search_index_pages

logger = logging.getLogger(__name__)

SEARCH_TASK_BACKEND = "search"
SEARCH_QUEUE = "search"


class SearchSyncDeferred(Exception):
    """The engine was unreachable; a new try is scheduled (the task row records this one)."""


def retry_delay(attempt: int) -> int:
    delays = settings.REPERES_SEARCH_RETRY_DELAYS
    return delays[min(attempt, len(delays)) - 1]


@task(backend=SEARCH_TASK_BACKEND, queue_name=SEARCH_QUEUE)
def search_sync_pages(page_ids: list[int], attempt: int = 1) -> dict:
    """Index or remove the given pages in the database engine and the configured engine."""
    try:
        return search_index_pages(page_ids=page_ids)
    except SearchUnavailable as error:
        backend = search_sync_pages.get_backend()
        if not backend.supports_defer:
            raise
        delay = retry_delay(attempt)
        search_sync_pages.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            page_ids, attempt + 1
        )
        logger.warning(
            "Search engine unreachable (%s); %d page(s) will be retried in %d s (attempt %d).",
            error,
            len(page_ids),
            delay,
            attempt + 1,
        )
        raise SearchSyncDeferred(f"retry {attempt + 1} in {delay} s") from error


SYNC_CHUNK = 200


def search_sync_schedule(*, page_ids: Iterable[int]) -> None:
    """Queue index updates for these pages, to run once the current transaction commits."""
    ids = sorted(set(page_ids))
    if not ids:
        return

    def enqueue() -> None:
        for start in range(0, len(ids), SYNC_CHUNK):
            search_sync_pages.enqueue(ids[start : start + SYNC_CHUNK])

    transaction.on_commit(enqueue)


@dataclass
class Backlog:
    ready: int
    scheduled: int
    running: int
    failed_recently: int
    oldest_waiting: object = None
    last_error: str = ""


def search_backlog() -> Backlog:
    """Index updates not done yet (database task queue); zeros when tasks run immediately."""
    backend_path = settings.TASKS.get(SEARCH_TASK_BACKEND, {}).get("BACKEND", "")
    if not backend_path.startswith("django_tasks_db"):
        return Backlog(0, 0, 0, 0)
    # Imported here: the model exists only when the database task backend is installed.
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    rows = DBTaskResult.objects.filter(backend_name=SEARCH_TASK_BACKEND)
    waiting = rows.filter(status="READY")
    ready = rows.ready()
    failed = rows.filter(status="FAILED", finished_at__gte=now - timedelta(days=1))
    last = failed.order_by("-finished_at").values_list("exception_class_path", "traceback").first()
    return Backlog(
        ready=ready.count(),
        scheduled=waiting.count() - ready.count(),
        running=rows.filter(status="RUNNING").count(),
        failed_recently=failed.count(),
        oldest_waiting=waiting.order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first(),
        last_error=(last[1].strip().splitlines() or [""])[-1] if last else "",
    )
