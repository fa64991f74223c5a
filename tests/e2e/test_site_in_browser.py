"""The home page and the admin login in a real Chromium, checked with axe-core."""

import pytest

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e


def test_home_page_in_chromium_is_french_and_accessible(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Des repères pour grandir avec les médias et en ligne"
    # The skip link is the first thing the keyboard reaches and lands on the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenu"
    shot = screenshot(page, artefacts_dir, "home")
    assert shot.stat().st_size > 10_000
    assert axe_violations(page) == []


def test_standard_page_in_chromium_is_accessible(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/a-propos/")
    assert page.get_by_role("heading", level=1).inner_text() == "À propos de Repères"
    page.get_by_text("Repères est-il gratuit ?").click()
    assert page.get_by_text("Oui, pour les écoles").is_visible()
    screenshot(page, artefacts_dir, "standard-page")
    assert axe_violations(page) == []


def test_admin_login_in_chromium_is_accessible_and_logs_in(page, site_server, artefacts_dir):
    page.goto(f"{site_server.url}/admin/login/")
    screenshot(page, artefacts_dir, "admin-login")
    assert axe_violations(page) == []
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "reperes-demo")
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(f"{site_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "fr"
    screenshot(page, artefacts_dir, "admin-dashboard")


def test_language_switcher_in_chromium(page, site_server):
    page.goto(f"{site_server.url}/")
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
