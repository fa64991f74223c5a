"""The written activity type as the course core sees it."""

from courses.activity_types import ActivityType, register


def register_type() -> None:
    from courses.activities.written import selectors, services
    from courses.activities.written.models import WRITTEN_RULES, WrittenActivity

    register(
        ActivityType(
            key="written",
            page_model=WrittenActivity,
            completion_rules=WRITTEN_RULES,
            graded=True,
            urls="courses.activities.written.urls",
            answer_rows=selectors.answer_rows,
            answer_rows_many=selectors.answer_rows_many,
            learner_data=services.learner_data,
            learner_erase=services.learner_erase,
            review_urls=selectors.review_urls,
        )
    )
