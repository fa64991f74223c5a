"""Content apps register the page types they want in the catalogue.

``search`` imports no content model: in its ``AppConfig.ready()``, a content app calls
``register_page_type(CampaignPage, kind="campaign", label=_("Campagne"),
to_search_document=campaign_search_document)``. The builder receives a live, specific
page and returns the fields only it knows (title, summary, body, facets, popularity);
the registry adds what every page shares (id, URL, restriction, publication date).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from wagtail.models import Page, PageViewRestriction

from search.documents import (
    RESTRICTION_GROUPS,
    RESTRICTION_LOGIN,
    RESTRICTION_PUBLIC,
    SearchDocument,
)

DocumentFields = dict
"""What a builder returns: keyword arguments of ``SearchDocument`` (title, summary, body,
keywords, audience, level, theme, popularity…)."""


@dataclass(frozen=True)
class RegisteredType:
    model: type[Page]
    kind: str
    label: str | Promise
    to_search_document: Callable[[Page], DocumentFields]


_registry: dict[type[Page], RegisteredType] = {}


def register_page_type(
    model: type[Page],
    *,
    kind: str,
    label: str | Promise,
    to_search_document: Callable[[Page], DocumentFields],
) -> None:
    """Index live pages of ``model`` (subclasses included) as documents of ``kind``."""
    _registry[model] = RegisteredType(model, kind, label, to_search_document)


def registered_types() -> list[RegisteredType]:
    return list(_registry.values())


def kind_labels() -> dict[str, str | Promise]:
    return {entry.kind: entry.label for entry in _registry.values()}


def registration_for(page: Page) -> RegisteredType | None:
    for klass in type(page).__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def document_id(page_id: int) -> str:
    return str(page_id)


def page_restriction(page: Page) -> tuple[str, tuple[int, ...]] | None:
    """The strictest view restriction on the page or an ancestor; None when password-protected."""
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    if not restrictions:
        return RESTRICTION_PUBLIC, ()
    if any(r.restriction_type == PageViewRestriction.PASSWORD for r in restrictions):
        return None
    group_sets = [
        {group.pk for group in r.groups.all()}
        for r in restrictions
        if r.restriction_type == PageViewRestriction.GROUPS
    ]
    if group_sets:
        # Every restriction must be satisfied: the allowed groups are the intersection.
        allowed = set.intersection(*group_sets)
        return RESTRICTION_GROUPS, tuple(sorted(allowed))
    return RESTRICTION_LOGIN, ()


def build_document(page: Page) -> SearchDocument | None:
    """The document for ``page``, or None when it must not be in the catalogue.

    Not indexed: unregistered types, pages that are not live or whose ancestors are not
    live, password-protected pages, pages outside any site (no URL).
    """
    page = page.specific
    registration = registration_for(page)
    if registration is None or not page.live:
        return None
    if page.get_ancestors().filter(depth__gt=1, live=False).exists():
        return None
    restriction = page_restriction(page)
    if restriction is None:
        return None
    url = page.get_url()
    if not url:
        return None
    fields = registration.to_search_document(page)
    return SearchDocument(
        id=document_id(page.pk),
        page_id=page.pk,
        kind=registration.kind,
        url=url,
        published_at=page.last_published_at or page.first_published_at,
        restriction=restriction[0],
        group_ids=restriction[1],
        **{"title": page.title, **fields},
    )
