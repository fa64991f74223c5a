"""A pupil's course in a real Chromium: enrol, play our H5P activity, pass a quiz, get the certificate."""

import json
import time

import pytest
from playwright.sync_api import expect

from tests.courses import h5p_builder
from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

SETUP = """
import json
from decimal import Decimal
from django.contrib.auth import get_user_model
from cms.models import HomePage
from courses.factories import CoursePageFactory, CourseSectionPageFactory, QuizActivityFactory
from courses.activities.h5p.models import H5PActivity, H5PPackage
from courses.models import CompletionRule
from courses.structure.services import course_index_ensure
index = course_index_ensure(home=HomePage.objects.first())
course = CoursePageFactory(parent=index, title="Parcours de test {stamp}", slug="parcours-test-{stamp}")
section = CourseSectionPageFactory(parent=course, title="Une section")
h5p = H5PActivity(title="Question interactive", slug="question-interactive", package=H5PPackage.objects.get(pk={package}),
                  completion_rule=CompletionRule.PASSED, pass_score=Decimal(50))
section.add_child(instance=h5p)
h5p.save_revision().publish()
quiz = QuizActivityFactory(parent=section, title="Quiz final", completion_rule=CompletionRule.PASSED)
pupil = get_user_model().objects.create_user("pupille-{stamp}", password="phrase-de-passe-e2e", first_name="Pupille")
print(json.dumps({{"course": course.url, "h5p": h5p.url, "quiz": quiz.url}}))
"""


@pytest.fixture(scope="module")
def course_setup(site_server, tmp_path_factory):
    path = tmp_path_factory.mktemp("h5p") / "question.h5p"
    path.write_bytes(h5p_builder.valid_package())
    package = int(site_server.manage("h5p_import", str(path)).strip())
    stamp = str(int(time.time()))
    output = site_server.manage("shell", "-c", SETUP.format(package=package, stamp=stamp))
    return {**json.loads(output.strip().splitlines()[-1]), "username": f"pupille-{stamp}"}


def test_pupil_completes_a_course_with_h5p_and_quiz(page, site_server, course_setup, artefacts_dir):
    base = site_server.url
    page.goto(f"{base}/connexion/?next={course_setup['course']}")
    page.get_by_label("Nom d’utilisateur").fill(course_setup["username"])
    page.get_by_label("Mot de passe").fill("phrase-de-passe-e2e")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}{course_setup['course']}")

    page.get_by_role("button", name="M'inscrire à ce parcours").click()
    expect(page.get_by_text("0 activité(s) terminée(s) sur 2 (0 %)")).to_be_visible()
    assert axe_violations(page) == []

    # The H5P activity: our own library inside the player frame inside the activity page.
    page.goto(base + course_setup["h5p"])
    player = page.frame_locator("iframe.h5p-frame").frame_locator("iframe.h5p-iframe")
    with page.expect_response(
        lambda r: r.url.endswith("/xapi/statements") and "completed" in (r.request.post_data or "")
    ) as completed:
        player.get_by_role("button", name=h5p_builder.RIGHT_ANSWER).click()
    assert completed.value.status == 200
    assert axe_violations(page) == []
    screenshot(page, artefacts_dir, "course-h5p-activity")
    # Resume: H5P saves the learner's state; a later visit starts from it.
    with page.expect_response(
        lambda r: "/donnees/state/" in r.url and r.request.method == "POST"
    ) as saved:
        pass
    assert saved.value.json() == {"success": True}
    page.reload()
    expect(page.get_by_role("status").filter(has_text="Réussie")).to_be_visible()
    player = page.frame_locator("iframe.h5p-frame").frame_locator("iframe.h5p-iframe")
    expect(player.get_by_role("status")).to_have_text(
        f"Réponse précédente : {h5p_builder.RIGHT_ANSWER}"
    )

    page.goto(base + course_setup["course"])
    expect(page.get_by_text("1 activité(s) terminée(s) sur 2 (50 %)")).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "50"

    # The quiz: right answers pass it, which completes the course.
    page.goto(base + course_setup["quiz"])
    page.get_by_label("Vérifier la source").check()
    page.get_by_label("Faux").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Valider mes réponses").click()
    expect(page.get_by_role("heading", name="Tentative 1 : 2 / 2")).to_be_visible()

    page.goto(base + course_setup["course"])
    expect(page.get_by_text("Parcours terminé. Bravo !")).to_be_visible()
    screenshot(page, artefacts_dir, "course-completed")
    assert axe_violations(page) == []

    page.goto(f"{base}/mes-parcours/")
    link = page.get_by_role("link", name="Télécharger le certificat")
    code = link.get_attribute("href").split("/")[2]
    assert axe_violations(page) == []
    page.goto(f"{base}/certificats/{code}/")
    expect(page.get_by_text(f"Le certificat {code} est authentique et valide.")).to_be_visible()
    assert "Pupille" not in page.content()
    screenshot(page, artefacts_dir, "certificate-verification")
