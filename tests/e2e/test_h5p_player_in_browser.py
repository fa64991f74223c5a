"""The H5P player in a real Chromium: our custom library plays and reports through xAPI."""

import json
import re

import pytest

from tests.courses import h5p_builder
from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

SIGNED_IN_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user, _ = get_user_model().objects.get_or_create(username="eleve-h5p")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@pytest.fixture(scope="module")
def package_id(site_server, tmp_path_factory) -> int:
    path = tmp_path_factory.mktemp("h5p") / "question.h5p"
    path.write_bytes(h5p_builder.valid_package())
    return int(site_server.manage("h5p_import", str(path)).strip())


def test_learner_answers_and_the_statements_are_posted(
    page, site_server, package_id, artefacts_dir
):
    session_key = site_server.manage("shell", "-c", SIGNED_IN_SESSION).split()[-1]
    page.context.add_cookies([{"name": "sessionid", "value": session_key, "url": site_server.url}])
    posted = []

    def fulfil(route):
        # The real endpoint belongs to the xAPI work; answer as it will: 201 and the ids.
        statement = route.request.post_data_json
        posted.append({"statement": statement, "headers": route.request.headers})
        route.fulfill(
            status=201, content_type="application/json", body=json.dumps([statement["id"]])
        )

    page.route("**/xapi/statements", fulfil)
    page.goto(f"{site_server.url}/h5p/{package_id}/player/?activity=0")
    page.wait_for_selector("body[data-h5p-ready]")

    # Our own library, at minor version 2, is what h5p-standalone loaded.
    integration = page.evaluate("Object.values(window.H5PIntegration.contents)[0]")
    assert integration["library"] == "Reperes.TestQuestion 1.2"
    assert any("Reperes.TestQuestion-1.2/scripts/question.js" in s for s in integration["scripts"])
    frame = page.frame_locator("iframe.h5p-iframe")
    assert frame.locator(".reperes-test-question__text").inner_text() == h5p_builder.QUESTION
    assert page.locator("iframe.h5p-iframe").get_attribute("title") == "Question de test"

    with page.expect_request(
        lambda request: (
            request.url.endswith("/xapi/statements")
            and "/verbs/completed" in (request.post_data or "")
        )
    ):
        frame.get_by_role("button", name=h5p_builder.RIGHT_ANSWER).click()
    assert frame.get_by_role("status").inner_text() == "Bonne réponse"

    verbs = [item["statement"]["verb"]["id"].rsplit("/", 1)[-1] for item in posted]
    assert verbs == ["answered", "completed"]
    for item in posted:
        statement, headers = item["statement"], item["headers"]
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", statement["id"]
        )
        assert statement["result"]["score"] == {"min": 0, "max": 1, "raw": 1, "scaled": 1}
        assert statement["result"]["success"] is True
        assert statement["result"]["completion"] is True
        assert statement["object"]["objectType"] == "Activity"
        assert statement["context"]["extensions"]["urn:reperes:xapi:extension:activity-id"] == 0
        assert headers["x-experience-api-version"] == "1.0.3"
        assert headers["content-type"] == "application/json"
        assert headers["x-csrftoken"]
    assert len({item["statement"]["id"] for item in posted}) == 2
    # Accepted statements leave the offline queue (once the LRS has answered: under load
    # the answer may come after the request was seen).
    page.wait_for_function(
        "window.localStorage.getItem('reperes.xapi.pending.0') === null", timeout=15_000
    )

    screenshot(page, artefacts_dir, "h5p-player-answered")
    assert axe_violations(page) == []


def test_statements_wait_offline_and_are_resent_with_the_same_id(page, site_server, package_id):
    session_key = site_server.manage("shell", "-c", SIGNED_IN_SESSION).split()[-1]
    page.context.add_cookies([{"name": "sessionid", "value": session_key, "url": site_server.url}])
    attempts = []

    def flaky(route):
        statement = route.request.post_data_json
        attempts.append(statement["id"])
        if len(attempts) == 1:
            route.fulfill(status=503, body="")
        else:
            route.fulfill(
                status=201, content_type="application/json", body=json.dumps([statement["id"]])
            )

    page.route("**/xapi/statements", flaky)
    page.goto(f"{site_server.url}/h5p/{package_id}/player/?activity=7")
    page.wait_for_selector("body[data-h5p-ready]")
    frame = page.frame_locator("iframe.h5p-iframe")
    frame.get_by_role("button", name=h5p_builder.WRONG_ANSWER).click()

    pending = page.evaluate("JSON.parse(window.localStorage.getItem('reperes.xapi.pending.7'))")
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in pending] == ["answered", "completed"]
    assert pending[0]["result"]["score"]["scaled"] == 0
    assert pending[0]["result"]["success"] is False

    page.wait_for_function(
        "window.localStorage.getItem('reperes.xapi.pending.7') === null", timeout=15_000
    )
    assert attempts[0] == attempts[1] == pending[0]["id"]
    assert attempts[2] == pending[1]["id"]
