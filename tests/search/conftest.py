"""Search fixtures: each engine, empty, ready for one test."""

import itertools
import os
import signal

import pytest
from django.conf import settings

from tests.conftest import ROOT, require_service

_counter = itertools.count()


@pytest.fixture
def database_engine(db):
    from search.backends.database import DatabaseBackend

    backend = DatabaseBackend()
    backend.rebuild([], total=0)
    return backend


@pytest.fixture
def elasticsearch_engine(elasticsearch_client, db):
    from search.backends.elasticsearch import ElasticsearchBackend

    prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}t{next(_counter)}_"
    backend = ElasticsearchBackend(url=settings.ELASTICSEARCH_URL, index_prefix=prefix)
    backend.rebuild([], total=0)
    yield backend
    elasticsearch_client.options(ignore_status=404).indices.delete(
        index=f"{prefix}*", expand_wildcards="all"
    )


@pytest.fixture(
    params=[
        pytest.param("database", marks=pytest.mark.smoke),
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def engine(request, db):
    """The same test, once per engine (on the test database: ``db`` must be asked directly)."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def configured_engine(request, settings, db):
    """Make the given engine ("database" or "elasticsearch") the configured one, empty."""
    from django.core.cache import cache

    cache.clear()
    name = getattr(request, "param", "database")
    if name == "database":
        settings.REPERES_SEARCH_BACKEND = "search.backends.database.DatabaseBackend"
        settings.REPERES_SEARCH_BACKEND_OPTIONS = {}
    else:
        request.getfixturevalue("elasticsearch_client")
        prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}t{next(_counter)}_"
        settings.REPERES_SEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
        settings.REPERES_SEARCH_BACKEND_OPTIONS = {
            "url": settings.ELASTICSEARCH_URL,
            "index_prefix": prefix,
        }
    from search.backends import get_database_backend, get_search_backend

    backend = get_search_backend()
    backend.rebuild([], total=0)
    get_database_backend().rebuild([], total=0)
    yield backend
    cache.clear()


class ElasticsearchNode:
    """The test node's process group, paused and resumed with SIGSTOP / SIGCONT."""

    def __init__(self, pgid: int) -> None:
        self.pgid = pgid

    def stop(self) -> None:
        os.killpg(self.pgid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.pgid, signal.SIGCONT)


@pytest.fixture
def elasticsearch_node(elasticsearch_client):
    env_file = ROOT / ".cache" / "elasticsearch" / "current.env"
    values = (
        dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
        if env_file.exists()
        else {}
    )
    if values.get("ELASTICSEARCH_URL") != settings.ELASTICSEARCH_URL or not values.get(
        "ELASTICSEARCH_PID"
    ):
        require_service(
            "A node started by scripts/elasticsearch.sh",
            "the test stops and resumes the node's processes",
        )
    node = ElasticsearchNode(int(values["ELASTICSEARCH_PID"]))
    yield node
    node.resume()  # whatever happened in the test
