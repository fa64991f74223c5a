"""The resource link activity type as the course core sees it."""

from courses.activity_types import READ_RULES, ActivityType, register


def register_type() -> None:
    from courses.activities.resource_link.models import ResourceLinkActivity

    register(
        ActivityType(
            key="resource_link",
            page_model=ResourceLinkActivity,
            completion_rules=READ_RULES,
        )
    )
