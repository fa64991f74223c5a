"""The activity-type registry: each activity type is a plugin that registers itself.

An ``ActivityType`` says which page model implements it and which completion rules it
supports. The course core reads this registry and never branches on a type; adding a
type is adding a module under ``courses/activities/`` (or any app) that calls
``register``.
"""

from dataclasses import dataclass

from courses.structure.models import CompletionRule

_REGISTRY: dict[str, "ActivityType"] = {}

# Rules for content the learner only reads, and for content that produces scored attempts.
READ_RULES = (CompletionRule.NONE, CompletionRule.VIEWED, CompletionRule.MARKED_DONE)
GRADED_RULES = (
    CompletionRule.NONE,
    CompletionRule.VIEWED,
    CompletionRule.SUBMITTED,
    CompletionRule.MIN_SCORE,
    CompletionRule.PASSED,
)


@dataclass(frozen=True)
class ActivityType:
    key: str
    page_model: type
    completion_rules: tuple[CompletionRule, ...]
    graded: bool = False
    """Graded types have attempts with a score (quiz, H5P); others are viewed or marked done."""
    urls: str | None = None
    """Dotted path of a module whose ``urlpatterns`` join the ``courses`` namespace."""


def register(activity_type: ActivityType) -> ActivityType:
    _REGISTRY[activity_type.key] = activity_type
    return activity_type


def activity_types() -> list[ActivityType]:
    return list(_REGISTRY.values())


def activity_type_urls() -> list:
    """The routes the registered types bring (read once, when the URLconf loads)."""
    from django.utils.module_loading import import_string

    patterns = []
    for activity_type in _REGISTRY.values():
        if activity_type.urls:
            patterns += import_string(f"{activity_type.urls}.urlpatterns")
    return patterns


def activity_type_for(page_model: type) -> ActivityType:
    for activity_type in _REGISTRY.values():
        if issubclass(page_model, activity_type.page_model):
            return activity_type
    raise LookupError(f"{page_model.__name__} is not a registered activity type")
