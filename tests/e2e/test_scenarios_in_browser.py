"""The scenario bank in a real Chromium: filter the listing, open a scenario and its
adaptation, print view; axe-core on each page."""

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
