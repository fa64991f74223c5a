"""A written activity in a real Chromium: the pupil writes (the counter follows, an empty
text is explained), hands in; the teacher opens it from the assignment's class report,
marks it; the pupil reads the mark and comment; the class grid shows the new state."""

import json
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e

SETUP = """
import json
from datetime import timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from cms.models import HomePage
from cms.roles import TEACHER_GROUP
from courses.activities.written.factories import WrittenActivityFactory
from courses.classes.services import assignment_create, classroom_create, roster_add
from courses.factories import CoursePageFactory, CourseSectionPageFactory
from courses.models import CompletionRule, School
from courses.structure.services import course_index_ensure
index = course_index_ensure(home=HomePage.objects.first())
course = CoursePageFactory(parent=index, title="Écrire pour convaincre {stamp}", slug="ecrire-{stamp}")
section = CourseSectionPageFactory(parent=course, title="Argumenter")
activity = WrittenActivityFactory(parent=section, title="Mon avis argumenté",
    completion_rule=CompletionRule.PASSED, pass_mark=Decimal(10), max_characters=300,
    instructions="<p>Donnez votre avis sur une rumeur et dites comment la vérifier.</p>")
teacher = get_user_model().objects.create_user("prof-ecrit-{stamp}", password="phrase-de-passe-e2e")
teacher.groups.add(Group.objects.get(name=TEACHER_GROUP))
school, _ = School.objects.get_or_create(uai="0750654D", defaults=dict(name="Collège Jean-Moulin",
    kind="college", commune="Paris", departement="75", academie="Paris"))
school.teachers.add(teacher)
classroom = classroom_create(teacher=teacher, school=school, name="4e Écrit {stamp}")
card = roster_add(classroom=classroom, teacher=teacher, names=["Inès"])[0]
now = timezone.now()
assignment = assignment_create(classroom=classroom, teacher=teacher, page=course,
    opens_at=now, due_at=now + timedelta(days=7))
print(json.dumps({{"activity": activity.url, "classroom": classroom.pk, "class_name": classroom.name,
    "assignment": assignment.pk, "course": course.title, "username": card.username,
    "password": card.password}}))
"""

TEXT = (
    "Je pense que cette rumeur est fausse. Je cherche qui l'a publiée, "
    "puis je compare avec un média que je connais."
)


@pytest.fixture(scope="module")
def written_setup(site_server):
    stamp = str(int(time.time()))
    output = site_server.manage("shell", "-c", SETUP.format(stamp=stamp))
    return {**json.loads(output.strip().splitlines()[-1]), "stamp": stamp}


def sign_in(page, base: str, username: str, password: str, next_url: str) -> None:
    page.goto(f"{base}/connexion/?next={next_url}")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}{next_url}")


def test_pupil_hands_in_teacher_marks_pupil_reads(
    page, browser, site_server, written_setup, artefacts_dir
):
    base, setup = site_server.url, written_setup
    pupil_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    pupil = pupil_context.new_page()
    try:
        sign_in(pupil, base, setup["username"], setup["password"], setup["activity"])
        expect(pupil.get_by_role("heading", name="Mon avis argumenté", level=1)).to_be_visible()
        assert axe_violations(pupil) == []

        # An empty text is explained, next to the field, and passes axe too.
        pupil.get_by_role("button", name="Rendre mon texte").click()
        expect(pupil.get_by_text("Écrivez votre texte avant de le rendre.")).to_be_visible()
        text = pupil.get_by_label("Votre texte")
        expect(text).to_have_attribute("aria-invalid", "true")
        assert axe_violations(pupil) == []

        text.fill(TEXT)
        left = 300 - len(TEXT)
        expect(pupil.get_by_text(f"Il reste {left} caractères.")).to_be_visible()
        pupil.get_by_role("button", name="Rendre mon texte").click()
        expect(pupil.get_by_text("Votre texte est rendu.")).to_be_visible()
        expect(pupil.get_by_text("Pas encore de correction")).to_be_visible()
        expect(pupil.locator(".written-submission__text")).to_contain_text(
            "cette rumeur est fausse"
        )

        # The teacher opens it from the assignment's class report, then marks it.
        class_url = f"/classes/{setup['classroom']}/"
        sign_in(page, base, f"prof-ecrit-{setup['stamp']}", "phrase-de-passe-e2e", class_url)
        page.goto(f"{base}/classes/{setup['classroom']}/affectations/{setup['assignment']}/")
        report = page.get_by_role(
            "table", name=f"Où en est chaque élève pour « {setup['course']} »"
        )
        report.get_by_role("link", name="Mon avis argumenté — Inès").click()
        expect(page.get_by_role("heading", name="Mon avis argumenté — Inès")).to_be_visible()
        expect(page.locator(".written-submission__text")).to_contain_text("cette rumeur est fausse")
        assert axe_violations(page) == []
        page.get_by_label("Note sur 20").fill("25")
        page.get_by_role("button", name="Enregistrer la correction").click()
        expect(page.get_by_text("La note doit être comprise entre 0 et 20.")).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_label("Note sur 20").fill("15,5")
        page.get_by_label("Commentaire pour l'élève").fill("Deux sources comparées : bravo.")
        page.get_by_role("button", name="Enregistrer la correction").click()
        expect(page.get_by_text("Correction enregistrée")).to_be_visible()
        screenshot(page, artefacts_dir, "written-marking")

        # The pupil reads the mark and the comment; the text can no longer change.
        pupil.reload()
        expect(pupil.get_by_text("Note : 15,5 sur 20")).to_be_visible()
        expect(pupil.get_by_text("Deux sources comparées : bravo.")).to_be_visible()
        expect(pupil.get_by_label("Votre texte")).to_have_count(0)
        assert axe_violations(pupil) == []
        screenshot(pupil, artefacts_dir, "written-feedback")
    finally:
        pupil_context.close()

    # The class grid shows the new state of the activity.
    page.goto(base + class_url)
    grid = page.get_by_role("table", name=f"Progression de la classe {setup['class_name']}")
    row = grid.get_by_role("row").filter(has_text="Inès")
    expect(row.get_by_role("cell", name="Réussie (78 %)")).to_be_visible()
