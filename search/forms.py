"""Reading search parameters from a query string, strictly (API) or leniently (page)."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from search.backends.base import SearchQuery, Viewer
from search.documents import FACETS

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10


class SearchParameterError(ValueError):
    """A parameter the API refuses; the message is for the person who wrote the request."""


@dataclass(frozen=True)
class SearchParameters:
    text: str
    filters: dict[str, tuple[str, ...]]
    page: int
    page_size: int
    truncated: bool = False

    def query(self, *, viewer: Viewer) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            filters=self.filters,
            page=self.page,
            page_size=self.page_size,
            viewer=viewer,
        )


def _positive_int(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SearchParameterError(
            _("Le paramètre « %(name)s » doit être un nombre entier.") % {"name": name}
        ) from None
    if value < 1:
        raise SearchParameterError(
            _("Le paramètre « %(name)s » doit être supérieur ou égal à 1.") % {"name": name}
        )
    return value


def parse_search_parameters(
    params: QueryDict, *, known_values: Mapping[str, Collection[str]], strict: bool
) -> SearchParameters:
    """Text, filters, page and page size from a query string.

    Strict (API): an unknown facet value, a page or page size that is not a positive
    integer, or a page size above 100 raise ``SearchParameterError``. Lenient (page):
    unknown values are dropped and numbers fall back to defaults. In both cases a query
    longer than 200 characters is cut (``truncated`` tells).
    """
    raw_text = " ".join(params.get("q", "").split())
    text = raw_text[:MAX_QUERY_LENGTH].strip()
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = tuple(dict.fromkeys(v for v in params.getlist(facet) if v))
        unknown = [v for v in values if v not in known_values.get(facet, ())]
        if unknown and strict:
            raise SearchParameterError(
                _("Valeur inconnue pour « %(facet)s » : %(values)s.")
                % {"facet": facet, "values": ", ".join(v[:50] for v in unknown[:5])}
            )
        values = tuple(v for v in values if v not in unknown)
        if values:
            filters[facet] = values
    page, page_size = 1, DEFAULT_PAGE_SIZE
    if strict:
        if "page" in params:
            page = _positive_int(params["page"], "page")
        if "page_size" in params:
            page_size = _positive_int(params["page_size"], "page_size")
            if page_size > MAX_PAGE_SIZE:
                raise SearchParameterError(
                    _("Le paramètre « page_size » ne peut pas dépasser %(max)d.")
                    % {"max": MAX_PAGE_SIZE}
                )
    else:
        try:
            page = max(1, int(params.get("page", 1)))
        except ValueError:
            page = 1
    return SearchParameters(
        text=text,
        filters=filters,
        page=page,
        page_size=page_size,
        truncated=len(raw_text) > MAX_QUERY_LENGTH,
    )
