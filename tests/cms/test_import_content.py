"""manage.py import_content: good items kept, bad ones reported, re-import updates by slug."""

import json

import pytest
from django.core.management import CommandError, call_command

from cms.models import Theme
from media_literacy.models import CampaignIndexPage, CampaignPage, ResourcePage

pytestmark = pytest.mark.django_db

CAMPAIGN = {
    "kind": "campaign",
    "slug": "semaine-de-la-presse",
    "title": "Semaine de la presse",
    "summary": "S'informer, ça s'apprend.",
    "body": "Premier paragraphe.\n\nSecond paragraphe avec <balise>.",
    "audiences": ["eleves", "enseignants"],
    "themes": [],
    "levels": ["cycle-3"],
    "start_date": "2026-03-16",
    "end_date": "2026-03-21",
}
RESOURCE = {
    "kind": "resource",
    "slug": "verifier-une-image",
    "title": "Vérifier une image",
    "summary": "La recherche inversée pas à pas.",
    "body": [
        {"type": "heading", "value": {"text": "Méthode", "level": "h2"}},
        "Un paragraphe simple.",
    ],
    "audiences": ["parents"],
    "resource_kind": "guide",
}


def run_import(tmp_path, items, *args):
    path = tmp_path / "contenus.json"
    path.write_text(items if isinstance(items, str) else json.dumps(items), encoding="utf-8")
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_good_file_creates_published_pages_under_their_index(tmp_path):
    ok, out, _err = run_import(tmp_path, [CAMPAIGN, RESOURCE])
    assert ok, out
    campaign = CampaignPage.objects.get(slug="semaine-de-la-presse")
    assert campaign.live and campaign.get_parent().specific_class is CampaignIndexPage
    assert [b.block_type for b in campaign.body] == ["paragraph", "paragraph"]
    assert "&lt;balise&gt;" in str(campaign.body[1].value)  # text is escaped, not HTML
    assert sorted(campaign.audiences.values_list("slug", flat=True)) == ["eleves", "enseignants"]
    assert campaign.end_date.isoformat() == "2026-03-21"
    resource = ResourcePage.objects.get(slug="verifier-une-image")
    assert resource.live and resource.resource_kind == "guide"
    assert [b.block_type for b in resource.body] == ["heading", "paragraph"]
    assert "2 créé(s), 0 mis à jour, 0 en erreur" in out


def test_reimport_updates_by_slug(tmp_path):
    run_import(tmp_path, [CAMPAIGN])
    page_id = CampaignPage.objects.get().pk
    ok, out, _err = run_import(tmp_path, [{**CAMPAIGN, "title": "Semaine de la presse 2027"}])
    assert ok
    page = CampaignPage.objects.get()
    assert (page.pk, page.title, page.live) == (page_id, "Semaine de la presse 2027", True)
    assert "mis à jour" in out


@pytest.mark.parametrize(
    ("bad_item", "reason"),
    [
        ({"kind": "campaign", "slug": "sans-titre"}, "le titre est obligatoire"),
        ({**CAMPAIGN, "slug": "x", "title": 42}, "le titre est obligatoire"),
        (
            {**CAMPAIGN, "slug": "inconnu", "themes": ["astrologie"]},
            "thèmes inconnu(s) : astrologie",
        ),
        ({**CAMPAIGN, "slug": "liste", "audiences": "eleves"}, "« audiences » doit être une liste"),
        (
            {**CAMPAIGN, "slug": "dates", "start_date": "16/03/2026"},
            "« start_date » doit être une date",
        ),
        (
            {**CAMPAIGN, "slug": "ordre", "start_date": "2026-03-22"},
            "la fin de la campagne précède son début",
        ),
        ({**CAMPAIGN, "slug": "Avec Espaces"}, "« slug » doit ne contenir"),
        (
            {**CAMPAIGN, "slug": "bloc", "body": [{"type": "script", "value": "x"}]},
            "type de bloc inconnu : script",
        ),
        ({**CAMPAIGN, "slug": "corps", "body": 12}, "« body » doit être un texte ou une liste"),
        (
            {**RESOURCE, "slug": "genre", "resource_kind": "podcast"},
            "« resource_kind » doit valoir",
        ),
        (
            {"kind": "scenario", "title": "Scénario"},
            "« author_name » est obligatoire",
        ),
        (
            {"kind": "course", "title": "Parcours", "estimated_duration": "long"},
            "« estimated_duration » doit être",
        ),
        ({"kind": "podcast", "title": "Émission"}, "type « podcast » inconnu"),
        ("pas un objet", "l'élément doit être un objet JSON"),
    ],
)
def test_bad_items_are_reported_and_good_ones_kept(tmp_path, bad_item, reason):
    ok, out, err = run_import(tmp_path, [CAMPAIGN, bad_item, RESOURCE])
    assert not ok  # non-zero exit status
    assert "[2] " in err and reason in err
    assert "2 créé(s), 0 mis à jour, 1 en erreur" in err
    assert CampaignPage.objects.filter(slug="semaine-de-la-presse").exists()
    assert ResourcePage.objects.filter(slug="verifier-une-image").exists()


def test_kinds_known_without_an_importer_are_reported_as_not_yet_supported(tmp_path, settings):
    settings.REPERES_CONTENT_KINDS = [*settings.REPERES_CONTENT_KINDS, "podcast"]
    ok, _out, err = run_import(tmp_path, [{"kind": "podcast", "title": "Émission"}])
    assert not ok
    assert "[1] podcast" in err and "le type « podcast » n'est pas encore pris en charge" in err


def test_duplicate_slugs_in_the_file_are_all_refused(tmp_path):
    ok, _out, err = run_import(tmp_path, [CAMPAIGN, {**CAMPAIGN, "title": "Doublon"}, RESOURCE])
    assert not ok
    assert err.count("apparaît plusieurs fois dans le fichier") == 2
    assert not CampaignPage.objects.exists()
    assert ResourcePage.objects.exists()


def test_a_failing_item_leaves_nothing_behind(tmp_path):
    """Taxonomies created for an item that then fails are rolled back with it."""
    bad = {**CAMPAIGN, "slug": "rate", "themes": ["nouveau-theme"], "end_date": "2020-01-01"}
    ok, _out, _err = run_import(tmp_path, [bad], "--create-taxonomies")
    assert not ok
    assert not Theme.objects.filter(slug="nouveau-theme").exists()
    assert not CampaignPage.objects.exists()


def test_create_taxonomies_option(tmp_path):
    ok, _out, _err = run_import(
        tmp_path, [{**CAMPAIGN, "themes": ["nouveau-theme"]}], "--create-taxonomies"
    )
    assert ok
    assert Theme.objects.get(slug="nouveau-theme").name == "Nouveau theme"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"kind": "campaign", "title": "x",}]', "JSON invalide, ligne 1"),
        ('{"kind": "campaign"}', "Le fichier doit contenir une liste JSON"),
    ],
)
def test_malformed_file_imports_nothing(tmp_path, content, message):
    ok, _out, err = run_import(tmp_path, content)
    assert not ok and message in err
    assert not CampaignPage.objects.exists()


def test_missing_file_gives_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire le fichier"):
        call_command("import_content", str(tmp_path / "absent.json"))


def test_course_items_create_minimal_course_pages(tmp_path):
    from courses.models import CourseIndexPage, CoursePage

    item = {
        "kind": "course",
        "slug": "mots-de-passe",
        "title": "Des mots de passe solides",
        "summary": "Un module de vingt minutes.",
        "body": "ignoré",
        "audiences": ["eleves"],
        "levels": ["cycle-4"],
        "estimated_duration": 20,
        "learning_objectives": ["Créer une phrase de passe", "Activer la double authentification"],
    }
    ok, out, err = run_import(tmp_path, [item])
    assert ok, err
    course = CoursePage.objects.get(slug="mots-de-passe")
    assert course.live and isinstance(course.get_parent().specific, CourseIndexPage)
    assert course.objectives == ["Créer une phrase de passe", "Activer la double authentification"]
