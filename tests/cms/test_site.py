"""The site renders in French with its demo content, and English is available."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision

from cms.models import Audience, HomePage, Level, SiteSettings, StandardPage, Theme

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_migrations_seed_audiences_levels_and_a_home_page(db):
    assert list(Audience.objects.values_list("slug", flat=True)) == [
        "eleves",
        "enseignants",
        "parents",
        "elus-et-agents",
    ]
    assert list(Level.objects.values_list("slug", flat=True)) == [
        "cycle-1",
        "cycle-2",
        "cycle-3",
        "cycle-4",
        "lycee",
        "adultes",
    ]
    assert HomePage.objects.live().count() == 1


def test_home_page_is_french_by_default(client, demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert "Des repères pour grandir avec les médias et en ligne" in html
    assert response["Content-Language"] == "fr"


def test_english_is_available_through_the_language_switcher(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Aller au contenu" not in html


def test_standard_page_renders_every_shared_block(client, demo):
    response = client.get("/a-propos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>À propos de Repères</h1>" in html
    assert 'alt="Bandeau graphique aux couleurs de Repères"' in html  # image with alt text
    assert "<blockquote>" in html  # quote
    assert 'href="/documents/' in html and "Charte d&#x27;usage du numérique" in html  # document
    assert "<details" in html and "Repères est-il gratuit" in html  # accordion
    assert "Nous écrire" in html  # call to action
    assert 'aria-label="Fil d’Ariane"' in html
    assert 'rel="canonical"' in html and 'name="description"' in html


def test_navigation_and_footer_come_from_site_settings(client, demo):
    html = client.get("/").content.decode()
    assert 'aria-label="Menu principal"' in html
    assert ">À propos</a>" in html
    assert "Mentions légales" in html and "contact@reperes.invalid" in html


def test_admin_login_is_served(client, demo):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_demo_accounts_can_reach_the_admin(client, demo):
    assert client.login(username="redaction", password="reperes-demo")
    assert client.get("/admin/").status_code == 200


def test_pupil_demo_accounts_have_no_email_and_no_surname(demo, django_user_model):
    pupils = django_user_model.objects.filter(groups__name="Élèves")
    assert pupils.count() == 3
    assert all(p.email == "" and p.last_name == "" for p in pupils)
    assert not any(p.is_staff for p in pupils)


def test_unknown_page_gives_a_french_404(client, demo):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_sitemap_lists_published_pages(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/a-propos/" in response.content


def test_load_demo_is_idempotent(demo):
    def snapshot():
        return {
            "pages": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "themes": Theme.objects.count(),
            "standard": StandardPage.objects.count(),
            "nav": SiteSettings.objects.get().navigation_links.count(),
            "users": get_user_model().objects.count(),
        }

    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        call_command("load_demo", verbosity=0)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert snapshot() == before
    assert writes == []


def test_pages_render_with_a_bounded_number_of_queries(client, demo, django_assert_max_num_queries):
    for path in ("/", "/a-propos/"):  # warm caches and create image renditions once
        client.get(path)
    for path in ("/", "/a-propos/"):
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200
