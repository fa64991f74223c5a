"""What the catalogue indexes: one ``SearchDocument`` per published page of a registered type."""

from dataclasses import dataclass, field
from datetime import datetime

FACETS: tuple[str, ...] = ("kind", "audience", "level", "theme")
"""Facet names, in display order. ``kind`` is single-valued, the others are lists."""

RESTRICTION_PUBLIC = "public"
RESTRICTION_LOGIN = "login"
RESTRICTION_GROUPS = "groups"


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """A page as the search engines see it: plain text, facet values (slugs), ranking signals.

    ``restriction`` mirrors Wagtail's view restrictions: ``public`` pages are shown to
    everyone, ``login`` pages to signed-in people, ``groups`` pages to members of
    ``group_ids``. Password-protected pages are never indexed.
    """

    id: str
    page_id: int
    kind: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    audience: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    published_at: datetime | None = None
    popularity: int = 0
    restriction: str = RESTRICTION_PUBLIC
    group_ids: tuple[int, ...] = field(default=())

    def facet_values(self, facet: str) -> tuple[str, ...]:
        value = getattr(self, facet)
        return (value,) if isinstance(value, str) else tuple(value)
