"""The scenario bank in a real Chromium: filter the listing, open a scenario and its
adaptation, print view; axe-core on each page."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_visitor_filters_the_bank_and_follows_an_adaptation(page, site_server):
    base = site_server.url
    page.goto(f"{base}/scenarios/")
    assert axe_violations(page) == []
    page.get_by_label("Cycle ou niveau").select_option(label="Cycle 4")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("link", name="Cyberharcèlement : qui peut agir ?")).to_be_visible()
    expect(page.get_by_role("link", name="Un mot de passe solide, c'est quoi ?")).to_have_count(0)

    page.get_by_role("link", name="Vrai ou faux ? Enquêter sur une image (cycle 4)").click()
    expect(page.get_by_text("Adapté de")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Vrai ou faux ? Enquêter sur une image", exact=True).click()
    adaptations = page.get_by_role("region", name="Adaptations de ce scénario")
    expect(adaptations.get_by_role("link")).to_have_count(1)
    page.get_by_role("link", name="Version imprimable").click()
    expect(page.get_by_text("Version imprimable : utilisez la commande Imprimer")).to_be_visible()
    assert axe_violations(page) == []


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sign_in(page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/connexion/?next={next_url}")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("reperes-demo")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}{next_url}")


def test_teacher_submits_a_scenario_moderator_approves_it_and_everyone_finds_it(
    page, browser, site_server
):
    base = site_server.url
    title = f"Repérer un compte parodique {int(time.time())}"
    sign_in(page, base, "enseignante", "/mes-scenarios/nouveau/")
    assert axe_violations(page) == []
    # Submitting an empty form: errors next to their fields, accessible too.
    page.get_by_role("button", name="Soumettre à la modération").click()
    expect(page.get_by_text("Le formulaire contient des erreurs")).to_be_visible()
    expect(page.get_by_role("textbox", name=re.compile(r"^Titre\b(?! de)"))).to_have_attribute(
        "aria-invalid", "true"
    )
    assert axe_violations(page) == []
    page.get_by_role("textbox", name=re.compile(r"^Titre\b(?! de)")).fill(title)
    page.get_by_label("Résumé").fill("Les élèves comparent un vrai compte et sa parodie.")
    page.get_by_role("group", name="Cycles ou niveaux").get_by_label("Cycle 4").check()
    page.get_by_label("Objectifs d'éducation aux médias").fill("Identifier la source d'un message.")
    step = page.get_by_role("group", name="Étape 1")
    step.get_by_label("Titre de l'étape").fill("Comparer deux comptes")
    step.get_by_label("Durée (minutes)").fill("25")
    step.get_by_label("Déroulement").fill("Projeter les deux comptes côte à côte.")
    page.get_by_label("Ajouter des documents").set_input_files(
        {"name": "fiche-eleve.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Votre nom public").fill("Mme Martin")
    page.get_by_label("J'accepte que ce scénario soit publié").check()
    page.get_by_role("button", name="Soumettre à la modération").click()
    expect(page.get_by_text("Scénario soumis à la modération.")).to_be_visible()
    row = page.get_by_role("row", name=title)
    expect(row.get_by_text("En cours de modération")).to_be_visible()
    assert axe_violations(page) == []
    preview = row.get_by_role("link", name="Aperçu").get_attribute("href")
    scenario_id = preview.strip("/").split("/")[1]

    moderator = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    admin = moderator.new_page()
    admin.goto(f"{base}/admin/login/?next=/admin/pages/{scenario_id}/edit/")
    admin.locator("#id_username").fill("moderation")
    admin.locator("#id_password").fill("reperes-demo")
    admin.locator("form button[type='submit']").first.click()
    for task in ("Relecture", "Validation"):
        admin.wait_for_url(f"{base}/admin/pages/{scenario_id}/edit/")
        expect(admin.get_by_text(task).first).to_be_attached()
        # Wagtail's own "Approuver" button (in the editor's action menu).
        admin.locator("button[data-workflow-action-name='approve']").first.dispatch_event("click")
        admin.wait_for_url(lambda url: "/edit/" not in url)
        admin.goto(f"{base}/admin/pages/{scenario_id}/edit/")
    moderator.close()

    page.goto(f"{base}/scenarios/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("link", name="fiche-eleve.pdf")).to_be_visible()
    expect(page.get_by_text("Comparer deux comptes")).to_be_visible()
    assert axe_violations(page) == []
    for _attempt in range(40):  # the search index is updated by the task worker
        page.goto(f"{base}/recherche/?q=compte+parodique")
        if page.get_by_role("link", name=title).count():
            break
        time.sleep(0.5)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    # Another teacher's scenario: the rating form and the adaptation form pass axe too.
    page.goto(f"{base}/scenarios/")
    page.get_by_role("link", name="Vrai ou faux ? Enquêter sur une image", exact=True).click()
    expect(page.get_by_role("button", name="Envoyer mon avis")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Adapter ce scénario").click()
    expect(page.get_by_text("Votre version indiquera « Adapté de »")).to_be_visible()
    assert axe_violations(page) == []
