"""import_content's kinds beyond the minimal page: scenarios, classes, and courses with their
sections and activities. Each: created, updated by a re-run, bad items reported with their
position and nothing of them written; and the demo's own data files import cleanly."""

import copy
import json
from datetime import datetime, time, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.content_import import content_import
from cms.factories import UserFactory
from cms.models import HomePage
from cms.roles import STUDENT_GROUP, TEACHER_GROUP
from courses.activities.lesson.models import LessonActivity
from courses.activities.quiz.models import QuizActivity
from courses.activities.resource_link.models import ResourceLinkActivity
from courses.completion.selectors import course_outline
from courses.models import (
    Assignment,
    ClassMembership,
    Classroom,
    CoursePage,
    CourseSectionPage,
    Enrolment,
    School,
)
from media_literacy.scenarios.models import Discipline, ScenarioIndexPage, ScenarioPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run_import(tmp_path, items, *args):
    path = tmp_path / "contenus.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def user_in(group: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


# ---- Courses with sections and activities -------------------------------------------------

QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "prompt": "Que faire avant de partager ?",
            "choices": [
                {"text": "Vérifier la source", "correct": True},
                {"text": "Partager vite", "correct": False},
            ],
        },
    },
    {"type": "true_false", "value": {"prompt": "Un mot de passe se prête.", "answer": False}},
]
COURSE = {
    "kind": "course",
    "slug": "mots-de-passe",
    "title": "Des mots de passe solides",
    "summary": "Un module de vingt minutes.",
    "audiences": ["eleves"],
    "levels": ["cycle-4"],
    "competences": ["4.1"],
    "estimated_duration": 20,
    "sections": [
        {
            "slug": "comprendre",
            "title": "Comprendre",
            "activities": [
                {
                    "type": "lesson",
                    "slug": "pourquoi",
                    "title": "Pourquoi ?",
                    "completion_rule": "viewed",
                    "body": "Un mot de passe protège vos comptes.\n\nNe le prêtez pas.",
                },
                {
                    "type": "resource_link",
                    "slug": "la-fiche",
                    "title": "La fiche",
                    "completion_rule": "viewed",
                    "required": False,
                    "intro": "À lire chez soi.",
                    "page": "mentions",
                },
            ],
        },
        {
            "slug": "verifier",
            "title": "Vérifier",
            "activities": [
                {
                    "type": "quiz",
                    "slug": "quiz",
                    "title": "Quiz",
                    "completion_rule": "passed",
                    "pass_score": 60,
                    "max_attempts": 3,
                    "questions": QUESTIONS,
                }
            ],
        },
    ],
}


@pytest.fixture
def linked_page(db):
    """A published page a resource link can point to (slug "mentions")."""
    from cms.factories import StandardPageFactory

    page = StandardPageFactory(parent=HomePage.objects.get(), title="Mentions", slug="mentions")
    page.save_revision().publish()
    return page


def course_tree(course: CoursePage) -> list[tuple]:
    return [
        (
            section.slug,
            [
                (a.slug, type(a).__name__, a.completion_rule, a.required)
                for a in section.get_children().specific()
            ],
        )
        for section in CourseSectionPage.objects.child_of(course).order_by("path")
    ]


def test_course_item_creates_sections_and_activities_published_in_order(tmp_path, linked_page):
    ok, out, err = run_import(tmp_path, [COURSE])
    assert ok, err
    course = CoursePage.objects.get(slug="mots-de-passe")
    assert list(course.competences.values_list("code", flat=True)) == ["4.1"]
    assert course_tree(course) == [
        (
            "comprendre",
            [
                ("pourquoi", "LessonActivity", "viewed", True),
                ("la-fiche", "ResourceLinkActivity", "viewed", False),
            ],
        ),
        ("verifier", [("quiz", "QuizActivity", "passed", True)]),
    ]
    lesson = LessonActivity.objects.get(slug="pourquoi")
    assert lesson.live and [b.block_type for b in lesson.body] == ["paragraph", "paragraph"]
    quiz = QuizActivity.objects.get(slug="quiz")
    assert (quiz.pass_score, quiz.max_attempts, len(quiz.questions)) == (60, 3, 2)
    assert ResourceLinkActivity.objects.get(slug="la-fiche").linked_page_id == linked_page.pk
    # What counts is decided by the completion module: the optional link does not.
    assert course_outline(course=course, user=AnonymousUser()).required_total == 2


def test_course_reimport_updates_sections_and_activities_by_slug(tmp_path, linked_page):
    run_import(tmp_path, [COURSE])
    lesson_pk = LessonActivity.objects.get(slug="pourquoi").pk
    changed = copy.deepcopy(COURSE)
    changed["sections"].reverse()  # "verifier" first now
    changed["sections"][1]["activities"][0].update(title="Pourquoi donc ?", required=False)
    changed["sections"][0]["activities"].append(
        {"type": "lesson", "slug": "bilan", "title": "Bilan", "completion_rule": "marked_done"}
    )
    ok, out, err = run_import(tmp_path, [changed])
    assert ok, err
    assert "0 créé(s), 1 mis à jour" in out
    course = CoursePage.objects.get(slug="mots-de-passe")
    assert [slug for slug, _activities in course_tree(course)] == ["verifier", "comprendre"]
    lesson = LessonActivity.objects.get(slug="pourquoi")
    assert (lesson.pk, lesson.title, lesson.required) == (lesson_pk, "Pourquoi donc ?", False)
    assert [a for a, *_rest in course_tree(course)[0][1]] == ["quiz", "bilan"]
    assert CourseSectionPage.objects.child_of(course).count() == 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda c: c["sections"][0]["activities"][0].update(type="podcast"),
            "section n° 1 : activité n° 1 : « type » doit valoir",
        ),
        (
            lambda c: c["sections"][0]["activities"][0].update(type="h5p"),
            "les activités « h5p » ne s'importent pas",
        ),
        (
            lambda c: c["sections"][0]["activities"][0].update(completion_rule="passed"),
            "Cette condition n'est pas disponible pour ce type d'activité.",
        ),
        (
            lambda c: c["sections"][1]["activities"][0]["questions"][0]["value"]["choices"][
                0
            ].update(correct=False),
            "section n° 2 : activité n° 1 : « questions » invalide : bloc n° 1",
        ),
        (
            lambda c: c["sections"][0]["activities"][1].update(page="absente"),
            "« page » : aucune page publiée à l'adresse « absente »",
        ),
        (
            lambda c: c["sections"][0]["activities"][1].pop("page"),
            "Choisissez une page ou un document.",
        ),
        (
            lambda c: c["sections"][0]["activities"].append(c["sections"][0]["activities"][0]),
            "le slug « pourquoi » apparaît deux fois dans la section",
        ),
        (
            lambda c: c["sections"][1]["activities"][0].update(pass_score=140),
            "« pass_score » doit être entre 0 et 100",
        ),
        (lambda c: c.update(competences=["9.9"]), "compétence(s) CRCN inconnue(s) : 9.9"),
    ],
)
def test_bad_course_items_are_reported_and_leave_nothing(tmp_path, linked_page, change, reason):
    bad = copy.deepcopy(COURSE)
    change(bad)
    good = {"kind": "course", "slug": "autre", "title": "Un autre parcours"}
    ok, _out, err = run_import(tmp_path, [good, bad])
    assert not ok
    assert "[2] course mots-de-passe : erreur" in err and reason in err, err
    assert CoursePage.objects.filter(slug="autre").exists()
    assert not CoursePage.objects.filter(slug="mots-de-passe").exists()
    assert not CourseSectionPage.objects.exists()
    assert not LessonActivity.objects.exists()


# ---- Scenarios ---------------------------------------------------------------------------

SCENARIO = {
    "kind": "scenario",
    "slug": "la-une",
    "title": "Fabriquer la une",
    "summary": "Les élèves hiérarchisent l'information.",
    "audiences": ["enseignants"],
    "levels": ["cycle-3"],
    "disciplines": ["francais"],
    "competences": ["1.1", "2.2"],
    "sessions": 2,
    "session_minutes": 50,
    "equipment": "group",
    "objectives": "Comprendre la hiérarchie de l'information.",
    "author_name": "M. Diallo",
    "author_school_kind": "ecole",
    "steps": [
        {"title": "Lancement", "minutes": 10, "instructions": "On lit trois unes.\n\nOn compare."},
        {
            "title": "Atelier",
            "minutes": 40,
            "instructions": "Chaque groupe titre.",
            "materials": "Journaux",
        },
    ],
}


def test_scenario_item_creates_a_published_scenario_in_the_bank(tmp_path):
    course_report = content_import(items=[{"kind": "course", "slug": "infox", "title": "Infox"}])
    assert not course_report.failed
    original = {**SCENARIO, "slug": "la-une-cm2", "title": "La une en CM2"}
    item = {**SCENARIO, "linked_pages": ["infox"], "adapted_from": "la-une-cm2"}
    ok, out, err = run_import(tmp_path, [original, item])
    assert ok, err
    page = ScenarioPage.objects.get(slug="la-une")
    assert page.live and isinstance(page.get_parent().specific, ScenarioIndexPage)
    assert (page.sessions, page.session_minutes, page.total_minutes) == (2, 50, 100)
    assert (page.equipment, page.author_name, page.author_school_kind) == (
        "group",
        "M. Diallo",
        "ecole",
    )
    assert [s.value["title"] for s in page.steps] == ["Lancement", "Atelier"]
    assert str(page.steps[0].value["instructions"]) == "<p>On lit trois unes.</p><p>On compare.</p>"
    assert list(page.disciplines.values_list("slug", flat=True)) == ["francais"]
    assert sorted(page.competences.values_list("code", flat=True)) == ["1.1", "2.2"]
    assert [link.page.slug for link in page.linked_pages.all()] == ["infox"]
    assert page.adapted_from.slug == "la-une-cm2"
    assert (page.adapted_from_title, page.adapted_from_author) == ("La une en CM2", "M. Diallo")


def test_scenario_reimport_updates_by_slug(tmp_path):
    run_import(tmp_path, [SCENARIO])
    pk = ScenarioPage.objects.get().pk
    changed = {**SCENARIO, "title": "Fabriquer la une du journal", "sessions": 3}
    changed["steps"] = [{"title": "Tout en une fois", "minutes": 55, "instructions": "Tout."}]
    ok, out, _err = run_import(tmp_path, [changed])
    assert ok and "1 mis à jour" in out
    page = ScenarioPage.objects.get()
    assert (page.pk, page.title, page.sessions, len(page.steps)) == (pk, changed["title"], 3, 1)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"author_name": ""}, "« author_name » est obligatoire"),
        ({"steps": []}, "« steps » doit être une liste d'étapes"),
        ({"equipment": "tablette"}, "« equipment » doit valoir"),
        ({"sessions": 0}, "« sessions » doit être un nombre entier de 1 à 20"),
        ({"disciplines": ["astronomie"]}, "disciplines inconnu(s) : astronomie"),
        ({"competences": ["7.7"]}, "compétence(s) CRCN inconnue(s) : 7.7"),
        ({"linked_pages": ["nulle-part"]}, "aucune page publiée à l'adresse « nulle-part »"),
        ({"adapted_from": "nulle-part"}, "« adapted_from » : aucune page publiée"),
        ({"body": "Du texte"}, "un scénario n'a pas de « body »"),
        (
            {"steps": [{"title": "Sans durée", "instructions": "x"}]},
            "« steps » invalide : bloc n° 1 › minutes",
        ),
    ],
)
def test_bad_scenario_items_are_reported_and_good_ones_kept(tmp_path, change, reason):
    good = {**SCENARIO, "slug": "bonne", "title": "Bonne"}
    ok, _out, err = run_import(tmp_path, [good, {**SCENARIO, **change}])
    assert not ok
    assert "[2] scenario la-une : erreur" in err and reason in err, err
    assert list(ScenarioPage.objects.values_list("slug", flat=True)) == ["bonne"]


def test_a_failing_scenario_leaves_no_discipline_behind(tmp_path):
    bad = {**SCENARIO, "disciplines": ["philosophie"], "equipment": "tablette"}
    ok, _out, _err = run_import(tmp_path, [bad], "--create-taxonomies")
    assert not ok
    assert not Discipline.objects.filter(slug="philosophie").exists()
    assert not ScenarioPage.objects.exists()


# ---- Classes -----------------------------------------------------------------------------

SCHOOL = {
    "uai": "0750654D",
    "name": "Collège Jean-Moulin",
    "kind": "college",
    "commune": "Paris",
    "departement": "75",
    "academie": "Paris",
}


@pytest.fixture
def class_item(db):
    user_in(TEACHER_GROUP, "mme-martin")
    user_in(STUDENT_GROUP, "lynx-bleu-42")
    report = content_import(items=[{"kind": "course", "slug": "infox", "title": "Infox"}])
    assert not report.failed
    return {
        "kind": "class",
        "school": SCHOOL,
        "name": "5e B",
        "level": "cycle-4",
        "teacher": "mme-martin",
        "pupils": [{"username": "lynx-bleu-42", "display_name": "Lynx"}, "Camille"],
        "assignments": [{"course": "infox", "due_in_days": 7, "instructions": "Pour lundi."}],
    }


def test_class_item_creates_school_class_pupils_and_assignments(tmp_path, class_item):
    ok, out, err = run_import(tmp_path, [class_item])
    assert ok, err
    assert "[1] class 0750654D/5e B : créé" in out
    classroom = Classroom.objects.get()
    assert (classroom.school.uai, classroom.name, classroom.level.slug) == (
        "0750654D",
        "5e B",
        "cycle-4",
    )
    assert list(classroom.teachers.values_list("username", flat=True)) == ["mme-martin"]
    assert classroom.school.teachers.filter(username="mme-martin").exists()
    names = dict(classroom.memberships.values_list("display_name", "pupil__username"))
    assert names["Lynx"] == "lynx-bleu-42" and set(names) == {"Lynx", "Camille"}
    camille = classroom.memberships.get(display_name="Camille").pupil
    assert camille.groups.filter(name=STUDENT_GROUP).exists() and not camille.email
    assignment = Assignment.objects.get()
    due_day = timezone.localdate() + timedelta(days=7)
    assert assignment.due_at == timezone.make_aware(datetime.combine(due_day, time(18, 0)))
    assert assignment.instructions == "Pour lundi."
    assert Enrolment.objects.filter(course__slug="infox").count() == 2  # both pupils


def test_class_reimport_updates_by_school_and_name(tmp_path, class_item):
    run_import(tmp_path, [class_item])
    classroom_pk, users_before = Classroom.objects.get().pk, ClassMembership.objects.count()
    user_in(STUDENT_GROUP, "castor-vert-17")
    class_item["pupils"] = [
        {"username": "lynx-bleu-42", "display_name": "Lynx B."},
        "Camille",
        {"username": "castor-vert-17", "display_name": "Castor"},
    ]
    class_item["assignments"][0]["due_in_days"] = 10
    ok, out, err = run_import(tmp_path, [class_item])
    assert ok, err
    assert "[1] class 0750654D/5e B : mis à jour" in out
    classroom = Classroom.objects.get()
    assert classroom.pk == classroom_pk
    assert sorted(classroom.memberships.values_list("display_name", flat=True)) == [
        "Camille",
        "Castor",
        "Lynx B.",
    ]
    assert ClassMembership.objects.count() == users_before + 1  # Camille not made twice
    assert timezone.localdate(Assignment.objects.get().due_at) == timezone.localdate() + timedelta(
        days=10
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"teacher": "inconnu"}, "« teacher » : aucun compte enseignant « inconnu »"),
        ({"teacher": "lynx-bleu-42"}, "aucun compte enseignant « lynx-bleu-42 »"),
        ({"school": "0750654A"}, "La lettre clé de ce code UAI devrait être « D »"),
        ({"school": "0750654D"}, "établissement 0750654D inconnu : donnez aussi name, kind"),
        ({"name": ""}, "« name » (le nom de la classe) est obligatoire"),
        ({"level": "cycle-9"}, "niveaux inconnu(s) : cycle-9"),
        (
            {"pupils": [{"username": "mme-martin", "display_name": "Prof"}]},
            "élève n° 1 : aucun compte élève « mme-martin »",
        ),
        ({"pupils": ["Camille", "Camille"]}, "élève n° 2 : « Camille » figure deux fois"),
        (
            {"assignments": [{"course": "absent", "due_in_days": 7}]},
            "affectation n° 1 : aucun parcours publié « absent »",
        ),
        (
            {"assignments": [{"course": "infox", "due_in_days": 1, "opens_in_days": 3}]},
            "affectation n° 1 : La date limite doit suivre la date d'ouverture.",
        ),
        (
            {"assignments": [{"course": "infox", "due_in_days": "demain"}]},
            "« due_in_days » doit être un nombre entier",
        ),
    ],
)
def test_bad_class_items_are_reported_and_leave_nothing(tmp_path, class_item, change, reason):
    accounts = get_user_model().objects.count()
    lyon = {**SCHOOL, "uai": "0690001B", "name": "Collège de Lyon", "commune": "Lyon"}
    good = {**class_item, "school": lyon, "name": "4e A", "pupils": [], "assignments": []}
    ok, _out, err = run_import(tmp_path, [good, {**class_item, **change}])
    assert not ok
    assert "[2] class " in err and reason in err, err
    assert list(Classroom.objects.values_list("name", flat=True)) == ["4e A"]
    assert get_user_model().objects.count() == accounts  # no pupil account half-made
    assert not Assignment.objects.exists()


def test_a_failing_class_creates_no_school(tmp_path, class_item):
    class_item["assignments"] = [{"course": "absent", "due_in_days": 7}]
    ok, _out, _err = run_import(tmp_path, [class_item])
    assert not ok
    assert not School.objects.exists() and not Classroom.objects.exists()


# ---- The demo's own data files -------------------------------------------------------------

DEMO_FILES = [
    ROOT / "media_literacy" / "demo_content" / "resources.json",
    ROOT / "courses" / "demo_content" / "courses.json",
    ROOT / "media_literacy" / "demo_content" / "scenarios.json",
    ROOT / "courses" / "demo_content" / "classes.json",
]


def test_demo_files_import_cleanly_and_reimport_as_updates(tmp_path):
    from cms.demo import load_cms_demo

    load_cms_demo(log=lambda message: None)  # themes, the demo document and accounts
    for path in DEMO_FILES:
        items = json.loads(path.read_text(encoding="utf-8"))
        out = StringIO()
        call_command("import_content", str(path), stdout=out)
        assert f"{len(items)} créé(s), 0 mis à jour, 0 en erreur" in out.getvalue(), path.name
    for path in DEMO_FILES:
        items = json.loads(path.read_text(encoding="utf-8"))
        out = StringIO()
        call_command("import_content", str(path), stdout=out)
        assert f"0 créé(s), {len(items)} mis à jour, 0 en erreur" in out.getvalue(), path.name
        out = StringIO()
        call_command("import_content", str(path), "--keep-existing", stdout=out)
        assert f"{len(items)} inchangé(s)" in out.getvalue(), path.name


def test_demo_files_use_only_known_kinds_and_themes():
    from cms.demo import THEMES

    themes = {slug for slug, _name in THEMES}
    for path in DEMO_FILES:
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert item["kind"] in {"course", "resource", "scenario", "class"}
            assert set(item.get("themes", [])) <= themes, (path.name, item.get("slug"))
