"""The one search interface; engines implement ``SearchBackend``.

Backends know nothing of Wagtail pages: they index ``SearchDocument`` values and answer
``SearchQuery`` values with ``SearchResults``. Labels, promotions, query statistics and the
fallback to the database engine live in ``search.services``.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from search.documents import FACETS, SearchDocument

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while rebuilding."""


class SearchUnavailable(Exception):
    """The engine cannot be reached or refused the request; callers may fall back."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is searching, as far as Wagtail view restrictions are concerned."""

    authenticated: bool = False
    group_ids: frozenset[int] = frozenset()
    is_superuser: bool = False

    @classmethod
    def anonymous(cls) -> "Viewer":
        return cls()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A catalogue query. ``text`` may be empty: then every document matches, newest first.

    ``filters`` maps a facet name to the accepted values (OR within a facet, AND across
    facets). ``page`` starts at 1.
    """

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10
    viewer: Viewer = field(default_factory=Viewer)
    exclude_ids: tuple[str, ...] = ()

    def filter_values(self, facet: str) -> tuple[str, ...]:
        return tuple(self.filters.get(facet, ()))


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    page_id: int
    kind: str
    title: str
    url: str
    summary: str
    highlight: str = ""
    """Safe HTML: escaped text with matched words in ``<mark>``; empty when nothing to show."""
    title_highlight: str = ""
    audience: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An autocomplete entry: a title that starts like what is being typed."""

    id: str
    title: str
    url: str
    kind: str


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an engine really does; shown to users and API clients, never faked."""

    stemming: bool
    accent_folding: bool
    elision: bool
    synonyms: str
    """``"analysis"`` (index analysis, multi-word), ``"expansion"`` (query-time OR) or ``"none"``."""
    fuzziness: bool
    phrase_boost: bool
    did_you_mean: bool
    autocomplete: str
    """``"edge_ngram"``, ``"prefix"`` or ``"none"``."""

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class SearchResults:
    count: int
    hits: tuple[SearchHit, ...]
    facets: Mapping[str, tuple[FacetCount, ...]]
    """For each facet of ``FACETS``: counts computed with every other facet's filter but
    not its own (post-filter semantics), sorted by count descending then value."""
    engine: str
    page: int
    page_size: int
    suggestion: str = ""

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // self.page_size))


@dataclass(frozen=True, slots=True)
class BackendStatus:
    engine: str
    available: bool
    document_count: int | None
    detail: str = ""
    index_name: str = ""


class SearchBackend(ABC):
    """A search engine. Implementations must be safe to share between threads."""

    engine: str
    capabilities: Capabilities

    @abstractmethod
    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Add or replace documents (by id)."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents; unknown ids are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def suggest(self, text: str, *, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        """Titles for autocomplete, best first."""

    @abstractmethod
    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Replace the whole index with ``docs`` without interrupting searches."""

    @abstractmethod
    def document_ids(self) -> set[str]:
        """Every indexed id (used to reconcile after a rebuild and by ``search_status``)."""

    @abstractmethod
    def status(self) -> BackendStatus: ...

    def refresh(self) -> None:  # noqa: B027 - optional hook
        """Make recent writes visible to searches (tests, rebuild); no-op by default."""


def empty_facets() -> dict[str, tuple[FacetCount, ...]]:
    return dict.fromkeys(FACETS, ())


def viewer_may_see(doc_restriction: str, doc_groups: Iterable[int], viewer: Viewer) -> bool:
    """The restriction rule every engine applies (engines express it in their own query language)."""
    if doc_restriction == "public":
        return True
    if not viewer.authenticated:
        return False
    if doc_restriction == "login" or viewer.is_superuser:
        return True
    return bool(viewer.group_ids & set(doc_groups))
