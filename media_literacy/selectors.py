"""Reusable reads for editorial content."""

import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from cms.models import Audience, Level, Theme
from media_literacy.departements import departement_label
from media_literacy.models import (
    CampaignIndexPage,
    CampaignPage,
    LocalActor,
    LocalService,
    ResourceIndexPage,
    ResourcePage,
)

RANK_CURRENT, RANK_UPCOMING, RANK_ENDED = 0, 1, 2


def campaigns_for_listing(
    *,
    index: CampaignIndexPage,
    audience: Audience | None = None,
    theme: Theme | None = None,
    today: datetime.date | None = None,
) -> QuerySet[CampaignPage]:
    """Live campaigns under ``index``: current ones (ending soonest first), then upcoming
    ones (starting soonest first), then past ones (most recently ended first)."""
    today = today or timezone.localdate()
    campaigns = CampaignPage.objects.child_of(index).live().public()
    if audience:
        campaigns = campaigns.filter(audiences=audience)
    if theme:
        campaigns = campaigns.filter(themes=theme)
    return (
        campaigns.annotate(
            status_rank=Case(
                When(start_date__gt=today, then=Value(RANK_UPCOMING)),
                When(end_date__lt=today, then=Value(RANK_ENDED)),
                default=Value(RANK_CURRENT),
                output_field=IntegerField(),
            ),
            soonest=Case(
                When(status_rank=RANK_CURRENT, then=F("end_date")),
                When(status_rank=RANK_UPCOMING, then=F("start_date")),
            ),
            latest=Case(When(status_rank=RANK_ENDED, then=F("end_date"))),
        )
        .order_by(
            "status_rank",
            F("soonest").asc(nulls_last=True),
            F("latest").desc(nulls_last=True),
            "title",
        )
        .select_related("hero_image")
        .prefetch_related("audiences", "themes")
        .distinct()
    )


def resources_for_listing(
    *,
    index: ResourceIndexPage,
    kind: str = "",
    audience: Audience | None = None,
    level: Level | None = None,
    theme: Theme | None = None,
) -> QuerySet[ResourcePage]:
    """Live resources under ``index``, most recently published first."""
    resources = ResourcePage.objects.child_of(index).live().public()
    if kind:
        resources = resources.filter(resource_kind=kind)
    for field, term in (("audiences", audience), ("levels", level), ("themes", theme)):
        if term:
            resources = resources.filter(**{field: term})
    return (
        resources.order_by("-first_published_at", "title")
        .prefetch_related("audiences", "levels", "themes")
        .distinct()
    )


def scenarios_for_listing(
    *,
    index,
    level: Level | None = None,
    discipline=None,
    competence=None,
    duration: str = "",
    equipment: str = "",
    theme: Theme | None = None,
    sort: str = "",
):
    """Live scenarios under ``index``, filtered, each with ``rating_average`` and
    ``rating_count``; most recently published first by default.

    Sorts: ``title``, ``rated`` (best average first, then most ratings) and ``used``
    (most classes first, see ``scenario_class_counts``); ``used`` returns a list.
    """
    from media_literacy.models import ScenarioPage

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
    from media_literacy.models import ScenarioFeedback

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


def scenario_class_counts(*, scenario_ids) -> dict[int, int]:
    """How many distinct classes were assigned the Repères activities each scenario links to.

    Counts only, never which classes: the page shows the figure from
    ``REPERES_MEDIA_LITERACY_SCENARIO_MIN_CLASSES`` up (see ``scenario_classes_shown``).
    """
    from courses.classes.selectors import classrooms_by_page
    from media_literacy.models import ScenarioLinkedPage

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


def scenario_rating(*, scenario) -> tuple[float | None, int]:
    """(average score, number of ratings) of one scenario."""
    from media_literacy.models import ScenarioFeedback

    figures = ScenarioFeedback.objects.filter(scenario=scenario).aggregate(
        average=Avg("score"), count=Count("pk")
    )
    return figures["average"], figures["count"]


def scenario_page_context(*, scenario, user) -> dict:
    """What a scenario page shows beyond its fields: ratings, published retours, how many
    classes used it (from the threshold up), and what the visiting teacher may do."""
    from cms.roles import is_teacher
    from media_literacy.models import ScenarioFeedback

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


def scenario_feedback_published(*, scenario) -> QuerySet:
    """The retours d'expérience a moderator published, newest first."""
    from media_literacy.models import ScenarioFeedback

    return ScenarioFeedback.objects.filter(
        scenario=scenario, status=ScenarioFeedback.Status.PUBLISHED
    ).exclude(comment="")


def paginate(items, *, request: HttpRequest, per_page: int) -> PaginatorPage:
    """The requested page of ``items``; out-of-range or malformed numbers give the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def local_actors_filter(
    *, departement: str | None = None, service: str | None = None
) -> QuerySet[LocalActor]:
    """Local actors in a département and/or offering a service (by slug), ready to list."""
    actors = LocalActor.objects.all()
    if departement:
        actors = actors.filter(departement=departement)
    if service:
        actors = actors.filter(services__slug=service)
    return actors.prefetch_related("services", "audiences").order_by("departement", "name", "pk")


def local_actor_departement_choices() -> list[tuple[str, str]]:
    """The départements that have at least one actor, as (code, « 75 — Paris ») pairs."""
    codes = (
        LocalActor.objects.exclude(departement="")
        .order_by("departement")
        .values_list("departement", flat=True)
        .distinct()
    )
    return [(code, departement_label(code)) for code in codes]


def local_service_choices() -> list[tuple[str, str]]:
    """The services at least one actor offers, as (slug, name) pairs."""
    services = LocalService.objects.filter(actors__isnull=False).distinct().order_by("name")
    return list(services.values_list("slug", "name"))
