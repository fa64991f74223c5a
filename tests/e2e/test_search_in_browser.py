"""Search in a real Chromium: autocomplete, facets without JavaScript tricks, a result, axe."""

import pytest

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e


def test_search_with_autocomplete_filter_and_open_a_result(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/recherche/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rechercher"
    assert axe_violations(page) == []

    box = page.get_by_role("combobox", name="Que cherchez-vous ?")
    box.click()
    box.press_sequentially("cyberharc", delay=40)
    listbox = page.locator("#search-q").locator("xpath=..").get_by_role("listbox")
    listbox.get_by_role("option").first.wait_for()
    options = listbox.get_by_role("option").all_inner_texts()
    assert "Parler du cyberharcèlement avec son enfant" in options
    assert box.get_attribute("aria-expanded") == "true"
    screenshot(page, artefacts_dir, "search-autocomplete")
    assert axe_violations(page) == [], "with the suggestions open"

    # Keyboard: go down to the suggestion and pick it with Enter.
    target = options.index("Parler du cyberharcèlement avec son enfant")
    for _ in range(target + 1):
        box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")
    with page.expect_navigation():
        box.press("Enter")
    assert "q=Parler+du+cyberharc" in page.url
    status = page.get_by_role("status").inner_text()
    assert "pour « Parler du cyberharcèlement avec son enfant »" in status

    # Filter by audience (checkboxes, submitted with the form).
    page.get_by_role("group", name="Public").get_by_label("Parents").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Appliquer les filtres").click()
    assert "audience=parents" in page.url
    assert page.get_by_role("group", name="Public").get_by_label("Parents").is_checked()
    hits = page.locator(".search-hit")
    assert hits.count() >= 1
    for index in range(hits.count()):
        assert "Parents" in hits.nth(index).locator(".search-hit__audience").inner_text()
    first = hits.first.locator(".search-hit__title a")
    assert first.inner_text() == "Parler du cyberharcèlement avec son enfant"
    assert first.locator("mark").count() >= 1, "matched words are highlighted"
    screenshot(page, artefacts_dir, "search-results-filtered")
    assert axe_violations(page) == []

    with page.expect_navigation():
        first.click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Parler du cyberharcèlement avec son enfant"
    )


def test_search_from_the_header_and_empty_state(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/")
    header_box = page.get_by_role("combobox", name="Rechercher un contenu")
    header_box.fill("zygomatique")
    with page.expect_navigation():
        header_box.press("Enter")
    assert "Aucun contenu ne correspond à « zygomatique »" in page.content()
    assert axe_violations(page) == []
