"""Wagtail's own admin search runs on the same Elasticsearch node as the catalogue."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.factories import StandardPageFactory
from cms.models import HomePage

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def test_admin_search_backend_is_elasticsearch8_and_finds_a_published_page(elasticsearch_client):
    backend = get_search_backend()
    assert type(backend).__module__ == "modelsearch.backends.elasticsearch8"
    call_command("update_index", verbosity=0)  # creates the indexes with Wagtail's analysis

    home = HomePage.objects.get()
    page = StandardPageFactory.build(
        title="Harcèlement en ligne : agir tôt", summary="Repérer et signaler le cyberharcèlement."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    backend.refresh_indexes()

    results = backend.search("harcèlement", Page.objects.live())
    assert page.pk in [result.pk for result in results]
    autocomplete = backend.autocomplete("harc", Page.objects.live())
    assert page.pk in [result.pk for result in autocomplete]
