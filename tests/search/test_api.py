"""The JSON API, the search page and the editors' insight (promotions, report)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.factories import UserFactory
from cms.models import Audience, HomePage
from media_literacy.factories import ResourcePageFactory
from media_literacy.models import ResourceIndexPage
from media_literacy.services import index_page_ensure
from search.models import SearchQueryDay

pytestmark = pytest.mark.smoke


@pytest.fixture
def catalogue(configured_engine, django_capture_on_commit_callbacks):
    """Three published resources, indexed through the real sync path."""
    index = index_page_ensure(model=ResourceIndexPage, home=HomePage.objects.get())
    parents = Audience.objects.get(slug="parents")
    pupils = Audience.objects.get(slug="eleves")
    pages = {}
    with django_capture_on_commit_callbacks(execute=True):
        for title, audience in [
            ("Le cyberharcèlement expliqué aux parents", parents),
            ("Cyberharcèlement : réagir entre élèves", pupils),
            ("Protéger ses données personnelles", pupils),
        ]:
            page = ResourcePageFactory(parent=index, title=title, summary=f"Résumé : {title}.")
            page.audiences.add(audience)
            page.save_revision().publish()
            pages[title] = page
    configured_engine.refresh()
    return pages


def test_api_returns_the_documented_shape(client, catalogue):
    response = client.get("/api/v1/search/", {"q": "cyberharcelement"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert set(data) >= {"count", "results", "facets", "suggestion", "engine"}
    assert set(data["facets"]) == {"kind", "audience", "theme", "level"}
    result = data["results"][0]
    assert set(result) >= {"kind", "title", "url", "summary", "highlight"}
    assert result["kind"] == "resource"
    assert result["url"].startswith("http://testserver/ressources/")
    assert (
        "<mark>" in result["highlight"] or "<mark>" in result["title"] or result["highlight"] == ""
    )
    audiences = {item["value"]: item for item in data["facets"]["audience"]}
    assert audiences["parents"] == {"value": "parents", "label": "Parents", "count": 1}
    assert data["engine"] in {"database", "elasticsearch"}
    assert data["capabilities"]["fuzziness"] in {True, False}


def test_api_filters_keep_other_audiences_counted(client, catalogue):
    data = client.get("/api/v1/search/", {"q": "cyberharcèlement", "audience": "parents"}).json()
    assert [r["title"] for r in data["results"]] == ["Le cyberharcèlement expliqué aux parents"]
    counts = {item["value"]: item["count"] for item in data["facets"]["audience"]}
    assert counts == {"parents": 1, "eleves": 1}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"audience": "martiens"}, "Valeur inconnue pour « audience » : martiens."),
        ({"kind": "podcast"}, "Valeur inconnue pour « kind » : podcast."),
        ({"page_size": "101"}, "ne peut pas dépasser 100"),
        ({"page_size": "0"}, "supérieur ou égal à 1"),
        ({"page": "abc"}, "doit être un nombre entier"),
        ({"page": "-3"}, "supérieur ou égal à 1"),
        ({"q": "cyberharcèlement", "page": "9"}, "La page 9 n'existe pas : il y a 1 page(s)"),
    ],
)
def test_api_bad_parameters_get_a_400_with_a_clear_message(client, catalogue, params, message):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_api_clamps_a_very_long_query(client, catalogue):
    response = client.get("/api/v1/search/", {"q": "cyberharcèlement " + "x" * 2000})
    assert response.status_code == 200
    data = response.json()
    assert data["query_truncated"] is True
    assert len(data["query"]) <= 200


def test_api_refuses_other_methods(client, catalogue):
    assert client.post("/api/v1/search/").status_code == 405


def test_autocomplete_suggests_titles(client, catalogue):
    data = client.get("/api/v1/search/autocomplete/", {"q": "cyberh"}).json()
    titles = [item["title"] for item in data["results"]]
    assert set(titles) == {
        "Le cyberharcèlement expliqué aux parents",
        "Cyberharcèlement : réagir entre élèves",
    }
    assert client.get("/api/v1/search/autocomplete/", {"q": "c"}).json()["results"] == []
    assert client.get("/api/v1/search/autocomplete/", {"q": "x" * 3000}).status_code == 200


def test_search_page_works_without_javascript(client, catalogue):
    response = client.get("/recherche/", {"q": "cyberharcèlement", "audience": "eleves"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 résultat pour « cyberharcèlement »" in html
    assert "<mark>Cyberharcèlement</mark> : réagir entre élèves" in html
    assert (
        'type="checkbox" name="audience" value="eleves" id="facet-audience-eleves" checked' in html
    )
    assert 'name="audience" value="parents"' in html, "other audiences stay offered"
    assert "retirer ce filtre" in html


def test_search_page_empty_state_offers_ways_out(client, catalogue):
    html = client.get("/recherche/", {"q": "zygomatique"}).content.decode()
    assert "Aucun contenu ne correspond à « zygomatique »" in html
    assert "parcourez tous les contenus" in html


def test_search_page_ignores_bad_parameters(client, catalogue):
    response = client.get(
        "/recherche/", {"q": "cyberharcèlement", "audience": "martiens", "page": "99"}
    )
    assert response.status_code == 200
    assert "2 résultats pour « cyberharcèlement »" in response.content.decode()


def test_promoted_page_comes_first_for_its_query(client, catalogue):
    page = catalogue["Protéger ses données personnelles"]
    SearchPromotion.objects.create(
        query=Query.get("Cyberharcèlement"), page=page, sort_order=0, description="À lire d'abord."
    )
    data = client.get("/api/v1/search/", {"q": "cyberharcèlement"}).json()
    assert data["results"][0]["title"] == "Protéger ses données personnelles"
    assert data["results"][0]["promoted"] is True
    assert data["results"][0]["summary"] == "À lire d'abord."
    assert len(data["results"]) == 3
    html = client.get("/recherche/", {"q": "cyberharcèlement"}).content.decode()
    assert "Mis en avant" in html


def test_queries_are_counted_without_any_user_information(client, catalogue):
    user = UserFactory(username="curieux")
    client.force_login(user)
    client.get("/api/v1/search/", {"q": "  Cyberharcèlement  "})
    client.get("/recherche/", {"q": "cyberharcèlement"})
    client.get("/recherche/", {"q": "zygomatique"})
    client.get("/recherche/", {"q": "cyberharcèlement", "page": "2"})
    rows = {row.query: row for row in SearchQueryDay.objects.all()}
    assert rows["cyberharcèlement"].searches == 2
    assert rows["cyberharcèlement"].zero_results == 0
    assert rows["zygomatique"].zero_results == 1
    field_names = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert field_names == {"id", "query", "day", "searches", "zero_results"}


def test_search_report_is_for_editors_only(client, catalogue):
    client.get("/recherche/", {"q": "zygomatique"})
    url = reverse("search_report")
    editor = UserFactory(username="redac", is_staff=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recherches sans résultat" in html and "zygomatique" in html

    pupil = UserFactory(username="eleve")
    client.force_login(pupil)
    assert client.get(url).status_code in {302, 403}
    client.logout()
    assert client.get(url).status_code == 302


def test_editors_may_edit_synonyms(client, db):
    editor = UserFactory(username="redac2")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get("/admin/snippets/search/synonymgroup/")
    assert response.status_code == 200
    assert "infox" in response.content.decode()
