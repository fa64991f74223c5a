"""Completion rules, grading methods, attempts and course completion (Moodle's semantics)."""

from decimal import Decimal

import pytest

from cms.factories import UserFactory
from courses.activities.quiz.services import quiz_attempt_submit
from courses.completion.rules import attempts_grade
from courses.completion.services import (
    AttemptRefused,
    activity_mark_done,
    activity_view_record,
    attempt_record,
)
from courses.factories import LessonActivityFactory, QuizActivityFactory
from courses.models import (
    ActivityCompletion,
    CompletionRule,
    CompletionState,
    CourseCompletion,
    Enrolment,
)
from courses.structure.services import enrolment_end

pytestmark = pytest.mark.django_db


def score(activity, user, scaled):
    return attempt_record(
        activity=activity,
        user=user,
        score_raw=None,
        score_max=None,
        score_scaled=Decimal(str(scaled)),
    )


def state(activity, user) -> str:
    return ActivityCompletion.objects.get(activity=activity, user=user).state


def test_viewed_rule(section, learner):
    lesson = LessonActivityFactory(parent=section, completion_rule=CompletionRule.VIEWED)
    activity_view_record(activity=lesson, user=learner)
    assert state(lesson, learner) == CompletionState.COMPLETE


def test_marked_done_rule_needs_the_learner_to_mark_it(section, learner):
    lesson = LessonActivityFactory(parent=section, completion_rule=CompletionRule.MARKED_DONE)
    activity_view_record(activity=lesson, user=learner)
    assert state(lesson, learner) == CompletionState.IN_PROGRESS
    activity_mark_done(activity=lesson, user=learner)
    assert state(lesson, learner) == CompletionState.COMPLETE
    activity_mark_done(activity=lesson, user=learner, done=False)
    assert state(lesson, learner) == CompletionState.IN_PROGRESS


def test_submitted_rule_completes_on_any_attempt(section, learner):
    quiz = QuizActivityFactory(parent=section, completion_rule=CompletionRule.SUBMITTED)
    score(quiz, learner, 0)
    assert state(quiz, learner) == CompletionState.COMPLETE


@pytest.mark.parametrize(("scaled", "expected"), [("0.7", "complete"), ("0.69999", "in_progress")])
def test_min_score_rule_at_the_exact_minimum(section, learner, scaled, expected):
    quiz = QuizActivityFactory(
        parent=section, completion_rule=CompletionRule.MIN_SCORE, min_score=Decimal(70)
    )
    score(quiz, learner, scaled)
    assert state(quiz, learner) == expected


def test_min_score_fails_when_attempts_run_out(section, learner):
    quiz = QuizActivityFactory(
        parent=section,
        completion_rule=CompletionRule.MIN_SCORE,
        min_score=Decimal(70),
        max_attempts=1,
    )
    score(quiz, learner, "0.5")
    assert state(quiz, learner) == CompletionState.FAILED


@pytest.mark.parametrize(
    ("scaled", "expected"), [("0.5", "passed"), ("0.49999", "failed"), ("1", "passed")]
)
def test_passed_rule_with_score_exactly_at_the_pass_mark(section, learner, scaled, expected):
    quiz = QuizActivityFactory(
        parent=section, completion_rule=CompletionRule.PASSED, pass_score=Decimal(50)
    )
    score(quiz, learner, scaled)
    assert state(quiz, learner) == expected


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "0.9"), ("average", "0.63333"), ("first", "0.4"), ("last", "0.6")],
)
def test_grading_methods(section, learner, method, expected):
    quiz = QuizActivityFactory(parent=section, grading_method=method)
    for scaled in ("0.4", "0.9", "0.6"):
        score(quiz, learner, scaled)
    completion = ActivityCompletion.objects.get(activity=quiz, user=learner)
    assert completion.grade == Decimal(expected)
    assert completion.attempt_count == 3


def test_grading_method_decides_pass_or_fail(section, learner):
    quiz = QuizActivityFactory(parent=section, grading_method="last", pass_score=Decimal(50))
    score(quiz, learner, "0.9")
    score(quiz, learner, "0.2")
    assert state(quiz, learner) == CompletionState.FAILED  # the last attempt counts


def test_attempts_beyond_the_maximum_are_refused(section, learner):
    quiz = QuizActivityFactory(parent=section, max_attempts=2)
    score(quiz, learner, "0.1")
    score(quiz, learner, "0.2")
    with pytest.raises(AttemptRefused, match="Vous avez utilisé vos 2 tentatives"):
        score(quiz, learner, "1")
    assert quiz.attempts.count() == 2


def test_empty_attempt_list_has_no_grade():
    assert attempts_grade(scores=[], method="highest") is None


def test_quiz_grading_and_feedback(section, learner):
    quiz = QuizActivityFactory(parent=section, pass_score=Decimal(100))
    questions = list(quiz.questions)
    attempt = quiz_attempt_submit(
        quiz=quiz, user=learner, answers={questions[0].id: "0", questions[1].id: "true"}
    )
    assert (attempt.score_raw, attempt.score_max, attempt.success) == (1, 2, False)
    assert attempt.responses[questions[0].id] == {
        "response": "0",
        "correct": True,
        "feedback": ["Oui !"],
    }
    assert state(quiz, learner) == CompletionState.FAILED
    attempt = quiz_attempt_submit(
        quiz=quiz, user=learner, answers={questions[0].id: "0", questions[1].id: "false"}
    )
    assert attempt.number == 2 and attempt.score_scaled == 1
    assert state(quiz, learner) == CompletionState.PASSED


def test_short_answer_ignores_case_and_accents(section, learner):
    quiz = QuizActivityFactory(
        parent=section,
        questions=[
            (
                "short_answer",
                {"prompt": "Synonyme d'infox ?", "accepted": ["désinformation"], "feedback": ""},
            )
        ],
    )
    question = next(iter(quiz.questions))
    attempt = quiz_attempt_submit(
        quiz=quiz, user=learner, answers={question.id: "  DESINFORMATION "}
    )
    assert attempt.score_raw == 1


def test_course_completes_when_every_required_activity_does(course, section, learner):
    lesson = LessonActivityFactory(parent=section, completion_rule=CompletionRule.VIEWED)
    quiz = QuizActivityFactory(parent=section, completion_rule=CompletionRule.PASSED)
    LessonActivityFactory(parent=section, completion_rule=CompletionRule.VIEWED, required=False)
    LessonActivityFactory(parent=section, completion_rule=CompletionRule.NONE)
    activity_view_record(activity=lesson, user=learner)
    assert not CourseCompletion.objects.exists()
    score(quiz, learner, "0.8")
    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert completion.grade == Decimal("0.8")


def test_course_minimum_grade(course, section, learner):
    course.min_course_grade = Decimal(90)
    course.save_revision().publish()
    quiz = QuizActivityFactory(parent=section, completion_rule=CompletionRule.SUBMITTED)
    score(quiz, learner, "0.8")
    assert not CourseCompletion.objects.exists()
    score(quiz, learner, "0.95")  # highest attempt counts
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


def test_changing_a_rule_recomputes_existing_completions(course, section, learner):
    quiz = QuizActivityFactory(parent=section, completion_rule=CompletionRule.SUBMITTED)
    other = UserFactory(username="castor-vert")
    score(quiz, learner, "0.6")
    score(quiz, other, "0.9")
    assert CourseCompletion.objects.count() == 2

    quiz.completion_rule, quiz.pass_score = CompletionRule.PASSED, Decimal(80)
    quiz.save_revision().publish()  # publishing recomputes every learner's completion

    assert state(quiz, learner) == CompletionState.FAILED
    assert state(quiz, other) == CompletionState.PASSED
    assert list(CourseCompletion.objects.values_list("user__username", flat=True)) == [
        "castor-vert"
    ]


def test_unenrolment_keeps_history(course, section, learner):
    lesson = LessonActivityFactory(parent=section)
    activity_view_record(activity=lesson, user=learner)
    enrolment_end(course=course, user=learner)
    assert Enrolment.objects.get(user=learner).status == Enrolment.Status.ENDED
    assert ActivityCompletion.objects.filter(user=learner).exists()


def test_completion_rule_must_suit_the_activity_type(section):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        LessonActivityFactory(parent=section, completion_rule=CompletionRule.PASSED)
