"""The quiz activity type as the course core sees it."""

from cms.content_import import check_boolean, check_text, stream_from_raw
from courses.activities.quiz.answers import quiz_answer_rows
from courses.activities.quiz.models import QuizActivity
from courses.activity_types import GRADED_RULES, ActivityType, register


def register_type() -> None:

    register(
        ActivityType(
            key="quiz",
            page_model=QuizActivity,
            completion_rules=GRADED_RULES,
            graded=True,
            answer_rows=quiz_answer_rows,
            from_import=quiz_from_import,
        )
    )


def quiz_from_import(*, data: dict) -> dict:
    """A quiz's own fields in an imported course: ``intro``, ``shuffle`` and ``questions``,
    a list of ``{type, value}`` blocks (single_choice, multiple_choice, true_false,
    short_answer), checked as the admin checks them."""
    fields = {}
    if "intro" in data:
        fields["intro"] = check_text(data, "intro")
    if "shuffle" in data:
        fields["shuffle"] = check_boolean(data, "shuffle")
    if "questions" in data:
        stream_block = QuizActivity._meta.get_field("questions").stream_block
        fields["questions"] = stream_from_raw(stream_block, data["questions"], field="questions")
    return fields
