"""A campaign's whole editorial life in a real Chromium, checked with axe-core.

An editor writes a campaign in the Wagtail admin and submits it to the "Publication
éditoriale" workflow (she cannot publish it herself); a moderator approves its two
tasks, "Relecture" then "Validation"; the campaign then shows on the public listing,
and the public pages pass axe-core without serious or critical violations.

The server is shared with the other end-to-end tests, so the campaign gets a title of
its own, and the test only adds content (a current campaign), never removes any.
"""

import datetime
import json
import re
import time
import zoneinfo

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "reperes-demo"
# settings.TIME_ZONE: a campaign's days are Paris days, whatever the test machine's zone.
SITE_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Paris")
# The admin's pages are heavy for a development server: be patient with them.
TIMEOUT_MS = 20_000
HERO_IMAGE_TITLE = "Repères — illustration"
SUBMIT_ACTION = "Soumettre à Publication éditoriale"
EDIT_URL = re.compile(r"/admin/pages/\d+/edit/$")
LISTING_URL = re.compile(r"/admin/pages/\d+/$")  # where a successful submit/approve lands

# Printed as JSON on the last line by `manage.py shell -c` (Django 5.2 prints an
# "N objects imported automatically" line first).
CAMPAIGN_STATE_SCRIPT = """
import html
import json
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import TaskState
from media_literacy.models import CampaignIndexPage, CampaignPage

index = CampaignIndexPage.objects.get()
campaign = CampaignPage.objects.child_of(index).filter(title={title!r}).first()
state = {{
    "add_url": reverse("wagtailadmin_pages:add", args=("media_literacy", "campaignpage", index.pk)),
}}
if campaign is not None:
    draft = campaign.get_latest_revision_as_object()
    workflow_state = campaign.workflow_states.order_by("-created_at").first()
    state.update(
        id=campaign.pk,
        url=campaign.get_url(),
        live=campaign.live,
        hero_image=draft.hero_image.title if draft.hero_image else None,
        hero_image_alt=draft.hero_image_alt,
        start_date=draft.start_date.isoformat() if draft.start_date else None,
        end_date=draft.end_date.isoformat() if draft.end_date else None,
        body_types=[block.block_type for block in draft.body],
        body_text=" ".join(html.unescape(strip_tags(str(block.value))) for block in draft.body),
        workflow=workflow_state.workflow.name if workflow_state else None,
        workflow_status=workflow_state.status if workflow_state else None,
        tasks={{
            task_state.task.name: task_state.status
            for task_state in TaskState.objects.filter(workflow_state=workflow_state)
        }} if workflow_state else {{}},
    )
print(json.dumps(state))
"""


def _campaign_state(site_server, title: str) -> dict:
    """The campaign titled ``title`` as the server's database sees it (and the add-form URL)."""
    output = site_server.manage("shell", "-c", CAMPAIGN_STATE_SCRIPT.format(title=title))
    return json.loads(output.strip().splitlines()[-1])


def _new_admin_page(browser, site_server, username: str) -> Page:
    """A page in a fresh browser context, logged into the Wagtail admin as ``username``."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{site_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url(f"{site_server.url}/admin/")
    return page


def _field(page: Page, label: str):
    # Wagtail labels its panels (sections, anchors) with the field's label too: ask for the
    # text box itself.
    return page.get_by_role("textbox", name=label, exact=True)


def _open_action_menu(page: Page):
    """Open the dropdown of the editor's footer, next to "Enregistrer le brouillon"."""
    page.locator("footer").get_by_role("button", name="Plus d'actions").click()


def _expect_back_on_listing(page: Page, what: str) -> None:
    """Wait for the admin to leave the editor for the parent's listing, as it does on success.

    When the form is refused (validation errors), say why instead of a bare timeout.
    """
    try:
        page.wait_for_url(LISTING_URL)
    except PlaywrightTimeoutError:
        messages = page.locator(".messages, .w-field__errors").all_inner_texts()
        errors = [" ".join(text.split()) for text in messages if text.strip()]
        pytest.fail(f"{what}: the admin stayed on {page.url}; messages: {errors}")


def _wait_for_autosave(page: Page) -> None:
    """Wait until Wagtail's autosave has created the draft and has no save in flight.

    Wagtail 8 autosaves the editor's form shortly after changes: the first autosave creates
    the page and turns the add form into the page's edit form. Clicking "Soumettre" while
    that creation is in flight posts the add form a second time (the admin then refuses
    it: "Le slug … est déjà utilisé"), so an action button is only used once it settled.
    """
    expect(page).to_have_url(EDIT_URL, timeout=TIMEOUT_MS)
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved", timeout=TIMEOUT_MS
    )


def _approve_from_dashboard(page: Page, site_server, title: str, action: str) -> None:
    """Open the campaign from the dashboard's review panel and run ``action`` on its task."""
    page.goto(f"{site_server.url}/admin/")
    awaiting = page.get_by_role("region", name="En attente de votre vérification")
    awaiting.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(EDIT_URL)
    _open_action_menu(page)
    page.get_by_role("button", name=action, exact=True).click()
    _expect_back_on_listing(page, f"{action!r} by the moderator")


def test_editor_submits_a_campaign_a_moderator_publishes_it(
    browser, page, site_server, artefacts_dir
):
    stamp = time.strftime("%Y%m%d-%H%M%S")
    title = f"Campagne de bout en bout {stamp}"
    strapline = "Une semaine pour apprendre à vérifier une information."
    summary = "Des activités en classe et à la maison pour repérer les fausses nouvelles."
    alt_text = "Bandeau bleu où figure le mot Repères en lettres blanches"
    sentence = f"Chaque classe inscrite reçoit un kit d'activités ({stamp})."
    today = datetime.datetime.now(SITE_TIME_ZONE).date()
    start, end = today - datetime.timedelta(days=2), today + datetime.timedelta(days=12)

    add_url = _campaign_state(site_server, title)["add_url"]
    editor = _new_admin_page(browser, site_server, "redaction")
    moderator = None
    try:
        # 1. The editor writes the campaign…
        editor.goto(f"{site_server.url}{add_url}")
        _field(editor, "Titre*").fill(title)
        _field(editor, "Accroche").fill(strapline)
        _field(editor, "Résumé").fill(summary)

        editor.get_by_role("button", name="Choisir une image").click()
        chooser = editor.get_by_role("dialog")
        chooser.get_by_role("link", name=HERO_IMAGE_TITLE).first.click()
        expect(chooser).to_be_hidden()
        hero_panel = editor.locator("[data-contentpath=hero_image]")
        expect(hero_panel.get_by_text(HERO_IMAGE_TITLE)).to_be_visible()
        _field(editor, "Texte alternatif de l'image principale").fill(alt_text)

        _field(editor, "Début").fill(start.isoformat())
        _field(editor, "Fin").fill(end.isoformat())
        editor.keyboard.press("Escape")  # close the date picker

        body = editor.locator("[data-contentpath=body]")
        body.get_by_role("button", name="Insérer un bloc").first.click()
        editor.get_by_role("option", name="Texte", exact=True).click()
        body.locator("[contenteditable=true]").first.click()
        editor.keyboard.type(sentence)
        # Draftail copies its content into the hidden input a moment after typing:
        # submitting before that would save an empty paragraph.
        expect(body.locator("input[name$='-value']").first).to_have_value(
            re.compile(re.escape(sentence))
        )
        _wait_for_autosave(editor)
        screenshot(editor, artefacts_dir, "admin-campaign-form")

        # …cannot publish it: her only way forward is the workflow.
        _open_action_menu(editor)
        footer = editor.locator("footer")
        expect(footer.get_by_role("button", name=SUBMIT_ACTION)).to_be_visible()
        expect(footer.get_by_role("button", name=re.compile("^Publier"))).to_have_count(0)
        footer.get_by_role("button", name=SUBMIT_ACTION).click()
        _expect_back_on_listing(editor, "submission by the editor")
        # "La page « … » a été soumise pour modération." (the autosaved draft was edited)
        expect(editor.get_by_role("status")).to_contain_text(f"« {title} »")
        expect(editor.get_by_role("status")).to_contain_text("soumise pour modération")

        state = _campaign_state(site_server, title)
        assert state["live"] is False
        assert state["hero_image"] == HERO_IMAGE_TITLE
        assert state["hero_image_alt"] == alt_text
        assert (state["start_date"], state["end_date"]) == (start.isoformat(), end.isoformat())
        assert state["body_types"] == ["paragraph"]
        assert state["body_text"] == sentence
        assert state["workflow"] == "Publication éditoriale"
        assert state["workflow_status"] == "in_progress"
        assert state["tasks"] == {"Relecture": "in_progress"}

        # Even on the submitted page, the editor is offered no way to publish. (Editors
        # take part in "Relecture", so she may approve that task, but not publish.)
        editor.goto(f"{site_server.url}/admin/pages/{state['id']}/edit/")
        _open_action_menu(editor)
        footer = editor.locator("footer")
        expect(footer.get_by_role("button", name="Enregistrer le brouillon")).to_be_visible()
        expect(footer.get_by_role("button", name=re.compile("Publier"))).to_have_count(0)

        # 2. Not public yet: absent from the listing, and its address is not found.
        response = page.goto(f"{site_server.url}/campagnes/")
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Campagnes")
        expect(page.get_by_role("link", name=title)).to_have_count(0)
        response = page.goto(f"{site_server.url}{state['url']}")
        assert response.status == 404

        # 3. The moderator approves "Relecture", then "Validation", which publishes.
        moderator = _new_admin_page(browser, site_server, "moderation")
        _approve_from_dashboard(moderator, site_server, title, "Approuver")
        state = _campaign_state(site_server, title)
        assert state["tasks"] == {"Relecture": "approved", "Validation": "in_progress"}
        assert state["live"] is False

        _approve_from_dashboard(moderator, site_server, title, "Approuver et Publier")
        state = _campaign_state(site_server, title)
        assert state["tasks"] == {"Relecture": "approved", "Validation": "approved"}
        assert state["workflow_status"] == "approved"
        assert state["live"] is True

        # 4. On the public site, for anyone: listed as current, then the page itself.
        page.goto(f"{site_server.url}/campagnes/")
        card = page.locator("article.card").filter(
            has=page.get_by_role("heading", name=title, exact=True)
        )
        expect(card).to_have_count(1)
        expect(card.locator(".badge")).to_have_text("En cours")
        expect(card).to_contain_text(strapline)
        screenshot(page, artefacts_dir, "campaign-listing")
        assert axe_violations(page) == []

        card.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"{site_server.url}{state['url']}")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".hero .badge")).to_have_text("En cours")
        hero_image = page.locator("img.hero__image")
        expect(hero_image).to_have_attribute("alt", alt_text)
        expect(page.get_by_role("img", name=alt_text)).to_be_visible()
        expect(page.get_by_text(sentence)).to_be_visible()
        expect(page.get_by_text(summary)).to_be_visible()
        screenshot(page, artefacts_dir, "campaign-page")
        assert axe_violations(page) == []

        page.goto(f"{site_server.url}/ressources/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert axe_violations(page) == []
    except BaseException:
        # What each admin user last saw, to understand a failure from the artefacts.
        for name, admin_page in (("editor", editor), ("moderator", moderator)):
            if admin_page is not None:
                screenshot(admin_page, artefacts_dir, f"failure-editorial-workflow-{name}")
        raise
    finally:
        editor.context.close()
        if moderator is not None:
            moderator.context.close()
