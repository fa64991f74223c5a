"""Search fixtures: each engine, empty, ready for one test."""

import itertools

import pytest
from django.conf import settings

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
def engine(request):
    """The same test, once per engine."""
    return request.getfixturevalue(f"{request.param}_engine")
