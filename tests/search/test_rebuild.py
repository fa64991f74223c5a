"""Rebuilding: a new timestamped index, an atomic alias swap, no failed query meanwhile."""

import threading

import pytest

from search.backends.base import SearchQuery
from tests.search.test_contract import doc

pytestmark = pytest.mark.elasticsearch


def test_rebuild_while_queries_run_never_fails_a_query(elasticsearch_engine, elasticsearch_client):
    docs = [
        doc(n, f"Fiche {n} sur la désinformation", summary="Vérifier ses sources.")
        for n in range(1, 301)
    ]
    elasticsearch_engine.rebuild(docs, total=len(docs))
    elasticsearch_engine.refresh()
    errors, counts = [], []
    stop = threading.Event()

    def query_loop():
        while not stop.is_set():
            try:
                results = elasticsearch_engine.search(
                    SearchQuery(text="désinformation", filters={"kind": ("resource",)})
                )
                counts.append(results.count)
            except Exception as error:  # noqa: BLE001 - any failure is what we look for
                errors.append(repr(error))

    threads = [threading.Thread(target=query_loop) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(3):
            elasticsearch_engine.rebuild(docs, total=len(docs))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(counts) > 20
    assert set(counts) == {300}, "every query saw a complete index"
    alias = elasticsearch_engine.alias
    indices = elasticsearch_client.indices.get_alias(name=alias)
    assert len(indices) == 1, "the old indices are removed after the swap"
    (name,) = indices
    assert name.startswith(f"{alias}_")
