"""Scénarios pédagogiques: the page, its adaptations, the filtered listing, print and PDF,
search documents and the demo bank."""

import pytest
from django.core.management import call_command

from cms.models import Level, Theme
from media_literacy.models import Discipline, ScenarioIndexPage, ScenarioPage
from media_literacy.services import index_page_ensure
from search.registry import build_document

pytestmark = pytest.mark.django_db

STEPS = [
    (
        "step",
        {
            "title": "Observer la une",
            "minutes": 15,
            "instructions": "<p>Projeter trois unes du même jour.</p>",
            "pupil_activity": "<p>Relever les titres qui se ressemblent.</p>",
            "teacher_tips": "<p>Choisir des unes locales.</p>",
            "materials": "Vidéoprojecteur",
        },
    )
]


@pytest.fixture
def bank(home) -> ScenarioIndexPage:
    return index_page_ensure(model=ScenarioIndexPage, home=home)


def term(model, slug, name):
    return model.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def scenario(bank, slug, *, levels=(), disciplines=(), publish=True, **fields) -> ScenarioPage:
    defaults = {
        "title": slug.replace("-", " ").capitalize(),
        "objectives": "Comprendre la hiérarchie de l'information.",
        "author_name": "Mme Lefèvre",
        "author_school_kind": "college",
        "steps": STEPS,
    }
    page = ScenarioPage(slug=slug, **{**defaults, **fields})
    page.levels.set(levels)
    page.disciplines.set(disciplines)
    bank.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


def test_scenario_page_shows_its_steps_author_and_licence(bank, client):
    page = scenario(bank, "la-une", sessions=2, session_minutes=50, equipment="screen")
    html = client.get(page.url).content.decode()
    assert "Observer la une" in html and "Relever les titres" in html
    assert "2 séances de 50 minutes" in html
    assert "Mme Lefèvre (Collège)" in html
    assert "CC BY-SA 4.0" in html


def test_an_adaptation_links_to_its_origin_and_the_origin_lists_it(bank, client):
    origin = scenario(bank, "origine")
    adaptation = scenario(bank, "adaptation", adapted_from=origin, author_name="M. Diallo")
    draft = scenario(bank, "brouillon", adapted_from=origin, publish=False)
    html = client.get(adaptation.url).content.decode()
    assert "Adapté de" in html and origin.url in html
    origin_html = client.get(origin.url).content.decode()
    assert adaptation.url in origin_html and "M. Diallo" in origin_html
    assert draft.title not in origin_html  # unpublished adaptations stay hidden


def test_listing_filters_by_cycle_discipline_duration_and_equipment(bank, client):
    cycle_3, cycle_4 = term(Level, "cycle-3", "Cycle 3"), term(Level, "cycle-4", "Cycle 4")
    french = term(Discipline, "francais", "Français")
    scenario(bank, "court-c3", levels=[cycle_3], disciplines=[french], sessions=1)
    scenario(bank, "long-c4", levels=[cycle_4], sessions=4, equipment="pupil")
    scenario(bank, "moyen-c4", levels=[cycle_4], sessions=2, equipment="group")

    def titles(query: str) -> list[str]:
        response = client.get(f"{bank.url}?{query}")
        return [page.slug for page in response.context["items"]]

    assert sorted(titles("level=cycle-4")) == ["long-c4", "moyen-c4"]
    assert titles("discipline=francais") == ["court-c3"]
    assert titles("duration=4%2B") == ["long-c4"]
    assert titles("duration=2-3") == ["moyen-c4"]
    assert titles("equipment=pupil") == ["long-c4"]
    assert titles("sort=title") == ["court-c3", "long-c4", "moyen-c4"]
    response = client.get(f"{bank.url}?equipment=tablette&level=cycle-9")
    assert response.status_code == 200
    assert "Ce filtre n&#x27;existe pas" in response.content.decode()


def test_printable_page_and_pdf_carry_the_steps(bank, client):
    page = scenario(bank, "a-imprimer")
    assert client.get(f"{page.url}imprimer/").status_code == 200
    response = client.get(f"{page.url}pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="a-imprimer.pdf"' in response["Content-Disposition"]
    text = response.content.decode("latin-1")
    assert "Observer la une" in text and "Vid" in text  # step title and materials


def test_scenarios_are_search_documents_with_their_disciplines(bank):
    french = term(Discipline, "francais", "Français")
    theme = term(Theme, "esprit-critique", "Esprit critique")
    page = scenario(bank, "cherchable", disciplines=[french])
    page.themes.set([theme])
    page.save_revision().publish()
    document = build_document(page)
    assert document.kind == "scenario"
    assert "Projeter trois unes" in document.body
    assert "Français" in document.keywords
    assert document.theme == ("esprit-critique",)


def test_demo_bank_has_ten_scenarios_across_cycles_two_of_them_adaptations(client):
    call_command("load_demo", verbosity=0)
    scenarios = ScenarioPage.objects.live()
    assert scenarios.count() >= 10
    assert scenarios.filter(adapted_from__isnull=False).count() >= 2
    cycles = set(scenarios.values_list("levels__slug", flat=True))
    assert {"cycle-2", "cycle-3", "cycle-4", "lycee"} <= cycles
    assert client.get("/scenarios/").status_code == 200
