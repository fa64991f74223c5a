"""Reusable reads for resources."""

from django.db.models import QuerySet

from cms.models import Audience, Level, Theme
from media_literacy.resources.models import ResourceIndexPage, ResourcePage


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
