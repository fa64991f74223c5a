"""Reusable reads for the scenario bank: listing, ratings, classes that used a scenario."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cms.models import Competence, Level, Theme
from cms.roles import is_teacher
from courses.api import classrooms_by_page
from media_literacy.scenarios.models import (
    Discipline,
    ScenarioFeedback,
    ScenarioIndexPage,
    ScenarioLinkedPage,
    ScenarioPage,
)


def scenarios_for_listing(
    *,
    index: ScenarioIndexPage,
    level: Level | None = None,
    discipline: Discipline | None = None,
    competence: Competence | None = None,
    duration: str = "",
    equipment: str = "",
    theme: Theme | None = None,
    sort: str = "",
) -> QuerySet[ScenarioPage] | list[ScenarioPage]:
    """Live scenarios under ``index``, filtered, each with ``rating_average`` and
    ``rating_count``; most recently published first by default.

    Sorts: ``title``, ``rated`` (best average first, then most ratings) and ``used``
    (most classes first, see ``scenario_class_counts``); ``used`` returns a list.
    """
    scenarios = ScenarioPage.objects.child_of(index).live().public()
    for field, term in (
        ("levels", level),
        ("disciplines", discipline),
        ("competences", competence),
        ("themes", theme),
    ):
        if term:
            scenarios = scenarios.filter(**{field: term})
    if equipment:
        scenarios = scenarios.filter(equipment=equipment)
    if duration == "1":
        scenarios = scenarios.filter(sessions=1)
    elif duration == "2-3":
        scenarios = scenarios.filter(sessions__in=[2, 3])
    elif duration == "4+":
        scenarios = scenarios.filter(sessions__gte=4)
    scenarios = scenarios_with_ratings(scenarios)
    recent = [F("first_published_at").desc(nulls_last=True), "title"]
    order = {
        "title": ["title"],
        "rated": [F("rating_average").desc(nulls_last=True), "-rating_count", *recent],
    }.get(sort, recent)
    scenarios = (
        scenarios.order_by(*order)
        .select_related("adapted_from")
        .prefetch_related("levels", "themes", "disciplines")
        .distinct()
    )
    if sort != "used":
        return scenarios
    scenarios = list(scenarios)
    counts = scenario_class_counts(scenario_ids=[scenario.pk for scenario in scenarios])
    # Counts under the threshold sort as none: the order must not tell 1–4 classes from 0.
    # Stable sort: equal counts keep the recent-first order.
    return sorted(
        scenarios, key=lambda scenario: -(scenario_classes_shown(counts.get(scenario.pk, 0)) or 0)
    )


def scenarios_with_ratings(scenarios: QuerySet) -> QuerySet:
    """Annotate ``rating_average`` (None when unrated) and ``rating_count``.

    Subqueries rather than joins, so the taxonomy filters' joins never multiply ratings.
    """
    feedback = (
        ScenarioFeedback.objects.filter(scenario=OuterRef("pk")).order_by().values("scenario")
    )
    return scenarios.annotate(
        rating_average=Subquery(
            feedback.annotate(average=Avg("score")).values("average"),
            output_field=FloatField(),
        ),
        rating_count=Coalesce(
            Subquery(feedback.annotate(total=Count("pk")).values("total")),
            Value(0),
        ),
    )


def scenario_class_counts(*, scenario_ids: Iterable[int]) -> dict[int, int]:
    """How many distinct classes were assigned the Repères activities each scenario links to.

    Counts only, never which classes: the page shows the figure from
    ``REPERES_MEDIA_LITERACY_SCENARIO_MIN_CLASSES`` up (see ``scenario_classes_shown``).
    """
    links = list(
        ScenarioLinkedPage.objects.filter(scenario_id__in=scenario_ids).values_list(
            "scenario_id", "page_id"
        )
    )
    classes = classrooms_by_page(page_ids={page_id for _scenario, page_id in links})
    per_scenario: dict[int, set[int]] = {}
    for scenario_id, page_id in links:
        per_scenario.setdefault(scenario_id, set()).update(classes.get(page_id, set()))
    return {scenario_id: len(found) for scenario_id, found in per_scenario.items()}


def scenario_classes_shown(count: int) -> int | None:
    """The class count to display, or None below the threshold (a small figure could
    point at one teacher's classes)."""
    return count if count >= settings.REPERES_MEDIA_LITERACY_SCENARIO_MIN_CLASSES else None


def scenario_rating(*, scenario: ScenarioPage) -> tuple[float | None, int]:
    """(average score, number of ratings) of one scenario."""
    figures = ScenarioFeedback.objects.filter(scenario=scenario).aggregate(
        average=Avg("score"), count=Count("pk")
    )
    return figures["average"], figures["count"]


def scenario_page_context(*, scenario: ScenarioPage, user) -> dict:
    """What a scenario page shows beyond its fields: ratings, published retours, how many
    classes used it (from the threshold up), and what the visiting teacher may do."""
    average, count = scenario_rating(scenario=scenario)
    teacher = is_teacher(user)
    own_feedback = (
        ScenarioFeedback.objects.filter(scenario=scenario, teacher=user).first()
        if teacher
        else None
    )
    return {
        "rating_average": average,
        "rating_count": count,
        "feedback_published": list(scenario_feedback_published(scenario=scenario)[:20]),
        "classes_count": scenario_classes_shown(
            scenario_class_counts(scenario_ids=[scenario.pk]).get(scenario.pk, 0)
        ),
        "can_adapt": teacher and scenario.live,
        "can_rate": teacher and scenario.live and scenario.author_id != user.pk,
        "own_feedback": own_feedback,
    }


def scenario_feedback_published(*, scenario: ScenarioPage) -> QuerySet[ScenarioFeedback]:
    """The retours d'expérience a moderator published, newest first."""
    return ScenarioFeedback.objects.filter(
        scenario=scenario, status=ScenarioFeedback.Status.PUBLISHED
    ).exclude(comment="")
