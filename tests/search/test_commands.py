"""search_rebuild and search_status, on the configured engine."""

import io

import pytest
from django.core.management import call_command

from cms.models import HomePage
from media_literacy.factories import ResourcePageFactory
from media_literacy.models import ResourceIndexPage
from media_literacy.services import index_page_ensure
from search.backends import get_database_backend
from search.backends.base import SearchQuery

ENGINES = [
    pytest.param("database", marks=pytest.mark.smoke),
    pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
]


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_search_rebuild_indexes_every_published_page_with_progress(configured_engine):
    index = index_page_ensure(model=ResourceIndexPage, home=HomePage.objects.get())
    for n in range(12):
        ResourcePageFactory(parent=index, title=f"Fiche désinformation {n}")
    ResourcePageFactory(parent=index, title="Brouillon désinformation", live=False)
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    output = out.getvalue()
    assert "100%" in output and "(12/12)" in output
    assert f"{configured_engine.engine}: 12 documents" in output
    configured_engine.refresh()
    results = configured_engine.search(SearchQuery(text="désinformation", page_size=50))
    assert results.count == 12
    assert len(get_database_backend().document_ids()) == 12

    status = io.StringIO()
    call_command("search_status", stdout=status)
    text = status.getvalue()
    assert "Published pages in the catalogue: 12" in text
    assert f"{configured_engine.engine} (configured): available, 12 documents" in text
    assert "Backlog: 0 update(s) waiting" in text
