"""A class in a real Chromium: a teacher creates it, a pupil joins with the code in another
browser context, the teacher assigns a course, the pupil completes it, the teacher's grid
and CSV export show it."""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cms.models import HomePage
from cms.roles import TEACHER_GROUP
from courses.factories import CoursePageFactory, CourseSectionPageFactory, LessonActivityFactory, QuizActivityFactory
from courses.models import CompletionRule, School
from courses.structure.services import course_index_ensure
index = course_index_ensure(home=HomePage.objects.first())
course = CoursePageFactory(parent=index, title="Parcours de classe {stamp}", slug="parcours-classe-{stamp}")
section = CourseSectionPageFactory(parent=course, title="Une section")
lesson = LessonActivityFactory(parent=section, title="Lire une une", completion_rule=CompletionRule.VIEWED)
quiz = QuizActivityFactory(parent=section, title="Quiz de classe", completion_rule=CompletionRule.PASSED)
teacher = get_user_model().objects.create_user("prof-{stamp}", password="phrase-de-passe-e2e")
teacher.groups.add(Group.objects.get(name=TEACHER_GROUP))
school, _ = School.objects.get_or_create(uai="0750654D", defaults=dict(name="Collège Jean-Moulin",
    kind="college", commune="Paris", departement="75", academie="Paris"))
school.teachers.add(teacher)
print(json.dumps({{"course": course.url, "lesson": lesson.url, "quiz": quiz.url, "title": course.title}}))
"""


@pytest.fixture(scope="module")
def class_setup(site_server):
    stamp = str(int(time.time()))
    output = site_server.manage("shell", "-c", SETUP.format(stamp=stamp))
    return {**json.loads(output.strip().splitlines()[-1]), "stamp": stamp}


def sign_in(page, base: str, username: str, password: str, next_url: str) -> None:
    page.goto(f"{base}/connexion/?next={next_url}")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}{next_url}")


def test_teacher_and_pupil_run_a_class(page, browser, site_server, class_setup, artefacts_dir):
    base, stamp = site_server.url, class_setup["stamp"]
    sign_in(page, base, f"prof-{stamp}", "phrase-de-passe-e2e", "/classes/")
    assert axe_violations(page) == []
    page.get_by_label("Nom de la classe").fill(f"5e E2E {stamp}")
    page.get_by_role("button", name="Créer la classe").click()
    expect(page.get_by_text("Classe créée. Donnez le code à vos élèves.")).to_be_visible()
    code = page.locator(".join-code").inner_text().strip()
    assert len(code) == 6
    assert axe_violations(page) == []
    class_url = page.url.removeprefix(base)

    # The pupil, in a browser context of their own (no shared cookies).
    pupil_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    pupil = pupil_context.new_page()
    try:
        pupil.goto(f"{base}/rejoindre/")
        assert axe_violations(pupil) == []
        pupil.get_by_label("Code de la classe").fill(code.lower())
        pupil.get_by_label("Ton prénom ou un pseudonyme").fill("Zoé")
        pupil.get_by_label("Choisis un mot de passe").fill("voilier-sapin-e2e")
        pupil.get_by_label("Écris-le une seconde fois").fill("voilier-sapin-e2e")
        pupil.get_by_role("button", name="Rejoindre la classe").click()
        expect(
            pupil.get_by_role("heading", name=f"Bienvenue dans la classe 5e E2E {stamp}")
        ).to_be_visible()
        username = pupil.get_by_test_id("username").inner_text().strip()
        assert username.count("-") == 2

        # The teacher assigns the course.
        page.get_by_role("link", name="Donner un contenu à la classe").click()
        page.get_by_role("combobox", name=re.compile(r"^Contenu")).select_option(
            label=class_setup["title"]
        )
        assert axe_violations(page) == []
        page.get_by_role("button", name="Donner à la classe").click()
        expect(page.get_by_text("Contenu donné à la classe.")).to_be_visible()

        # The pupil sees it to do, then completes both activities.
        pupil.goto(f"{base}/mes-parcours/")
        todo = pupil.get_by_role("region", name="À faire")
        expect(todo.get_by_role("link", name=class_setup["title"])).to_be_visible()
        assert axe_violations(pupil) == []
        pupil.goto(base + class_setup["lesson"])
        pupil.goto(base + class_setup["quiz"])
        pupil.get_by_label("Vérifier la source").check()
        pupil.get_by_label("Faux").check()
        pupil.get_by_role("button", name="Valider mes réponses").click()
        expect(pupil.get_by_role("heading", name="Tentative 1 : 2 / 2")).to_be_visible()
    finally:
        pupil_context.close()

    page.goto(base + class_url)
    grid = page.get_by_role("table", name=f"Progression de la classe 5e E2E {stamp}")
    row = grid.get_by_role("row").filter(has_text="Zoé")
    expect(row).to_contain_text(username)
    expect(row.get_by_role("cell", name="Terminée")).to_be_visible()
    expect(row.get_by_role("cell", name="Réussie (100 %)")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, artefacts_dir, "classroom-grid")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV)").click()
    lines = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert f"Zoé;{username};Terminé;Terminée;Réussie (100 %)" in lines

    page.get_by_role("link", name=class_setup["title"]).first.click()
    expect(page.get_by_role("heading", name=class_setup["title"])).to_be_visible()
    assert axe_violations(page) == []
