"""Durable index updates: rows in the database (django-tasks-db), run by ``db_worker``.

Each task reads the pages' current state, so running it twice or late is harmless: it
always makes the index agree with the database.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from search.backends.base import SearchUnavailable

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
    from search.services import search_index_pages

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
