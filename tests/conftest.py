"""Shared fixtures: real services only (PostgreSQL, Elasticsearch, Chromium)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / ".artefacts"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(name: str, hint: str) -> None:
    """Fail in CI, skip with a clear reason locally, when a real service is absent."""
    message = f"{name} is not available: {hint}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    if not settings.ELASTICSEARCH_URL:
        require_service("Elasticsearch", "set ELASTICSEARCH_URL or run `make test`")
    return settings.ELASTICSEARCH_URL


@pytest.fixture(scope="session")
def elasticsearch_client(elasticsearch_url):
    from elasticsearch import Elasticsearch

    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    yield client
    # Each run has its own prefix: remove every index it created.
    client.options(ignore_status=404).indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*", expand_wildcards="all"
    )
    client.close()


@pytest.fixture
def artefacts_dir() -> Path:
    path = ARTEFACTS / "e2e"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    """Uploaded files of this run live in their own folder, removed at the end."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """End-to-end tests run last: Playwright's sync API keeps an event loop running in the
    main thread for the whole session, and Django refuses database calls from it."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
