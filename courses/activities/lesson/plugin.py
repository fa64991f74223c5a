"""The lesson activity type as the course core sees it."""

from courses.activity_types import READ_RULES, ActivityType, register


def register_type() -> None:
    from courses.activities.lesson.models import LessonActivity

    register(
        ActivityType(
            key="lesson",
            page_model=LessonActivity,
            completion_rules=READ_RULES,
        )
    )
