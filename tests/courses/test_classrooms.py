"""Classes: schools, join codes, pupil accounts, rosters and login cards, assignments,
the progress grid and its exports, and who may see what."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.factories import UserFactory
from cms.roles import STUDENT_GROUP
from courses.activities.quiz.services import quiz_attempt_submit
from courses.classes import services as classrooms
from courses.classes.forms import AssignmentForm
from courses.classes.login_cards import login_cards_pdf
from courses.classes.selectors import class_progress, pupil_todo
from courses.classes.services import (
    JOIN_CODE_ALPHABET,
    ClassroomRefused,
    assignment_create,
    class_join,
    classroom_create,
    deadline_extend,
    join_code_generate,
    roster_add,
)
from courses.completion.services import activity_view_record
from courses.factories import LessonActivityFactory, QuizActivityFactory
from courses.models import ClassMembership, Enrolment, uai_validate
from tests.factories import assign, client_for, teacher_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(course, section):
    return [LessonActivityFactory(parent=section, title=f"Leçon {n}") for n in (1, 2)]


# --- Schools ------------------------------------------------------------------------------


def test_uai_accepts_a_real_code_and_checks_its_key_letter():
    uai_validate("0750654D")  # lycée Henri-IV
    with pytest.raises(ValidationError, match="lettre clé"):
        uai_validate("0750654E")
    for wrong in ("750654D", "0750654d", "07506540", "", "0750654DD"):
        with pytest.raises(ValidationError, match="7 chiffres"):
            uai_validate(wrong)


def test_only_a_teacher_of_the_school_creates_a_class(school):
    outsider = teacher_user("autre-prof")
    with pytest.raises(PermissionDenied):
        classroom_create(teacher=outsider, school=school, name="6e A")
    pupil = UserFactory(username="eleve")
    school.teachers.add(pupil)  # in the school, but not a teacher
    with pytest.raises(PermissionDenied):
        classroom_create(teacher=pupil, school=school, name="6e A")


def test_a_class_belongs_to_the_current_school_year(classroom):
    today = timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    assert classroom.academic_year == f"{start}-{start + 1}"


def test_school_year_turns_on_the_first_of_september_in_paris():
    # 31 August 22:30 UTC is already 1 September in Paris.
    moment = datetime(2026, 8, 31, 22, 30, tzinfo=UTC)
    assert classrooms.academic_year_of(moment) == "2026-2027"
    assert classrooms.academic_year_of(moment - timedelta(hours=1)) == "2025-2026"


# --- Join codes -----------------------------------------------------------------------------


def test_join_codes_never_contain_ambiguous_characters():
    codes = {join_code_generate() for _ in range(3000)}
    assert len(codes) > 2990
    used = set("".join(codes))
    assert not used & set("0O1IlL")
    assert used <= set(JOIN_CODE_ALPHABET)


def test_pupil_joins_with_a_code_and_gets_a_pseudonymous_account(classroom):
    joined = class_join(
        code=classroom.join_code.lower()[:3] + "-" + classroom.join_code.lower()[3:],
        display_name="  Léa  ",
        password="tortue-piano-17",
    )
    pupil = joined.membership.pupil
    assert joined.created_account
    assert re.fullmatch(r"[a-z]+-[a-z]+-\d{2,}", pupil.username)
    assert (pupil.email, pupil.first_name, pupil.last_name) == ("", "", "")
    assert joined.membership.display_name == "Léa"
    assert pupil.groups.filter(name=STUDENT_GROUP).exists()
    assert authenticate(username=pupil.username, password="tortue-piano-17") == pupil


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"join_code_expires_at": timezone.now() - timedelta(minutes=1)}, "expiré"),
        ({"join_code_closed": True}, "fermé"),
        ({"archived": True}, "fermé"),
    ],
)
def test_expired_closed_or_archived_codes_are_refused(classroom, change, message):
    for field, value in change.items():
        setattr(classroom, field, value)
    classroom.save()
    user_count = type(classroom.teachers.first()).objects.count()
    with pytest.raises(ClassroomRefused, match=message):
        class_join(code=classroom.join_code, display_name="Léa", password="tortue-piano-17")
    assert type(classroom.teachers.first()).objects.count() == user_count  # nothing created


def test_a_wrong_code_is_refused_without_creating_anything(classroom):
    with pytest.raises(ClassroomRefused, match="aucune classe"):
        class_join(code="ZZZZZZ", display_name="Léa", password="tortue-piano-17")
    assert not ClassMembership.objects.exists()


def test_a_weak_password_is_refused_in_french_and_nothing_is_kept(classroom):
    with pytest.raises(ClassroomRefused, match="trop court|trop courant|chiffres"):
        class_join(code=classroom.join_code, display_name="Léa", password="1234")
    assert not ClassMembership.objects.exists()


def test_regenerated_code_replaces_the_old_one(classroom):
    old = classroom.join_code
    classrooms.join_code_regenerate(classroom=classroom)
    with pytest.raises(ClassroomRefused):
        classrooms.classroom_for_code(old)
    classroom.refresh_from_db()
    assert classrooms.classroom_for_code(classroom.join_code) == classroom


def test_a_teacher_signed_in_cannot_join_as_a_pupil(classroom, teacher):
    with pytest.raises(ClassroomRefused, match="pas un compte élève"):
        class_join(code=classroom.join_code, display_name="Prof", user=teacher)


def test_join_page_creates_the_account_and_signs_the_pupil_in(classroom):
    client = Client()
    response = client.post(
        reverse("courses:class_join"),
        {
            "code": classroom.join_code,
            "display_name": "Noé",
            "password": "voilier-sapin-42",
            "password_again": "voilier-sapin-42",
        },
    )
    assert response.status_code == 200
    membership = ClassMembership.objects.get()
    assert membership.pupil.username in response.content.decode()
    assert client.get(reverse("courses:dashboard")).status_code == 200


def test_join_page_explains_a_wrong_code_in_french(classroom):
    response = Client().post(
        reverse("courses:class_join"),
        {
            "code": "ABCDEF",
            "display_name": "Noé",
            "password": "voilier-sapin-42",
            "password_again": "voilier-sapin-42",
        },
    )
    assert response.status_code == 400
    assert "ne correspond à aucune classe" in response.content.decode()


def test_join_attempts_are_rate_limited_per_address(classroom, settings):
    settings.REPERES_COURSES_JOIN_RATE_PER_IP = "3/m"
    from django.core.cache import cache

    cache.clear()
    client = Client()
    data = {"code": "ABCDEF", "display_name": "x", "password": "a", "password_again": "a"}
    statuses = [client.post(reverse("courses:class_join"), data).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    response = client.post(reverse("courses:class_join"), {**data, "code": classroom.join_code})
    assert response.status_code == 429
    assert "essais en peu de temps" in response.content.decode()
    assert not ClassMembership.objects.exists()
    cache.clear()


def test_join_attempts_are_rate_limited_per_code(classroom, settings):
    settings.REPERES_COURSES_JOIN_RATE_PER_CODE = "2/m"
    from django.core.cache import cache

    cache.clear()
    data = {"code": "ABCDEF", "display_name": "x", "password": "a", "password_again": "a"}
    url = reverse("courses:class_join")
    statuses = [Client(REMOTE_ADDR=f"10.0.0.{n}").post(url, data).status_code for n in range(1, 4)]
    assert statuses == [400, 400, 429]
    cache.clear()


# --- Roster and login cards -----------------------------------------------------------------


def test_roster_creates_accounts_and_one_login_card_each(classroom, teacher):
    cards = roster_add(classroom=classroom, teacher=teacher, names=["Léa", "Noé", "", "Inès"])
    assert [card.display_name for card in cards] == ["Léa", "Noé", "Inès"]
    for card in cards:
        assert authenticate(username=card.username, password=card.password) is not None
    pdf = login_cards_pdf(cards=cards, login_url="https://reperes.example/connexion/")
    assert pdf.startswith(b"%PDF")
    text = pdf.decode("latin-1")
    for card in cards:
        assert text.count(f"Identifiant : {card.username}") == 1
        assert text.count(card.password) == 1
    assert text.count("/Type /Page\n") + text.count("/Type /Page ") >= 1


def test_login_cards_fill_a_new_page_after_ten(classroom, teacher):
    cards = roster_add(
        classroom=classroom, teacher=teacher, names=[f"Élève {n}" for n in range(12)]
    )
    pdf = login_cards_pdf(cards=cards, login_url="https://x/").decode("latin-1")
    assert len(re.findall(r"/Type /Page\b(?!s)", pdf)) == 2
    assert len(re.findall(r"Identifiant : ", pdf)) == 12


def test_cards_pdf_prints_only_pupils_of_the_class(classroom, teacher, school):
    cards = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])
    other = classroom_create(teacher=teacher, school=school, name="4e A")
    stranger = roster_add(classroom=other, teacher=teacher, names=["Zoé"])[0]
    response = client_for(teacher).post(
        reverse("courses:classroom_cards", args=[classroom.pk]),
        {
            "username": [cards[0].username, stranger.username],
            "password": [cards[0].password, stranger.password],
        },
    )
    assert response["Content-Type"] == "application/pdf"
    text = response.content.decode("latin-1")
    assert cards[0].username in text
    assert stranger.username not in text


def test_teacher_resets_a_pupils_password(classroom, teacher):
    card = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])[0]
    pupil = ClassMembership.objects.get().pupil
    response = client_for(teacher).post(
        reverse("courses:classroom_password_reset", args=[classroom.pk, pupil.pk])
    )
    assert response.status_code == 200
    assert authenticate(username=card.username, password=card.password) is None
    new = re.search(r"Mot de passe : <strong>([a-z0-9-]+)</strong>", response.content.decode())
    assert authenticate(username=card.username, password=new.group(1)) == pupil


def test_roster_is_refused_to_another_teacher(classroom, school):
    colleague = teacher_user("m-durand", school)
    with pytest.raises(PermissionDenied):
        roster_add(classroom=classroom, teacher=colleague, names=["Léa"])


# --- Assignments ------------------------------------------------------------------------------


def test_assigning_a_course_enrols_every_pupil_now_and_later(classroom, teacher, course, lessons):
    first = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])[0]
    now = timezone.now()
    assignment_create(
        classroom=classroom,
        teacher=teacher,
        page=course,
        opens_at=now,
        due_at=now + timedelta(days=7),
    )
    later = class_join(code=classroom.join_code, display_name="Noé", password="voilier-sapin-42")
    enrolled = set(
        Enrolment.objects.filter(course=course, source=Enrolment.Source.ASSIGNMENT).values_list(
            "user__username", flat=True
        )
    )
    assert enrolled == {first.username, later.membership.pupil.username}


def test_assignment_dates_are_read_in_paris_time(classroom, course):
    form = AssignmentForm(
        {"page": course.pk, "opens_at": "2026-12-01T08:00", "due_at": "2026-07-01T18:00"},
        classroom=classroom,
        pages=type(course).objects.all(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opens_at"].astimezone(UTC).hour == 7  # winter: UTC+1
    assert form.cleaned_data["due_at"].astimezone(UTC).hour == 16  # summer: UTC+2


def test_due_date_must_follow_the_opening(classroom, teacher, course):
    now = timezone.now()
    with pytest.raises(ClassroomRefused, match="suivre"):
        assignment_create(
            classroom=classroom, teacher=teacher, page=course, opens_at=now, due_at=now
        )


def test_pages_that_are_not_learning_content_cannot_be_assigned(classroom, teacher):
    from cms.models import HomePage

    now = timezone.now()
    with pytest.raises(ClassroomRefused, match="ne peut pas être donné"):
        assignment_create(
            classroom=classroom,
            teacher=teacher,
            page=HomePage.objects.get(),
            opens_at=now,
            due_at=now + timedelta(days=1),
        )


def test_late_status_and_a_deadline_extension(classroom, teacher, course, lessons):
    card = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])[0]
    pupil = ClassMembership.objects.get().pupil
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        teacher=teacher,
        page=course,
        opens_at=now - timedelta(days=3),
        due_at=now - timedelta(hours=1),
    )
    [item] = pupil_todo(user=pupil)
    assert item.late and not item.done
    assert class_progress(classroom=classroom).rows[0].late == [assignment]
    with pytest.raises(ClassroomRefused):
        deadline_extend(
            assignment=assignment, teacher=teacher, pupil=pupil, due_at=now - timedelta(hours=2)
        )
    deadline_extend(
        assignment=assignment, teacher=teacher, pupil=pupil, due_at=now + timedelta(days=2)
    )
    [item] = pupil_todo(user=pupil)
    assert not item.late and item.due_soon
    assert class_progress(classroom=classroom).rows[0].late == []
    for lesson in lessons:
        activity_view_record(activity=lesson, user=pupil)
    [item] = pupil_todo(user=pupil)
    assert item.done and (item.activities_done, item.activities_total) == (2, 2)
    page = client_for(pupil).get(reverse("courses:dashboard")).content.decode()
    assert "À faire" in page and course.title in page
    assert card.username  # the card was for this pupil


def test_assignment_to_selected_pupils_leaves_the_others_out(classroom, teacher, course, lessons):
    roster_add(classroom=classroom, teacher=teacher, names=["Léa", "Noé"])
    lea, noe = (m.pupil for m in ClassMembership.objects.order_by("display_name"))
    now = timezone.now()
    assignment_create(
        classroom=classroom,
        teacher=teacher,
        page=lessons[0],
        opens_at=now,
        due_at=now + timedelta(days=1),
        pupils=[lea],
    )
    grid = class_progress(classroom=classroom)
    assert [[cell.label for cell in row.cells] for row in grid.rows] == [
        ["Pas commencée"],
        ["Non concerné"],
    ]
    assert pupil_todo(user=noe) == []
    assert len(pupil_todo(user=lea)) == 1


def test_a_campaign_is_assigned_as_its_linked_courses(classroom, teacher, course, lessons):
    from cms.models import HomePage
    from media_literacy.factories import CampaignPageFactory
    from media_literacy.models import CampaignIndexPage, CampaignRelatedCourse
    from media_literacy.services import index_page_ensure

    index = index_page_ensure(model=CampaignIndexPage, home=HomePage.objects.get())
    campaign = CampaignPageFactory(parent=index)
    CampaignRelatedCourse.objects.create(campaign=campaign, page=course)
    assignment = assign(classroom, teacher, campaign)
    assert list(assignment.courses.all()) == [course]
    assert len(class_progress(classroom=classroom).columns[0].activities) == 2


# --- Progress grid and exports ----------------------------------------------------------------


def test_grid_of_35_pupils_by_40_activities_takes_a_bounded_number_of_queries(
    classroom, teacher, course, section, django_assert_max_num_queries
):
    activities = [LessonActivityFactory(parent=section) for _ in range(20)]
    activities += [QuizActivityFactory(parent=section) for _ in range(20)]
    roster_add(classroom=classroom, teacher=teacher, names=[f"Élève {n}" for n in range(35)])
    pupils = [m.pupil for m in ClassMembership.objects.select_related("pupil")]
    assign(classroom, teacher, course)
    for pupil in pupils[:10]:
        for activity in activities[:5]:
            activity_view_record(activity=activity, user=pupil)
    with django_assert_max_num_queries(8):
        grid = class_progress(classroom=classroom)
        cells = sum(len(row.cells) for row in grid.rows)
    assert cells == 35 * 40
    assert grid.columns[0].completion_rate == 0


def test_grid_rates_scores_and_exports(classroom, teacher, course, section):
    lesson = LessonActivityFactory(parent=section, title="Lire un article")
    quiz = QuizActivityFactory(parent=section, title="Vrai ou faux")
    roster_add(classroom=classroom, teacher=teacher, names=["Léa", "=HYPERLINK(1)"])
    lea = ClassMembership.objects.get(display_name="Léa").pupil
    assignment = assign(classroom, teacher, course)
    activity_view_record(activity=lesson, user=lea)
    first, second = (q.id for q in quiz.questions)
    quiz_attempt_submit(quiz=quiz, user=lea, answers={first: "0", second: "false"})
    grid = class_progress(classroom=classroom)
    assert grid.columns[0].completion_rate == 50
    assert grid.columns[0].average_score == 100

    client = client_for(teacher)
    csv_text = client.get(
        reverse("courses:classroom_export", args=[classroom.pk, "csv"])
    ).content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith(
        "Élève;Identifiant;Se protéger en ligne — statut;Se protéger en ligne — Lire un article"
    )
    assert f"Léa;{lea.username};Terminé;Terminée;Réussie (100 %)" in lines
    assert any(line.startswith("'=HYPERLINK(1);") for line in lines)  # never a formula

    xlsx = client.get(reverse("courses:classroom_export", args=[classroom.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("Léa", lea.username, "Terminé", "Terminée", "Réussie (100 %)") in rows

    detail = client.get(
        reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk])
    ).content.decode()
    assert "50 %" in detail
    assert client.get(reverse("courses:classroom_print", args=[classroom.pk])).status_code == 200


def test_most_missed_questions_count_each_pupils_last_attempt(classroom, teacher, course, section):
    from courses.classes.selectors import assignment_missed_questions

    quiz = QuizActivityFactory(parent=section, title="Quiz")
    roster_add(classroom=classroom, teacher=teacher, names=["Léa", "Noé"])
    lea, noe = (m.pupil for m in ClassMembership.objects.order_by("display_name"))
    assignment = assign(classroom, teacher, course)
    first, second = (q.id for q in quiz.questions)
    quiz_attempt_submit(quiz=quiz, user=lea, answers={first: "1", second: "true"})
    quiz_attempt_submit(quiz=quiz, user=noe, answers={first: "0", second: "true"})
    missed = assignment_missed_questions(assignment=assignment)
    assert [(m.prompt, m.missed, m.answered) for m in missed] == [
        ("Un mot de passe peut être partagé avec un ami.", 2, 2),
        ("Que faire avant de partager une information ?", 1, 2),
    ]


# --- Permissions: every learner-data view, allowed and denied -------------------------------


TEACHER_VIEWS = [
    ("courses:classroom_detail", "get", {}),
    ("courses:classroom_roster", "get", {}),
    ("courses:assignment_create", "get", {}),
    ("courses:classroom_print", "get", {}),
    ("courses:classroom_export", "get", {"file_format": "csv"}),
    ("courses:classroom_export", "get", {"file_format": "xlsx"}),
    ("courses:classroom_code", "post", {}),
    ("courses:classroom_coteacher", "post", {}),
    ("courses:classroom_cards", "post", {}),
]


@pytest.fixture
def actors(classroom, school, teacher):
    pupil = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])[0]
    pupil_user = ClassMembership.objects.get().pupil
    editor = UserFactory(username="redaction", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return {
        "teacher": teacher,
        "other_teacher": teacher_user("m-durand", school),
        "pupil": pupil_user,
        "editor": editor,
        "anonymous": None,
        "card": pupil,
    }


def _call(client, name, method, kwargs, classroom):
    url = reverse(name, kwargs={"pk": classroom.pk, **kwargs})
    return getattr(client, method)(url)


@pytest.mark.parametrize(("name", "method", "kwargs"), TEACHER_VIEWS)
def test_the_classs_teacher_may_use_each_view(actors, classroom, name, method, kwargs):
    response = _call(client_for(actors["teacher"]), name, method, kwargs, classroom)
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert "/connexion" not in response["Location"] and "login" not in response["Location"]


@pytest.mark.parametrize(("name", "method", "kwargs"), TEACHER_VIEWS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("other_teacher", 404), ("pupil", 403), ("editor", 403), ("anonymous", 302)],
)
def test_nobody_else_sees_the_class(actors, classroom, name, method, kwargs, who, expected):
    response = _call(client_for(actors[who]), name, method, kwargs, classroom)
    assert response.status_code == expected
    assert actors["card"].username not in response.content.decode("latin-1")
    if expected == 302:
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("other_teacher", 404), ("pupil", 403), ("editor", 403), ("anonymous", 302)],
)
def test_only_the_classs_teacher_resets_passwords_and_reads_assignments(
    actors, classroom, course, who, expected
):
    assignment = assign(classroom, actors["teacher"], course)
    client = client_for(actors[who])
    reset = client.post(
        reverse("courses:classroom_password_reset", args=[classroom.pk, actors["pupil"].pk])
    )
    detail = client.get(reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk]))
    assert (reset.status_code, detail.status_code) == (expected, expected)
    assert authenticate(username=actors["card"].username, password=actors["card"].password)
    allowed = client_for(actors["teacher"])
    assert (
        allowed.get(
            reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk])
        ).status_code
        == 200
    )


def test_teacher_lists_only_their_own_classes(actors, classroom, school):
    other = actors["other_teacher"]
    classroom_create(teacher=other, school=school, name="Classe de M. Durand")
    page = client_for(actors["teacher"]).get(reverse("courses:classroom_list")).content.decode()
    assert "5e B" in page and "Classe de M. Durand" not in page
    assert client_for(actors["pupil"]).get(reverse("courses:classroom_list")).status_code == 403


def test_a_pupils_display_name_is_shown_to_their_teachers_only(actors, classroom, course):
    assign(classroom, actors["teacher"], course)
    pupil_page = client_for(actors["pupil"]).get(reverse("courses:dashboard")).content.decode()
    assert "Léa" not in pupil_page
    teacher_page = client_for(actors["teacher"]).get(
        reverse("courses:classroom_detail", args=[classroom.pk])
    )
    assert "Léa" in teacher_page.content.decode()


# --- Learners' rights ---------------------------------------------------------------------------


def _pupil_with_work(classroom, teacher, course, section):
    from courses.models import XapiStatement

    quiz = QuizActivityFactory(parent=section, title="Quiz")
    card = roster_add(classroom=classroom, teacher=teacher, names=["Léa Dupont"])[0]
    pupil = ClassMembership.objects.get().pupil
    assign(classroom, teacher, course)
    first, second = (q.id for q in quiz.questions)
    quiz_attempt_submit(quiz=quiz, user=pupil, answers={first: "0", second: "false"})
    from courses.models import LearnerIdentity

    account = str(LearnerIdentity.objects.get_or_create(user=pupil)[0].account_name)
    XapiStatement.objects.create(
        statement_id="6a9f2c1e-9d59-4a4c-8a6f-1f6f2a8d3b10",
        user=pupil,
        activity=quiz,
        verb="http://adlnet.gov/expapi/verbs/answered",
        object_id="https://reperes.example/quiz",
        payload={
            "actor": {"account": {"homePage": "https://reperes.example", "name": account}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        },
        timestamp=timezone.now(),
    )
    return card, pupil, quiz, account


def test_pupil_downloads_their_data(classroom, teacher, course, section):
    import json

    card, pupil, quiz, account = _pupil_with_work(classroom, teacher, course, section)
    response = client_for(pupil).get(reverse("courses:my_data") + "?format=json")
    data = json.loads(response.content)
    assert data["profile"]["username"] == card.username
    assert data["classes"][0]["display_name"] == "Léa Dupont"
    assert data["enrolments"][0]["course"] == course.title
    assert data["attempts"][0]["activity"] == "Quiz"
    assert data["statements"][0]["actor"]["account"]["name"] == account


def test_erasure_removes_personal_fields_and_keeps_class_figures(
    classroom, teacher, course, section
):
    from courses.models import XapiStatement
    from courses.privacy.services import learner_erase

    card, pupil, quiz, account = _pupil_with_work(classroom, teacher, course, section)
    before = class_progress(classroom=classroom)
    learner_erase(user=pupil)
    pupil.refresh_from_db()
    assert card.username not in pupil.username
    assert (pupil.first_name, pupil.last_name, pupil.email, pupil.is_active) == ("", "", "", False)
    assert not pupil.has_usable_password()
    assert ClassMembership.objects.get().display_name == ""
    statement = XapiStatement.objects.get()
    assert account not in str(statement.payload)
    after = class_progress(classroom=classroom)
    assert [c.completion_rate for c in after.columns] == [c.completion_rate for c in before.columns]
    assert [c.average_score for c in after.columns] == [c.average_score for c in before.columns]
    assert authenticate(username=card.username, password=card.password) is None


def test_pupil_erases_their_account_with_their_password(classroom, teacher, course, section):
    card, pupil, quiz, account = _pupil_with_work(classroom, teacher, course, section)
    client = client_for(pupil)
    wrong = client.post(reverse("courses:my_data"), {"password": "pas-le-bon"})
    assert wrong.status_code == 400
    assert authenticate(username=card.username, password=card.password) == pupil
    client.post(reverse("courses:my_data"), {"password": card.password})
    assert authenticate(username=card.username, password=card.password) is None


@pytest.mark.parametrize(
    ("who", "expected"),
    [("other_teacher", 404), ("pupil", 403), ("editor", 403), ("anonymous", 302)],
)
def test_only_the_classs_teacher_handles_a_pupils_data(actors, classroom, who, expected):
    url = reverse("courses:pupil_data", args=[classroom.pk, actors["pupil"].pk])
    client = client_for(actors[who])
    assert client.get(url + "?format=json").status_code == expected
    assert client.post(url, {"confirm": "effacer"}).status_code == expected
    assert ClassMembership.objects.get().display_name == "Léa"
    teacher = client_for(actors["teacher"])
    assert actors["card"].username in teacher.get(url + "?format=json").content.decode()
    teacher.post(url, {"confirm": "effacer"})
    assert ClassMembership.objects.get().display_name == ""


def test_classes_of_past_years_are_archived_then_their_pupils_purged(classroom, teacher, school):
    from django.core.management import call_command

    from courses.privacy.services import pupils_purge

    card = roster_add(classroom=classroom, teacher=teacher, names=["Léa"])[0]
    old = classroom_create(
        teacher=teacher, school=school, name="Ancienne", academic_year="2019-2020"
    )
    old_card = roster_add(classroom=old, teacher=teacher, names=["Noé"])[0]
    call_command("classes_archive", stdout=io.StringIO())
    old.refresh_from_db()
    classroom.refresh_from_db()
    assert old.archived and not classroom.archived
    assert pupils_purge() == 0  # archived today: kept for the retention period
    later = timezone.now() + timedelta(days=400)
    assert pupils_purge(now=later, retention_days=365) == 1
    assert authenticate(username=old_card.username, password=old_card.password) is None
    assert authenticate(username=card.username, password=card.password) is not None
    assert pupils_purge(now=later, retention_days=365) == 0  # already erased


def test_a_chosen_password_never_meets_a_username_it_resembles(classroom, monkeypatch):
    """The username is drawn again when the pupil's password resembles it."""
    names = iter(["tortue-piano-17", "lynx-bleu-42"])
    monkeypatch.setattr(classrooms, "username_generate", lambda: next(names))
    joined = class_join(code=classroom.join_code, display_name="Léa", password="tortue-piano-17")
    assert joined.membership.pupil.username == "lynx-bleu-42"


def test_an_archived_class_takes_no_new_pupil_nor_code(classroom, teacher):
    classroom.archived = True
    classroom.save()
    with pytest.raises(ClassroomRefused, match="archivée"):
        roster_add(classroom=classroom, teacher=teacher, names=["Léa"])
    with pytest.raises(ClassroomRefused, match="archivée"):
        classrooms.join_code_regenerate(classroom=classroom)
    assert not ClassMembership.objects.exists()


def test_a_co_teacher_of_the_school_is_added_and_then_sees_the_class(classroom, teacher, school):
    colleague = teacher_user("m-durand", school)
    outsider = teacher_user("m-ailleurs")
    client = client_for(teacher)
    url = reverse("courses:classroom_coteacher", args=[classroom.pk])
    client.post(url, {"teacher": outsider.pk})
    assert not classroom.teachers.filter(pk=outsider.pk).exists()
    client.post(url, {"teacher": colleague.pk})
    assert classroom.teachers.filter(pk=colleague.pk).exists()
    detail = reverse("courses:classroom_detail", args=[classroom.pk])
    assert client_for(colleague).get(detail).status_code == 200
    assert client_for(outsider).post(url, {"teacher": outsider.pk}).status_code == 404
