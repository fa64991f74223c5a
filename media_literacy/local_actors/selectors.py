"""Reusable reads for local actors."""

from django.db.models import QuerySet

from media_literacy.local_actors.departements import departement_label
from media_literacy.local_actors.models import LocalActor, LocalService


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
