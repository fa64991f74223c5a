"""Answers in words: each activity type turns its attempts into one row per question.

Quiz rows come from the attempt's stored responses (choice indices, "true"/"false", the
text typed); H5P rows from the attempt's xAPI statements, decoded with each
interaction's definition. Reports, the class's missed questions and the privacy export
read them through the activity-type hooks, never a type's own code.
"""

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import wagtail_factories
from django.utils import translation
from openpyxl import load_workbook

from cms.factories import UserFactory
from courses.activities.h5p.interactions import (
    clean_text,
    localized,
    response_in_words,
    statement_answer,
)
from courses.activities.h5p.models import H5PActivity, H5PPackage
from courses.activities.quiz.services import quiz_attempt_submit
from courses.activity_types import AnswerRow, answer_rows_by_attempt, answer_rows_for
from courses.factories import QuizActivityFactory
from courses.models import Attempt, CompletionRule
from courses.reports.selectors import course_answers
from courses.xapi.statements import ACTIVITY_EXTENSION, statements_parse, statements_store

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


# --- H5P statements as H5P builds them ------------------------------------------------------
#
# Shapes follow each library's getXAPIDefinition / addResponseToXAPI (H5P core labels every
# text "en-US", whatever its language) and the xAPI 1.0.3 interaction types.

MULTI_CHOICE = {
    "interactionType": "choice",
    "type": INTERACTION,
    "name": {"en-US": "Source fiable"},
    "description": {"en-US": "<p>Quelles sources sont fiables ?</p>\n"},
    "correctResponsesPattern": ["0[,]2"],
    "choices": [
        {"id": "0", "description": {"en-US": "Le site d'un journal\n"}},
        {"id": "1", "description": {"en-US": "Un compte anonyme\n"}},
        {"id": "2", "description": {"en-US": "Une agence de presse\n"}},
    ],
    "extensions": {"http://h5p.org/x-api/h5p-local-content-id": 1},
}
TRUE_FALSE = {
    "interactionType": "true-false",
    "type": INTERACTION,
    "description": {"en-US": "Une photo peut être sortie de son contexte."},
    "correctResponsesPattern": ["true"],
}
BLANKS = {  # H5P.Blanks (Fill in the blanks)
    "interactionType": "fill-in",
    "type": INTERACTION,
    "description": {
        "en-US": "<p>Complétez.</p><br/>Les sites publics finissent par __________ ; "
        "un article daté a une __________."
    },
    "correctResponsesPattern": ["{case_matters=false}.gouv.fr[,]date"],
}
DRAG_TEXT = {  # H5P.DragText (Drag the Words): fill-in, one dropped word per blank
    "interactionType": "fill-in",
    "type": INTERACTION,
    "description": {
        "en-US": "Faites glisser les mots.<br/>Une __________ vérifiée cite ses __________ ."
    },
    "correctResponsesPattern": ["information[,]sources"],
}
DRAG_QUESTION = {  # H5P.DragQuestion (drag and drop): matching, "dropzone[.]draggable"
    "interactionType": "matching",
    "type": INTERACTION,
    "description": {"en-US": "Classez chaque document"},
    "source": [
        {"id": "0", "description": {"en-US": "Un article de presse"}},
        {"id": "1", "description": {"en-US": "Un éditorial"}},
    ],
    "target": [
        {"id": "0", "description": {"en-US": "Information"}},
        {"id": "1", "description": {"en-US": "Opinion"}},
    ],
    "correctResponsesPattern": ["0[.]0[,]1[.]1"],
}
SEQUENCING = {
    "interactionType": "sequencing",
    "type": INTERACTION,
    "description": {"en-US": "Dans quel ordre vérifier ?"},
    "choices": [
        {"id": "auteur", "description": {"en-US": "L'auteur"}},
        {"id": "date", "description": {"en-US": "La date"}},
        {"id": "sources", "description": {"en-US": "Les sources"}},
    ],
}


def h5p_statement(
    definition,
    response,
    *,
    object_id="http://testserver/h5p/1",
    verb=ANSWERED,
    library="H5P.MultiChoice-1.16",
    parent=None,
    score=None,
    success=None,
    registration=None,
    activity=None,
    timestamp=None,
) -> dict:
    raw, maximum = score if score is not None else (1, 1)
    result = {
        "score": {"min": 0, "max": maximum, "raw": raw, "scaled": raw / maximum},
        "completion": True,
        "duration": "PT4.25S",
    }
    if response is not None:
        result["response"] = response
    if success is not None:
        result["success"] = success
    context = {
        "contextActivities": {
            "category": [{"id": f"http://h5p.org/libraries/{library}", "objectType": "Activity"}],
        },
    }
    if parent:
        context["contextActivities"]["parent"] = [{"id": parent, "objectType": "Activity"}]
    if registration:
        context["registration"] = str(registration)
    if activity is not None:
        context["extensions"] = {ACTIVITY_EXTENSION: activity.pk}
    body = {
        "id": str(uuid.uuid4()),
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {"id": object_id, "objectType": "Activity", "definition": definition},
        "result": result,
        "context": context,
        "timestamp": (timestamp or datetime.now(UTC)).isoformat(),
    }
    return body


# --- Interactions, statement by statement ---------------------------------------------------


def test_choice_response_is_the_chosen_descriptions():
    row = statement_answer(h5p_statement(MULTI_CHOICE, "0[,]2", success=True))
    assert row == AnswerRow(
        question_id="http://testserver/h5p/1",
        question="Quelles sources sont fiables ?",
        answer="Le site d'un journal, Une agence de presse",
        correct=True,
    )


def test_true_false_response_is_vrai_or_faux():
    assert statement_answer(h5p_statement(TRUE_FALSE, "false", success=False)).answer == "Faux"
    with translation.override("fr"):
        assert response_in_words(TRUE_FALSE, "true") == "Vrai"


def test_fill_in_response_lists_each_blank_and_says_which_are_empty():
    row = statement_answer(h5p_statement(BLANKS, ".gouv.fr[,]", success=False, score=(1, 2)))
    assert row.question == (
        "Complétez. Les sites publics finissent par __________ ; un article daté a une __________."
    )
    assert row.answer == ".gouv.fr ; (vide)"
    assert row.correct is False


def test_drag_text_response_is_the_words_dropped_and_full_marks_mean_correct():
    # Drag the Words sends no result.success: the score decides.
    right = statement_answer(
        h5p_statement(DRAG_TEXT, "information[,]sources", library="H5P.DragText-1.10", score=(2, 2))
    )
    wrong = statement_answer(
        h5p_statement(DRAG_TEXT, "sources[,]information", library="H5P.DragText-1.10", score=(0, 2))
    )
    assert (right.answer, right.correct) == ("information ; sources", True)
    assert (wrong.answer, wrong.correct) == ("sources ; information", False)
    assert (
        right.question == "Faites glisser les mots. Une __________ vérifiée cite ses __________ ."
    )


def test_drag_and_drop_matching_reads_h5p_dropzone_first_pairs():
    row = statement_answer(
        h5p_statement(
            DRAG_QUESTION, "1[.]0[,]0[.]1", library="H5P.DragQuestion-1.14", success=False
        )
    )
    assert row.answer == "Un article de presse → Opinion ; Un éditorial → Information"


def test_matching_from_other_tools_reads_source_first_as_the_spec_says():
    definition = {
        "interactionType": "matching",
        "source": [{"id": "ben", "description": {"en-US": "Ben"}}],
        "target": [{"id": "3", "description": {"en-US": "Troisième"}}],
    }
    assert response_in_words(definition, "ben[.]3") == "Ben → Troisième"
    # Whatever the tool, pairs that only fit the other way round are read that way.
    assert response_in_words(definition, "3[.]ben") == "Ben → Troisième"


def test_sequencing_numeric_likert_performance_and_other():
    assert response_in_words(SEQUENCING, "sources[,]auteur[,]date") == (
        "Les sources → L'auteur → La date"
    )
    with translation.override("fr"):
        assert response_in_words({"interactionType": "numeric"}, "4[:]7") == "de 4 à 7"
        assert response_in_words({"interactionType": "numeric"}, "12") == "12"
    likert = {
        "interactionType": "likert",
        "scale": [{"id": "likert_1", "description": {"en-US": "D'accord"}}],
    }
    assert response_in_words(likert, "likert_1") == "D'accord"
    performance = {
        "interactionType": "performance",
        "steps": [{"id": "1", "description": {"en-US": "Rechercher l'image"}}],
    }
    assert response_in_words(performance, "1[.]recherche inversée") == (
        "Rechercher l'image : recherche inversée"
    )
    assert response_in_words({"interactionType": "other"}, "texte libre") == "texte libre"


def test_empty_response_is_sans_reponse_and_unknown_ids_stay_as_they_are():
    with translation.override("fr"):
        assert response_in_words(MULTI_CHOICE, "") == "Sans réponse"
        assert response_in_words(DRAG_TEXT, "[,]") == "Sans réponse"
    assert response_in_words(MULTI_CHOICE, "1[,]9") == "Un compte anonyme, 9"


def test_statements_without_an_interaction_are_no_question():
    question_set = h5p_statement(
        {"name": {"en-US": "Quiz"}, "interactionType": "compound"}, None, verb=COMPLETED
    )
    assert statement_answer(question_set) is None
    assert statement_answer(h5p_statement({"name": {"en-US": "Vidéo"}}, "x")) is None
    assert statement_answer(h5p_statement(MULTI_CHOICE, None)) is None  # no response


def test_description_in_the_current_language_then_french_then_any():
    texts = {"en-US": "Is it true?", "fr-FR": "Est-ce vrai ?", "de": "Stimmt das?"}
    assert localized(texts, "fr") == "Est-ce vrai ?"
    assert localized(texts, "en") == "Is it true?"
    assert localized(texts, "de-AT") == "Stimmt das?"
    assert localized({"es": "¿Es verdad?", "fr": "Vrai ?"}, "en") == "Vrai ?"
    assert localized({"en-US": "Only English"}, "fr") == "Only English"
    definition = {**TRUE_FALSE, "description": texts}
    with translation.override("en"):
        assert statement_answer(h5p_statement(definition, "true")).question == "Is it true?"
    with translation.override("fr"):
        assert statement_answer(h5p_statement(definition, "true")).question == "Est-ce vrai ?"


def test_html_is_dropped_from_descriptions():
    assert clean_text("<p>L&#39;&eacute;t&eacute;</p><br>suivant &lt;b&gt;") == "L'été suivant <b>"


# --- Quiz attempts ---------------------------------------------------------------------------


def four_kinds():
    choices = [
        {"text": "Vérifier la source", "correct": True, "feedback": ""},
        {"text": "Partager vite", "correct": False, "feedback": ""},
        {"text": "Chercher la date", "correct": True, "feedback": ""},
    ]
    return [
        ("single_choice", {"prompt": "Premier réflexe ?", "choices": choices, "explanation": ""}),
        ("multiple_choice", {"prompt": "Bons réflexes ?", "choices": choices, "explanation": ""}),
        (
            "true_false",
            {
                "prompt": "Une image peut mentir.",
                "answer": True,
                "feedback_true": "",
                "feedback_false": "",
            },
        ),
        (
            "short_answer",
            {"prompt": "Synonyme d'infox ?", "accepted": ["désinformation"], "feedback": ""},
        ),
    ]


@pytest.fixture
def quiz(section):
    return QuizActivityFactory(parent=section, title="Quiz des réflexes", questions=four_kinds())


def ids(quiz) -> list[str]:
    return [question.id for question in quiz.questions]


@pytest.mark.django_db
def test_quiz_rows_show_each_kind_of_answer_in_words(quiz, learner):
    single, multiple, true_false, short = ids(quiz)
    attempt = quiz_attempt_submit(
        quiz=quiz,
        user=learner,
        answers={single: "1", multiple: ["0", "2"], true_false: "true", short: " Désinformation "},
    )
    with translation.override("fr"):
        rows = answer_rows_for(activity=quiz, attempt=attempt)
    assert rows == [
        AnswerRow(single, "Premier réflexe ?", "Partager vite", False),
        AnswerRow(multiple, "Bons réflexes ?", "Vérifier la source, Chercher la date", True),
        AnswerRow(true_false, "Une image peut mentir.", "Vrai", True),
        AnswerRow(short, "Synonyme d'infox ?", "Désinformation", True),
    ]


@pytest.mark.django_db
def test_quiz_questions_left_blank_are_sans_reponse(quiz, learner):
    single, multiple, true_false, short = ids(quiz)
    # What the form posts for blank questions: nothing, an empty list, an empty text.
    attempt = quiz_attempt_submit(
        quiz=quiz, user=learner, answers={single: None, multiple: [], true_false: None, short: ""}
    )
    with translation.override("fr"):
        rows = answer_rows_for(activity=quiz, attempt=attempt)
    assert [(row.answer, row.correct) for row in rows] == [("Sans réponse", False)] * 4


@pytest.mark.django_db
def test_quiz_old_and_odd_rows_are_read_too(quiz, learner):
    single, multiple, true_false, short = ids(quiz)
    attempt = Attempt.objects.create(
        user=learner,
        activity=quiz,
        number=1,
        completed_at=datetime.now(UTC),
        responses={
            single: {"response": 2, "correct": True},  # an integer index
            multiple: {"response": ["0", "7"], "correct": False},  # a choice removed since
            true_false: False,  # a bare value, no detail
            "removed-question": {"response": "texte", "correct": False},
        },
    )
    with translation.override("fr"):
        rows = answer_rows_for(activity=quiz, attempt=attempt)
    assert [(row.question, row.answer, row.correct) for row in rows] == [
        ("Premier réflexe ?", "Chercher la date", True),
        ("Bons réflexes ?", "Vérifier la source, réponse n° 7 (supprimée)", False),
        ("Une image peut mentir.", "Faux", None),
        ("Question supprimée", "texte", False),
    ]  # the short answer question was added after this attempt: no row


@pytest.mark.django_db
def test_attempt_without_responses_has_no_rows(quiz, learner):
    attempt = Attempt.objects.create(
        user=learner, activity=quiz, number=1, completed_at=datetime.now(UTC)
    )
    assert answer_rows_for(activity=quiz, attempt=attempt) == []


# --- H5P attempts, through the LRS ------------------------------------------------------------


class H5PActivityFactory(wagtail_factories.PageFactory):
    title = "Vérifier une information"
    completion_rule = CompletionRule.SUBMITTED

    class Meta:
        model = H5PActivity


@pytest.fixture
def h5p_activity(section):
    package = H5PPackage.objects.create(
        title="Quiz H5P",
        sha256="0" * 64,
        storage_path="h5p/00/" + "0" * 64 + "/",
        main_library="H5P.QuestionSet",
        main_library_major=1,
        main_library_minor=20,
        h5p_json={"mainLibrary": "H5P.QuestionSet"},
        size=1,
    )
    return H5PActivityFactory(parent=section, package=package)


QUESTION_SET = "http://testserver/h5p/7"


def play_question_set(activity, user, answers, *, at=None):
    """One player load: the sub-questions answered, then the set completed."""
    registration = uuid.uuid4()
    start = at or datetime.now(UTC)
    statements = []
    for index, (suffix, definition, response, library, score, success) in enumerate(answers):
        statements.append(
            h5p_statement(
                definition,
                response,
                object_id=f"{QUESTION_SET}?subContentId={suffix}",
                library=library,
                parent=QUESTION_SET,
                score=score,
                success=success,
                registration=registration,
                activity=activity,
                timestamp=start + timedelta(seconds=index),
            )
        )
    earned = sum(score[0] for *_rest, score, _success in answers)
    total = sum(score[1] for *_rest, score, _success in answers)
    statements.append(
        h5p_statement(
            {"name": {"en-US": "Vérifier une information"}, "type": INTERACTION},
            None,
            object_id=QUESTION_SET,
            verb=COMPLETED,
            library="H5P.QuestionSet-1.20",
            score=(earned, total),
            registration=registration,
            activity=activity,
            timestamp=start + timedelta(seconds=len(answers)),
        )
    )
    statements_store(
        user=user, statements=statements_parse(statements), home_page="http://testserver"
    )
    return Attempt.objects.get(user=user, activity=activity, registration=registration)


def all_five(drag_text="information[,]sources"):
    """A question set of the five kinds; only the true-false one is answered wrong (and
    the drag-text one when told another ``drag_text``)."""
    drag_score = (2, 2) if drag_text == "information[,]sources" else (0, 2)
    return [
        ("choice", MULTI_CHOICE, "0[,]2", "H5P.MultiChoice-1.16", (2, 2), True),
        ("vrai-faux", TRUE_FALSE, "false", "H5P.TrueFalse-1.8", (0, 1), False),
        ("trous", BLANKS, ".gouv.fr[,]date", "H5P.Blanks-1.14", (2, 2), True),
        ("glisser", DRAG_TEXT, drag_text, "H5P.DragText-1.10", drag_score, None),
        ("classer", DRAG_QUESTION, "0[.]0[,]1[.]1", "H5P.DragQuestion-1.14", (2, 2), True),
    ]


@pytest.mark.django_db
def test_h5p_attempt_rows_come_from_its_statements(h5p_activity, learner):
    attempt = play_question_set(h5p_activity, learner, all_five())
    with translation.override("fr"):
        rows = answer_rows_for(activity=h5p_activity, attempt=attempt)
    assert [(row.question, row.answer, row.correct) for row in rows] == [
        ("Quelles sources sont fiables ?", "Le site d'un journal, Une agence de presse", True),
        ("Une photo peut être sortie de son contexte.", "Faux", False),
        (
            "Complétez. Les sites publics finissent par __________ ; un article daté a une "
            "__________.",
            ".gouv.fr ; date",
            True,
        ),
        (
            "Faites glisser les mots. Une __________ vérifiée cite ses __________ .",
            "information ; sources",
            True,
        ),
        (
            "Classez chaque document",
            "Un article de presse → Information ; Un éditorial → Opinion",
            True,
        ),
    ]
    assert rows[0].question_id == f"{QUESTION_SET}?subContentId=choice"


@pytest.mark.django_db
def test_each_h5p_attempt_has_its_own_answers_and_a_retry_keeps_the_last(h5p_activity, learner):
    first = play_question_set(h5p_activity, learner, all_five(drag_text="sources[,]"))
    retried = all_five()
    retried.append(("vrai-faux", TRUE_FALSE, "true", "H5P.TrueFalse-1.8", (1, 1), True))
    second = play_question_set(
        h5p_activity, learner, retried, at=datetime.now(UTC) + timedelta(minutes=5)
    )
    with translation.override("fr"):
        rows = answer_rows_by_attempt(activity=h5p_activity, attempts=[first, second])
    assert (first.number, second.number) == (1, 2)
    assert [row.answer for row in rows[first.pk]][1:4] == [
        "Faux",
        ".gouv.fr ; date",
        "sources ; (vide)",
    ]
    assert len(rows[second.pk]) == 5  # the retried question once, in its first place
    assert (rows[second.pk][1].answer, rows[second.pk][1].correct) == ("Vrai", True)


@pytest.mark.django_db
def test_h5p_single_question_attempt_without_registration(h5p_activity, learner):
    statement = h5p_statement(MULTI_CHOICE, "1", activity=h5p_activity, success=False)
    statements_store(
        user=learner, statements=statements_parse([statement]), home_page="http://testserver"
    )
    attempt = Attempt.objects.get(activity=h5p_activity)
    assert attempt.registration is None
    rows = answer_rows_for(activity=h5p_activity, attempt=attempt)
    assert [(row.answer, row.correct) for row in rows] == [("Un compte anonyme", False)]


@pytest.mark.django_db
def test_h5p_rows_of_many_attempts_take_one_query(
    h5p_activity, section, django_assert_max_num_queries
):
    attempts = []
    for n in range(6):
        user = UserFactory(username=f"eleve-{n}")
        attempts.append(play_question_set(h5p_activity, user, all_five()))
    with django_assert_max_num_queries(1):
        rows = answer_rows_by_attempt(activity=h5p_activity, attempts=attempts)
    assert all(len(rows[attempt.pk]) == 5 for attempt in attempts)


# --- Reports ----------------------------------------------------------------------------------


@pytest.fixture
def answered(quiz, h5p_activity, learner):
    single, multiple, true_false, short = ids(quiz)
    quiz_attempt_submit(
        quiz=quiz,
        user=learner,
        answers={single: "0", multiple: ["1"], true_false: "false", short: "rumeur"},
    )
    play_question_set(h5p_activity, learner, all_five())
    return quiz, h5p_activity


EXPECTED_ANSWER_ROWS = [
    ["lynx-bleu", "Quiz des réflexes", "1", "Premier réflexe ?", "Vérifier la source", "oui"],
    ["lynx-bleu", "Quiz des réflexes", "1", "Bons réflexes ?", "Partager vite", "non"],
    ["lynx-bleu", "Quiz des réflexes", "1", "Une image peut mentir.", "Faux", "non"],
    ["lynx-bleu", "Quiz des réflexes", "1", "Synonyme d'infox ?", "rumeur", "non"],
    [
        "lynx-bleu",
        "Vérifier une information",
        "1",
        "Quelles sources sont fiables ?",
        "Le site d'un journal, Une agence de presse",
        "oui",
    ],
    [
        "lynx-bleu",
        "Vérifier une information",
        "1",
        "Une photo peut être sortie de son contexte.",
        "Faux",
        "non",
    ],
    [
        "lynx-bleu",
        "Vérifier une information",
        "1",
        "Complétez. Les sites publics finissent par __________ ; un article daté a une __________.",
        ".gouv.fr ; date",
        "oui",
    ],
    [
        "lynx-bleu",
        "Vérifier une information",
        "1",
        "Faites glisser les mots. Une __________ vérifiée cite ses __________ .",
        "information ; sources",
        "oui",
    ],
    [
        "lynx-bleu",
        "Vérifier une information",
        "1",
        "Classez chaque document",
        "Un article de presse → Information ; Un éditorial → Opinion",
        "oui",
    ],
]


@pytest.mark.django_db
def test_course_answers_has_one_row_per_learner_and_question(course, answered):
    with translation.override("fr"):
        headers, rows = course_answers(course=course)
    assert headers == ["Élève", "Activité", "Tentative", "Question", "Réponse", "Correcte"]
    assert rows == EXPECTED_ANSWER_ROWS


@pytest.mark.django_db
def test_course_answers_queries_do_not_grow_with_learners(
    course, quiz, h5p_activity, django_assert_max_num_queries
):
    for n in range(5):
        user = UserFactory(username=f"eleve-{n}")
        quiz_attempt_submit(quiz=quiz, user=user, answers={})
        play_question_set(h5p_activity, user, all_five())
    # Activities (one query, then one per page type), attempts, one for the H5P activity.
    with django_assert_max_num_queries(6):
        _headers, rows = course_answers(course=course)
    assert len(rows) == 5 * (4 + 5)


@pytest.mark.django_db
def test_admin_report_and_its_exports_show_answers_in_words(reporter, course, answered):
    url = f"/admin/parcours/{course.pk}/rapport/"
    html = reporter.get(url).content.decode()
    assert "Réponses" in html
    assert "Un article de presse → Information ; Un éditorial → Opinion" in html
    assert "Vérifier la source" in html
    csv_text = reporter.get(url, {"export": "csv", "table": "answers"}).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert lines[0] == ["Élève", "Activité", "Tentative", "Question", "Réponse", "Correcte"]
    assert lines[1:] == EXPECTED_ANSWER_ROWS
    workbook = load_workbook(
        io.BytesIO(reporter.get(url, {"export": "xlsx", "table": "answers"}).content)
    )
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[1:] == EXPECTED_ANSWER_ROWS


# --- The class's missed questions and the privacy export --------------------------------------


@pytest.mark.django_db
def test_missed_questions_count_h5p_questions_too(course, h5p_activity):
    from django.contrib.auth.models import Group

    from cms.roles import TEACHER_GROUP
    from courses.classes.selectors import assignment_missed_questions
    from courses.classes.services import classroom_create, roster_add
    from courses.models import ClassMembership, School
    from tests.factories import assign

    school = School.objects.create(
        uai="0750654D",
        name="Collège Victor-Hugo",
        kind=School.Kind.MIDDLE,
        commune="Paris",
        departement="75",
        academie="Paris",
    )
    teacher = UserFactory(username="mme-martin")
    teacher.groups.add(Group.objects.get_or_create(name=TEACHER_GROUP)[0])
    school.teachers.add(teacher)
    classroom = classroom_create(teacher=teacher, school=school, name="5e B")
    roster_add(classroom=classroom, teacher=teacher, names=["Léa", "Noé"])
    lea, noe = (m.pupil for m in ClassMembership.objects.order_by("display_name"))
    assignment = assign(classroom, teacher, course)
    play_question_set(h5p_activity, lea, all_five())
    play_question_set(h5p_activity, noe, all_five(drag_text="sources[,]information"))
    missed = assignment_missed_questions(assignment=assignment)
    assert [(m.prompt, m.missed, m.answered) for m in missed] == [
        ("Une photo peut être sortie de son contexte.", 2, 2),
        ("Faites glisser les mots. Une __________ vérifiée cite ses __________ .", 1, 2),
    ]
    assert missed[0].activity.specific_class is H5PActivity


@pytest.mark.django_db
def test_privacy_export_gives_each_attempt_its_answers_in_words(quiz, h5p_activity, learner):
    from courses.privacy.services import learner_data_export

    single, multiple, true_false, short = ids(quiz)
    quiz_attempt_submit(quiz=quiz, user=learner, answers={single: "0", true_false: "true"})
    play_question_set(h5p_activity, learner, all_five())
    with translation.override("fr"):
        data = json.loads(json.dumps(learner_data_export(user=learner)))
    by_activity = {attempt["activity"]: attempt["answers"] for attempt in data["attempts"]}
    assert by_activity["Quiz des réflexes"][0] == {
        "question": "Premier réflexe ?",
        "answer": "Vérifier la source",
        "correct": True,
    }
    assert by_activity["Quiz des réflexes"][1]["answer"] == "Sans réponse"
    assert by_activity["Vérifier une information"][4]["answer"] == (
        "Un article de presse → Information ; Un éditorial → Opinion"
    )
    # Neither keeps data of its own about learners: their answers are in the attempts.
    assert "quiz" not in data["activity_types"] and "h5p" not in data["activity_types"]


@pytest.mark.django_db
def test_privacy_goes_through_each_types_own_hooks(learner, monkeypatch):
    from courses import activity_types
    from courses.privacy.services import learner_data_export, learner_erase

    erased = []
    fake = activity_types.ActivityType(
        key="carnet",
        page_model=type("Carnet", (), {}),
        completion_rules=activity_types.READ_RULES,
        learner_data=lambda *, user: {"pages": [f"notes de {user.username}"]},
        learner_erase=lambda *, user: erased.append(user.pk),
    )
    monkeypatch.setitem(activity_types._REGISTRY, "carnet", fake)
    assert learner_data_export(user=learner)["activity_types"]["carnet"] == {
        "pages": ["notes de lynx-bleu"]
    }
    learner_erase(user=learner)
    assert erased == [learner.pk]
