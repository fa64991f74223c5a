"""The quiz activity type as the course core sees it."""

from courses.activity_types import GRADED_RULES, ActivityType, register


def register_type() -> None:
    from courses.activities.quiz.models import QuizActivity

    register(
        ActivityType(
            key="quiz",
            page_model=QuizActivity,
            completion_rules=GRADED_RULES,
            graded=True,
        )
    )
