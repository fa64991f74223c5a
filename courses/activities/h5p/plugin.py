"""The h5p activity type as the course core sees it."""

from courses.activity_types import GRADED_RULES, ActivityType, register


def register_type() -> None:
    from courses.activities.h5p.models import H5PActivity

    register(
        ActivityType(
            key="h5p",
            page_model=H5PActivity,
            completion_rules=GRADED_RULES,
            graded=True,
            urls="courses.activities.h5p.urls",
        )
    )
