"""The h5p activity type as the course core sees it."""

from courses.activities.h5p.answers import h5p_answer_rows, h5p_answer_rows_many
from courses.activities.h5p.models import H5PActivity
from courses.activity_types import GRADED_RULES, ActivityType, register


def register_type() -> None:

    register(
        ActivityType(
            key="h5p",
            page_model=H5PActivity,
            completion_rules=GRADED_RULES,
            graded=True,
            urls="courses.activities.h5p.urls",
            answer_rows=h5p_answer_rows,
            answer_rows_many=h5p_answer_rows_many,
        )
    )
