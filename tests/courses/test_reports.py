"""Course reports: completion grid and answers, CSV/XLSX, bounded queries, permissions."""

import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from cms.factories import UserFactory
from courses.activities.quiz.services import quiz_attempt_submit
from courses.completion.services import activity_view_record
from courses.factories import LessonActivityFactory, QuizActivityFactory
from courses.reports.selectors import course_completion_grid
from courses.structure.services import enrolment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity_data(course, section, learner):
    lesson = LessonActivityFactory(parent=section, title="Leçon 1")
    quiz = QuizActivityFactory(parent=section, title="Quiz 1")
    activity_view_record(activity=lesson, user=learner)
    first, second = (q.id for q in quiz.questions)
    quiz_attempt_submit(quiz=quiz, user=learner, answers={first: "0", second: "true"})
    return lesson, quiz


def url(course) -> str:
    return f"/admin/parcours/{course.pk}/rapport/"


def test_report_shows_the_completion_grid(reporter, course, activity_data):
    html = reporter.get(url(course)).content.decode()
    assert (
        "lynx-bleu" in html
        and "Leçon 1" in html
        and "Terminée" in html
        and "Réussie (50 %)" in html
    )


def test_completion_grid_exports_as_csv_and_xlsx(reporter, course, activity_data):
    csv_text = reporter.get(url(course), {"export": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "Élève;Parcours;Activités terminées;Leçon 1;Quiz 1"
    assert csv_text.splitlines()[1] == "lynx-bleu;Terminé;2/2;Terminée;Réussie (50 %)"
    workbook = load_workbook(io.BytesIO(reporter.get(url(course), {"export": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows == [
        ("Élève", "Parcours", "Activités terminées", "Leçon 1", "Quiz 1"),
        ("lynx-bleu", "Terminé", "2/2", "Terminée", "Réussie (50 %)"),
    ]


def test_answers_report_lists_each_question(reporter, course, activity_data):
    csv_text = reporter.get(url(course), {"export": "csv", "table": "answers"}).content.decode(
        "utf-8-sig"
    )
    lines = csv_text.splitlines()
    assert lines[0] == "Élève;Activité;Tentative;Question;Réponse;Correcte"
    # Answers in words, not the indices and codes the attempt stores.
    assert (
        "lynx-bleu;Quiz 1;1;Que faire avant de partager une information ?;Vérifier la source;oui"
        in lines
    )
    assert "lynx-bleu;Quiz 1;1;Un mot de passe peut être partagé avec un ami.;Vrai;non" in lines


def test_grid_queries_do_not_grow_with_learners_and_activities(
    course, section, django_assert_max_num_queries
):
    for _ in range(3):
        LessonActivityFactory(parent=section)
    for n in range(10):
        enrolment_create(course=course, user=UserFactory(username=f"eleve{n}"))
    with django_assert_max_num_queries(4):
        grid = course_completion_grid(course=course)
        grid.table()
    assert len(grid.rows) == 10 and len(grid.activities) == 3


@pytest.mark.parametrize("role", ["editor", "learner", "anonymous"])
def test_report_is_refused_to_others(client, course, activity_data, learner, role):
    if role == "editor":
        editor = UserFactory(username="redactrice", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
    elif role == "learner":
        client.force_login(learner)
    response = client.get(url(course), {"export": "csv"})
    assert response.status_code in {302, 403}
    assert b"lynx-bleu" not in response.content
