"""The local actors listing in a real Chromium: keyboard filters, map, axe-core."""

import pytest

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e


def test_local_actors_filter_with_the_keyboard_and_accessible(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/acteurs-locaux/")
    assert page.get_by_role("heading", level=1).inner_text() == "Acteurs près de chez vous"
    assert page.get_by_role("status").inner_text().strip() == "13 acteurs trouvés"
    # The map is an enhancement: it appears, labelled, with one marker per listed actor.
    map_region = page.get_by_role("region", name="Carte des acteurs locaux")
    map_region.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 13
    assert axe_violations(page) == []

    # Keyboard only: focus the département select, choose Corse-du-Sud, Tab to "Filtrer".
    page.get_by_label("Département").focus()
    page.keyboard.type("2A")  # type-ahead on the closed <select> picks « 2A — Corse-du-Sud »
    assert page.get_by_label("Département").input_value() == "2A"
    focused_label = None
    for _ in range(5):
        page.keyboard.press("Tab")
        focused_label = page.evaluate("document.activeElement.textContent.trim()")
        if focused_label == "Filtrer":
            break
    assert focused_label == "Filtrer"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "departement=2A" in page.url
    assert page.get_by_role("status").inner_text().strip() == "1 acteur trouvé"
    names = page.locator(".local-actor__name").all_inner_texts()
    assert names == ["EPN d'Ajaccio"]
    assert page.get_by_label("Département").input_value() == "2A"
    assert page.locator(".leaflet-marker-icon").count() == 1

    # A marker opens a popup whose link leads to the actor's entry in the list.
    page.locator(".leaflet-marker-icon").first.focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    assert popup_link.inner_text() == "EPN d'Ajaccio"
    assert popup_link.get_attribute("href") == "#acteur-epn-dajaccio-ajaccio"
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"

    screenshot(page, artefacts_dir, "local-actors-filtered")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Réinitialiser les filtres").click()
    page.wait_for_url(f"{site_server.url}/acteurs-locaux/")
    assert page.get_by_role("status").inner_text().strip() == "13 acteurs trouvés"


def test_local_actors_list_works_without_javascript(browser, site_server, artefacts_dir):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{site_server.url}/acteurs-locaux/")
        assert page.locator("[data-map-section]").is_hidden()
        page.get_by_label("Service proposé").select_option("pret-materiel")
        page.get_by_role("button", name="Filtrer").click()
        page.wait_for_load_state()
        assert "service=pret-materiel" in page.url
        names = page.locator(".local-actor__name").all_inner_texts()
        assert names and "Médiathèque de l'Alcazar" in names
        assert page.get_by_role("status").inner_text().strip() == f"{len(names)} acteurs trouvés"
        screenshot(page, artefacts_dir, "local-actors-no-js")
    finally:
        context.close()
