"""The activity-type contract and registry: each activity type is a plugin.

A type lives in its own folder, ``courses/activities/<type>/``, as a Django app whose
``ready()`` calls ``register``; adding a type is adding its folder and its line in
``INSTALLED_APPS``. The course core (completion, classes, reports, privacy) reads this
registry and calls the hooks below; it never imports a type nor branches on one.

Every hook is optional and keyword-only:

``answer_rows(activity=, attempt=) -> list[AnswerRow]``
    One row per question of an attempt, with the learner's answer *in words* (reports,
    missed questions, exports).
``answer_rows_many(activity=, attempts=) -> dict[int, list[AnswerRow]]``
    The same for many attempts of one activity at once, by attempt pk, in a fixed number
    of queries (reports read hundreds of attempts); without it, ``answer_rows`` is
    called for each attempt.
``learner_data(user=) -> dict``
    What the type keeps about a learner beyond attempts and completions (privacy export).
``learner_erase(user=) -> None``
    Erase that data (right to erasure, pupils' purge).
``review_urls(activity=, pupils=) -> dict[int, str]``
    Where a teacher reads and marks each pupil's work, by pupil id, for the pupils who
    handed something in (the class report links to it), in a fixed number of queries.
``from_import(data=) -> dict``
    The type's own page fields from an activity of an ``import_content`` course item (the
    shared ones, completion rule, required, scores, are read by the course importer);
    raise ``cms.content_import.ItemError`` with a French message on a bad value. Types
    without it cannot be imported.
"""

from collections.abc import Callable
from dataclasses import dataclass

from courses.choices import CompletionRule

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
class AnswerRow:
    """One question of an attempt as a report shows it."""

    question_id: str
    question: str
    answer: str
    """The learner's answer in words ("Vrai", "Ne pas répondre", "Paris, Lyon"), never indices."""
    correct: bool | None = None
    """None when the question is not scored (an open answer awaiting a teacher)."""


@dataclass(frozen=True)
class ActivityType:
    key: str
    page_model: type
    completion_rules: tuple[CompletionRule, ...]
    graded: bool = False
    """Graded types have attempts with a score (quiz, H5P); others are viewed or marked done."""
    urls: str | None = None
    """Dotted path of a module whose ``urlpatterns`` join the ``courses`` namespace."""
    answer_rows: Callable[..., list[AnswerRow]] | None = None
    answer_rows_many: Callable[..., dict[int, list[AnswerRow]]] | None = None
    learner_data: Callable[..., dict] | None = None
    learner_erase: Callable[..., None] | None = None
    review_urls: Callable[..., dict[int, str]] | None = None
    from_import: Callable[..., dict] | None = None


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


def answer_rows_for(*, activity, attempt) -> list[AnswerRow]:
    """The per-question rows of ``attempt`` (``activity`` is the specific page)."""
    hook = activity_type_for(type(activity)).answer_rows
    return hook(activity=activity, attempt=attempt) if hook else []


def answer_rows_by_attempt(*, activity, attempts) -> dict[int, list[AnswerRow]]:
    """The per-question rows of each of ``attempts`` (all of ``activity``, the specific
    page), by attempt pk; an activity of no registered type has none."""
    try:
        activity_type = activity_type_for(type(activity))
    except LookupError:
        return {}
    attempts = list(attempts)
    if activity_type.answer_rows_many:
        return activity_type.answer_rows_many(activity=activity, attempts=attempts)
    if activity_type.answer_rows:
        return {
            attempt.pk: activity_type.answer_rows(activity=activity, attempt=attempt)
            for attempt in attempts
        }
    return {}


def learner_data_by_type(*, user) -> dict[str, dict]:
    """Each type's own data about ``user``, keyed by type (for the privacy export)."""
    return {t.key: t.learner_data(user=user) for t in _REGISTRY.values() if t.learner_data}


def learner_erase_by_type(*, user) -> None:
    for activity_type in _REGISTRY.values():
        if activity_type.learner_erase:
            activity_type.learner_erase(user=user)


def review_urls_for(*, activity, pupils) -> dict[int, str]:
    """Where a teacher reads each of ``pupils``' work on ``activity``, by pupil id."""
    model = getattr(activity, "specific_class", None) or type(activity)
    hook = activity_type_for(model).review_urls
    return hook(activity=activity, pupils=list(pupils)) if hook else {}
