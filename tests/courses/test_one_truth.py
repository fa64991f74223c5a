"""Every surface tells the completion module's truth.

Two courses hold activities of every type (lesson, resource link, quiz, H5P, written) and
rule, required and optional; 30 pupils in 3 classes play random attempts (views, marks,
quizzes, H5P results through the LRS, written work marked by the teacher); then the course page, "Mes parcours", the to-do, the class grid, the class report,
the admin report, the CSV and XLSX exports and the certificates must all say, for every
pupil × activity and pupil × course, what ``courses.completion`` says — and that must be
what the rules say, computed here from the raw completion rows.
"""

import csv
import io
import json
import random
import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.factories import UserFactory
from cms.models import HomePage
from cms.roles import TEACHER_GROUP
from courses.activities.h5p.models import H5PActivity
from courses.activities.h5p.packages import h5p_package_store
from courses.activities.quiz.services import quiz_attempt_submit
from courses.activities.written.factories import WrittenActivityFactory
from courses.activities.written.models import WrittenActivity
from courses.activities.written.services import submission_mark, submission_save
from courses.classes.services import classroom_create, roster_add
from courses.completion.models import CompletionState
from courses.completion.selectors import assignment_targets, course_activities, learner_states
from courses.completion.services import activity_mark_done, activity_view_record
from courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseSectionPageFactory,
    LessonActivityFactory,
    QuizActivityFactory,
    ResourceLinkActivityFactory,
)
from courses.models import (
    ActivityCompletion,
    Assignment,
    Certificate,
    ClassMembership,
    CompletionRule,
    CourseCompletion,
    School,
)
from tests.courses import h5p_builder
from tests.factories import assign

pytestmark = pytest.mark.django_db
DONE = {CompletionState.COMPLETE, CompletionState.PASSED}
STATE_LABELS = {str(label): value for value, label in CompletionState.choices}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _h5p(section, package, **fields):
    activity = H5PActivity(title=fields.pop("title"), package=package, **fields)
    section.add_child(instance=activity)
    activity.save_revision().publish()
    return activity


def _build_course(index, package, name: str):
    course = CoursePageFactory(parent=index, title=f"Parcours {name}")
    one = CourseSectionPageFactory(parent=course, title="Découvrir")
    two = CourseSectionPageFactory(parent=course, title="S'entraîner")
    activities = [
        LessonActivityFactory(
            parent=one, title=f"{name} lire", completion_rule=CompletionRule.VIEWED
        ),
        LessonActivityFactory(
            parent=one, title=f"{name} cocher", completion_rule=CompletionRule.MARKED_DONE
        ),
        ResourceLinkActivityFactory(
            parent=one,
            title=f"{name} lien facultatif",
            required=False,
            completion_rule=CompletionRule.VIEWED,
            linked_page=index,
        ),
        ResourceLinkActivityFactory(
            parent=one,
            title=f"{name} lien non suivi",
            completion_rule=CompletionRule.NONE,
            linked_page=index,
        ),
        QuizActivityFactory(
            parent=two,
            title=f"{name} quiz réussi",
            completion_rule=CompletionRule.PASSED,
            pass_score=Decimal(50),
        ),
        QuizActivityFactory(
            parent=two,
            title=f"{name} quiz note",
            completion_rule=CompletionRule.MIN_SCORE,
            min_score=Decimal(75),
            max_attempts=2,
        ),
        QuizActivityFactory(
            parent=two,
            title=f"{name} quiz rendu facultatif",
            required=False,
            completion_rule=CompletionRule.SUBMITTED,
        ),
        WrittenActivityFactory(
            parent=two,
            title=f"{name} écrit noté",
            completion_rule=CompletionRule.MIN_SCORE,
            pass_mark=Decimal(12),
        ),
        WrittenActivityFactory(
            parent=two,
            title=f"{name} écrit rendu facultatif",
            required=False,
            completion_rule=CompletionRule.SUBMITTED,
        ),
        _h5p(
            two,
            package,
            title=f"{name} H5P",
            completion_rule=CompletionRule.PASSED,
            pass_score=Decimal(60),
        ),
    ]
    return course, activities


def _h5p_statement(client, activity, scaled: float):
    body = {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"fr": "a répondu"}},
        "object": {
            "id": f"http://testserver/xapi/activities/{activity.pk}",
            "objectType": "Activity",
        },
        "result": {"score": {"scaled": scaled}, "success": scaled >= 0.6, "completion": True},
    }
    response = client.post(
        "/xapi/statements",
        json.dumps(body),
        content_type="application/json",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )
    assert response.status_code == 200, response.content


def _play(rng: random.Random, pupil, activities, teacher):
    """What a pupil does: each activity touched with some probability, in some way."""
    client = _client(pupil)
    diligence = rng.choice([0.3, 0.8, 1.0, 1.0])  # how much of the work this pupil does
    for activity in activities:
        if rng.random() > diligence:
            continue
        specific = activity.specific
        if isinstance(specific, WrittenActivity):
            submission = submission_save(activity=specific, pupil=pupil, text="Mon texte.")
            if rng.random() < 0.8:
                submission_mark(
                    submission=submission,
                    teacher=teacher,
                    mark=Decimal(rng.choice([6, 11, 12, 15, 18])),
                    comment="Bien vu.",
                )
        elif isinstance(specific, H5PActivity):
            _h5p_statement(client, specific, rng.choice([0.2, 0.5, 0.7, 1.0, diligence]))
        elif specific.__class__.__name__ == "QuizActivity":
            for _attempt in range(rng.choice([1, 1, 2])):
                right = rng.random() < diligence  # diligent pupils mostly answer well
                answers = {
                    question.id: (
                        ("false" if right else rng.choice(["true", "false"]))
                        if question.block_type == "true_false"
                        else ("0" if right else rng.choice(["0", "1"]))
                    )
                    for question in specific.questions
                }
                try:
                    quiz_attempt_submit(quiz=specific, user=pupil, answers=answers)
                except Exception as refused:  # noqa: BLE001 - out of attempts is a valid outcome
                    assert "tentatives" in str(refused)
        else:
            activity_view_record(activity=specific, user=pupil)
            if specific.completion_rule == CompletionRule.MARKED_DONE and rng.random() < diligence:
                activity_mark_done(activity=specific, user=pupil)


def _expected(pupil_id, activities, rows, course):
    """The rules, computed here from raw rows: what counts, what is done, complete."""
    states = {a.pk: rows.get((pupil_id, a.pk), CompletionState.NOT_STARTED) for a in activities}
    counted = [a for a in activities if a.required and a.completion_rule != CompletionRule.NONE]
    done = sum(states[a.pk] in DONE for a in counted)
    complete = bool(counted) and done == len(counted)
    if course.min_course_grade is not None:
        raise AssertionError("this test's courses set no minimum grade")
    return states, done, len(counted), complete


@pytest.fixture
def world(media_root):
    rng = random.Random(20261207)  # noqa: S311 - reproducible play, not secrets
    index = CourseIndexPageFactory(parent=HomePage.objects.get())
    package = h5p_builder.valid_package()
    package = h5p_package_store(upload=package, title="Question H5P")
    course_a, activities_a = _build_course(index, package, "A")
    course_b, activities_b = _build_course(index, package, "B")
    school = School.objects.create(uai="0750654D", name="Collège Victor-Hugo", kind="college")
    teacher = UserFactory(username="mme-martin")
    teacher.groups.add(Group.objects.get_or_create(name=TEACHER_GROUP)[0])
    school.teachers.add(teacher)
    now = timezone.now()
    classes = []
    for number, (pages, late) in enumerate(
        [([course_a], False), ([course_b], True), ([course_a, course_b], True)], start=1
    ):
        classroom = classroom_create(teacher=teacher, school=school, name=f"Classe {number}")
        roster_add(
            classroom=classroom, teacher=teacher, names=[f"Élève {number}-{n}" for n in range(10)]
        )
        for page in pages:
            dates = {"opens_at": now - timedelta(days=10), "due_at": now - timedelta(days=1)}
            assign(classroom, teacher, page, **(dates if late else {}))
        classes.append(classroom)
    # One class is also given a single (optional) activity.
    assign(classes[0], teacher, activities_a[2])
    courses = {course_a.pk: (course_a, activities_a), course_b.pk: (course_b, activities_b)}
    pupils = []
    for classroom in classes:
        for membership in ClassMembership.objects.filter(classroom=classroom).select_related(
            "pupil"
        ):
            pupils.append(membership.pupil)
            enrolled = {c.pk for a in classroom.assignments.all() for c in a.courses.all()}
            for course_pk in sorted(enrolled):
                _play(rng, membership.pupil, courses[course_pk][1], teacher)
    return {"teacher": teacher, "classes": classes, "courses": courses, "pupils": pupils}


def _data(html: str, attribute: str) -> dict[str, dict[str, str]]:
    """Elements carrying ``data-<attribute>``: {value: {other data-*: value}}."""
    found = {}
    for tag in re.findall(rf"<[a-z]+[^>]*\bdata-{attribute}=\"[^\"]*\"[^>]*>", html):
        attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', tag))
        found[attrs[attribute]] = attrs
    return found


def test_every_surface_reports_the_same_state(world):
    courses, pupils, teacher = world["courses"], world["pupils"], world["teacher"]
    all_activities = [a for _course, acts in courses.values() for a in acts]
    rows = {
        (u, a): s
        for u, a, s in ActivityCompletion.objects.values_list("user_id", "activity_id", "state")
    }
    truth = learner_states(
        user_ids=[p.pk for p in pupils],
        activity_ids=[a.pk for a in all_activities],
        course_ids=list(courses),
    )
    completed = set(CourseCompletion.objects.values_list("user_id", "course_id"))
    assert completed, "random play should complete some courses"
    assert len(completed) < len(pupils) * 1.5, "and leave others unfinished"
    outcomes = set()

    for pupil in pupils:
        client = _client(pupil)
        dashboard = client.get("/mes-parcours/").content.decode()
        listed = _data(dashboard, "course")
        for course_pk, (course, activities) in courses.items():
            if not course.enrolments.filter(user=pupil).exists():
                assert str(course_pk) not in listed
                continue
            states, done, required, complete = _expected(pupil.pk, activities, rows, course)
            outcomes.add(complete)
            # The completion module agrees with the rules.
            for activity in activities:
                assert truth.state(pupil.pk, activity.pk) == states[activity.pk]
            assert truth.progress(pupil.pk, activities).done == done
            assert truth.course_complete(pupil.pk, course_pk) == complete
            # Certificates exist exactly for completed courses.
            certificate = Certificate.objects.filter(user=pupil, course=course).first()
            assert (certificate is not None) == complete
            if certificate:
                assert client.get(f"/certificats/{certificate.code}/").status_code == 200
            # Course page: each activity's state, the progress, completion.
            page = client.get(course.url).content.decode()
            shown = _data(page, "activity")
            for activity in activities:
                assert shown[str(activity.pk)]["state"] == states[activity.pk], activity.title
            progress = re.search(
                r'data-done="(\d+)" data-required="(\d+)" data-complete="([01])"', page
            )
            assert progress.groups() == (str(done), str(required), str(int(complete)))
            # Mes parcours.
            entry = listed[str(course_pk)]
            assert (entry["done"], entry["required"], entry["complete"]) == (
                str(done),
                str(required),
                str(int(complete)),
            )
        # To-do: each assignment's state.
        todo = _data(dashboard, "assignment")
        assignments = list(
            Assignment.objects.filter(classroom__memberships__pupil=pupil).prefetch_related(
                "courses"
            )
        )
        targets = assignment_targets(assignments)
        for assignment in assignments:
            expected = _assignment_state(assignment, pupil, rows, courses, targets)
            assert todo[str(assignment.pk)]["state"] == expected, assignment.page.title

    assert outcomes == {True, False}
    for classroom in world["classes"]:
        _check_class(classroom, teacher, rows, courses)
    for course, activities in courses.values():
        _check_admin_report(course, activities, rows)


def _assignment_state(assignment, pupil, rows, courses, targets) -> str:
    if assignment.activity_id:
        done = rows.get((pupil.pk, assignment.activity_id)) in DONE
    else:
        done = all(
            _expected(pupil.pk, courses[c.pk][1], rows, courses[c.pk][0])[3]
            for c in assignment.courses.all()
        )
    if done:
        return "done"
    return "late" if assignment.due_at < timezone.now() else "open"


def _check_class(classroom, teacher, rows, courses):
    client = _client(teacher)
    html = client.get(reverse("courses:classroom_detail", args=[classroom.pk])).content.decode()
    table = html[html.index('<table class="progress-grid">') :]
    table = table[: table.index("</table>")]
    header_ids = re.findall(r'<th scope="col" data-activity="(\d+)"', table)
    memberships = list(
        ClassMembership.objects.filter(classroom=classroom)
        .select_related("pupil")
        .order_by("display_name", "pk")
    )
    body_rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table, re.S)
    assert len(body_rows) == len(memberships)
    for membership, row in zip(memberships, body_rows, strict=True):
        cells = re.findall(r"progress-grid__cell--([a-z_]+)", row)
        assert len(cells) == len(header_ids)
        for activity_id, state in zip(header_ids, cells, strict=True):
            expected = rows.get((membership.pupil_id, int(activity_id)), "not_started")
            assert state == expected
    assignments = list(classroom.assignments.prefetch_related("courses"))
    targets = assignment_targets(assignments)
    export_csv = client.get(
        reverse("courses:classroom_export", args=[classroom.pk, "csv"])
    ).content.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(export_csv), delimiter=";"))
    xlsx = client.get(reverse("courses:classroom_export", args=[classroom.pk, "xlsx"]))
    xlsx_rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert [list(r) for r in xlsx_rows] == csv_rows
    by_username = {r[1]: r for r in csv_rows[1:]}
    status_labels = {"done": "Terminé", "late": "En retard", "open": "À faire"}
    for assignment in sorted(assignments, key=lambda a: (a.due_at, a.pk)):
        detail = client.get(
            reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk])
        ).content.decode()
        report = _data(detail, "pupil")
        column = sorted(assignments, key=lambda a: (a.due_at, a.pk)).index(assignment)
        for membership in memberships:
            expected = _assignment_state(assignment, membership.pupil, rows, courses, targets)
            assert report[str(membership.pupil_id)]["state"] == expected
            line = by_username[membership.pupil.get_username()]
            assert line[2 + column] == status_labels[expected]
    # Activity columns of the export carry the same states as the grid.
    for membership in memberships:
        line = by_username[membership.pupil.get_username()]
        labels = line[2 + len(assignments) :]
        for activity_id, label in zip(header_ids, labels, strict=True):
            state = STATE_LABELS[label.split(" (")[0].split(" — ")[0]]
            assert state == rows.get((membership.pupil_id, int(activity_id)), "not_started")


def _check_admin_report(course, activities, rows):
    admin = UserFactory(username=f"admin-{course.pk}", is_staff=True, is_superuser=True)
    client = _client(admin)
    url = reverse("courses_course_report", args=[course.pk])
    assert client.get(url).status_code == 200
    export = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(export), delimiter=";"))
    live = course_activities(courses=[course])[course.pk]
    assert [a.pk for a in live] == [a.pk for a in activities]
    for line in lines[1:]:
        pupil = ClassMembership.objects.get(pupil__username=line[0]).pupil
        states, done, required, complete = _expected(pupil.pk, activities, rows, course)
        assert line[1] == ("Terminé" if complete else "En cours")
        assert line[2] == f"{done}/{required}"
        for activity, label in zip(activities, line[3:], strict=True):
            assert STATE_LABELS[label.split(" (")[0]] == states[activity.pk]


def test_optional_activity_skipped_is_never_late(media_root):
    """The bug this module was built for: a pupil who did every required activity of an
    assigned course and skipped an optional one is done everywhere, not 'en retard'."""
    index = CourseIndexPageFactory(parent=HomePage.objects.get())
    course = CoursePageFactory(parent=index, title="Parcours court")
    section = CourseSectionPageFactory(parent=course, title="Unique")
    required = LessonActivityFactory(parent=section, title="Obligatoire")
    LessonActivityFactory(parent=section, title="Pour aller plus loin", required=False)
    school = School.objects.create(uai="0750654D", name="Collège", kind="college")
    teacher = UserFactory(username="prof")
    teacher.groups.add(Group.objects.get_or_create(name=TEACHER_GROUP)[0])
    school.teachers.add(teacher)
    classroom = classroom_create(teacher=teacher, school=school, name="4e A")
    roster_add(classroom=classroom, teacher=teacher, names=["Nour"])
    pupil = ClassMembership.objects.get(classroom=classroom).pupil
    now = timezone.now()
    assignment = assign(
        classroom, teacher, course, opens_at=now - timedelta(days=3), due_at=now - timedelta(days=1)
    )
    activity_view_record(activity=required, user=pupil)
    todo = _data(_client(pupil).get("/mes-parcours/").content.decode(), "assignment")
    assert todo[str(assignment.pk)]["state"] == "done"
    detail = _client(teacher).get(
        reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk])
    )
    assert _data(detail.content.decode(), "pupil")[str(pupil.pk)]["state"] == "done"
    grid = _client(teacher).get(reverse("courses:classroom_detail", args=[classroom.pk]))
    assert "en retard" not in grid.content.decode()
    assert "facultative" in grid.content.decode()
