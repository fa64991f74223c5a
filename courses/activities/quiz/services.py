"""Quiz submissions: graded here, recorded as attempts by the completion module."""

from django.db import transaction

from courses.activities.quiz.grading import grade_quiz
from courses.activities.quiz.models import QuizActivity
from courses.completion.models import Attempt
from courses.completion.services import attempt_record


@transaction.atomic
def quiz_attempt_submit(*, quiz: QuizActivity, user, answers: dict) -> Attempt:
    raw, maximum, detail = grade_quiz(quiz, answers)
    return attempt_record(
        activity=quiz,
        user=user,
        score_raw=raw,
        score_max=maximum,
        score_scaled=(raw / maximum) if maximum else None,
        success=(raw / maximum * 100 >= quiz.pass_score) if maximum else None,
        responses=detail,
    )
