"""The lesson activity type as the course core sees it."""

from cms.content_import import body_from_item
from courses.activities.lesson.models import LessonActivity
from courses.activity_types import READ_RULES, ActivityType, register


def register_type() -> None:

    register(
        ActivityType(
            key="lesson",
            page_model=LessonActivity,
            completion_rules=READ_RULES,
            from_import=lesson_from_import,
        )
    )


def lesson_from_import(*, data: dict) -> dict:
    """A lesson's own fields in an imported course: ``body``, text or ``{type, value}`` blocks."""
    return {"body": body_from_item(LessonActivity, data["body"])} if "body" in data else {}
