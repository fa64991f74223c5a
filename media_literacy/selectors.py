"""Reusable reads for editorial content."""

import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
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
    duration: str = "",
    equipment: str = "",
    theme: Theme | None = None,
    sort: str = "",
) -> QuerySet:
    """Live scenarios under ``index``, filtered; most recently published first by default."""
    from media_literacy.models import ScenarioPage

    scenarios = ScenarioPage.objects.child_of(index).live().public()
    for field, term in (("levels", level), ("disciplines", discipline), ("themes", theme)):
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
    order = ["title"] if sort == "title" else ["-first_published_at", "title"]
    return (
        scenarios.order_by(*order)
        .select_related("adapted_from")
        .prefetch_related("levels", "themes", "disciplines")
        .distinct()
    )


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
