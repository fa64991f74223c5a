"""Search services: keeping the index true, answering the catalogue, rebuilding."""

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from search import registry
from search.backends import get_database_backend, get_search_backend, uses_separate_engine
from search.backends.base import (
    FacetCount,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Viewer,
    viewer_may_see,
)
from search.documents import FACETS, SearchDocument
from search.models import SearchQueryDay, normalize_query

logger = logging.getLogger(__name__)
FALLBACK_CACHE_KEY = "search:primary-unavailable"


# --- Keeping the index true --------------------------------------------------------------


def registered_page_ids(pages) -> list[int]:
    """Ids among ``pages`` (a Page queryset) whose type is in the catalogue."""
    models = [entry.model for entry in registry.registered_types()]
    if not models:
        return []
    return list(pages.type(*models).values_list("pk", flat=True))


def subtree_page_ids(page: Page) -> list[int]:
    return registered_page_ids(Page.objects.descendant_of(page, inclusive=True))


def documents_for_pages(page_ids: Iterable[int]) -> tuple[list[SearchDocument], list[str]]:
    """(documents to index, ids to remove) for the pages' current state."""
    pages = {page.pk: page for page in Page.objects.filter(pk__in=list(page_ids)).specific()}
    docs, removed = [], []
    for page_id in page_ids:
        page = pages.get(page_id)
        doc = registry.build_document(page) if page is not None else None
        if doc is None:
            removed.append(registry.document_id(page_id))
        else:
            docs.append(doc)
    return docs, removed


def search_index_pages(*, page_ids: Iterable[int]) -> dict:
    """Make both engines agree with the pages (database engine first: it is the fallback).

    Raises ``SearchUnavailable`` when the configured engine cannot be reached; the database
    engine is already up to date by then.
    """
    page_ids = list(page_ids)
    docs, removed = documents_for_pages(page_ids)
    engines = [get_database_backend()]
    if uses_separate_engine():
        engines.append(get_search_backend())
    for engine in engines:
        if docs:
            engine.index(docs)
        if removed:
            engine.delete(removed)
    return {"indexed": len(docs), "removed": len(removed)}


def all_documents() -> Iterator[SearchDocument]:
    """Every page that belongs in the catalogue, as documents."""
    ids = registered_page_ids(Page.objects.live())
    for start in range(0, len(ids), 200):
        docs, _removed = documents_for_pages(ids[start : start + 200])
        yield from docs


def catalogue_size() -> int:
    return len(registered_page_ids(Page.objects.live()))


@dataclass
class RebuildReport:
    engine: str
    documents: int
    reconciled: int = 0


def search_rebuild(
    *, backends: Iterable[SearchBackend] | None = None, progress: ProgressCallback | None = None
) -> list[RebuildReport]:
    """Rebuild every engine from the pages, without interrupting searches.

    Pages published while a rebuild runs are caught up afterwards: the database engine's
    rows updated since the start are written again to the new index, and ids that vanished
    are removed.
    """
    if backends is None:
        backends = [get_database_backend()]
        if uses_separate_engine():
            backends.append(get_search_backend())
    reports = []
    for backend in backends:
        started = timezone.now()
        total = catalogue_size()
        counter = _Counter()
        backend.rebuild(counter.wrap(all_documents()), total=total, progress=progress)
        reports.append(RebuildReport(backend.engine, counter.count))
        if backend is not get_database_backend():
            reports[-1].reconciled = _reconcile(backend, since=started)
    return reports


def search_index_ensure(*, backends: Iterable[SearchBackend]) -> list[str]:
    """Rebuild the engines whose documents are not the catalogue's pages; return their names.

    Cheap when nothing changed (one comparison of ids per engine), so the demo loader and
    deployments can call it every time.
    """
    expected = {registry.document_id(pk) for pk in registered_page_ids(Page.objects.live())}
    rebuilt = []
    for backend in backends:
        try:
            current = backend.document_ids()
        except SearchUnavailable:
            logger.warning("Search engine %s unavailable: index not checked.", backend.engine)
            continue
        if current != expected:
            search_rebuild(backends=[backend])
            rebuilt.append(backend.engine)
    return rebuilt


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def wrap(self, docs: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
        for doc in docs:
            self.count += 1
            yield doc


def _reconcile(backend: SearchBackend, *, since) -> int:
    from search.models import SearchEntry

    changed = list(
        SearchEntry.objects.filter(updated_at__gte=since).values_list("page_id", flat=True)
    )
    docs, removed = documents_for_pages(changed)
    if docs:
        backend.index(docs)
    expected = get_database_backend().document_ids()
    stale = backend.document_ids() - expected
    if stale or removed:
        backend.delete(sorted(stale | set(removed)))
    return len(docs) + len(stale)


# --- Answering the catalogue -------------------------------------------------------------


@dataclass
class CatalogueResults:
    """What the search page and the API show: results, promoted pages, labels, engine."""

    query: SearchQuery
    results: SearchResults
    promoted: list[SearchHit] = field(default_factory=list)
    degraded: bool = False
    """True when the configured engine failed and the database engine answered."""

    @property
    def engine(self) -> str:
        return self.results.engine


def capabilities_of(engine: str) -> dict:
    """The capabilities of the engine that answered (configured or database fallback)."""
    for backend in (get_search_backend(), get_database_backend()):
        if backend.engine == engine:
            return backend.capabilities.as_dict()
    return {}


def viewer_for(user) -> Viewer:
    if user is None or not user.is_authenticated:
        return Viewer.anonymous()
    return Viewer(
        authenticated=True,
        group_ids=frozenset(user.groups.values_list("pk", flat=True)),
        is_superuser=user.is_superuser,
    )


def _engine_for_query() -> tuple[SearchBackend, bool]:
    if uses_separate_engine() and cache.get(FALLBACK_CACHE_KEY):
        return get_database_backend(), True
    return get_search_backend(), False


def _fall_back(error: Exception) -> SearchBackend:
    from django.conf import settings

    logger.warning("Search engine unavailable, answering from the database engine: %s", error)
    cache.set(FALLBACK_CACHE_KEY, True, settings.REPERES_SEARCH_FALLBACK_SECONDS)
    return get_database_backend()


def search_catalogue(*, query: SearchQuery, record: bool = True) -> CatalogueResults:
    """Search with promotions first; fall back to the database engine when needed."""
    promoted = promoted_hits(query) if query.text and query.page == 1 else []
    if promoted:
        query = replace(query, exclude_ids=(*query.exclude_ids, *(hit.id for hit in promoted)))
    backend, degraded = _engine_for_query()
    try:
        results = backend.search(query)
    except SearchUnavailable as error:
        backend, degraded = _fall_back(error), True
        results = backend.search(query)
    if record and query.text and query.page == 1:
        search_query_record(text=query.text, found=results.count + len(promoted))
    return CatalogueResults(query=query, results=results, promoted=promoted, degraded=degraded)


def search_suggest(*, text: str, viewer: Viewer, limit: int = 8):
    backend, _degraded = _engine_for_query()
    try:
        return backend.suggest(text, viewer=viewer, limit=limit)
    except SearchUnavailable as error:
        return _fall_back(error).suggest(text, viewer=viewer, limit=limit)


def promoted_hits(query: SearchQuery) -> list[SearchHit]:
    """Pages editors pinned for this exact query (Wagtail's search promotions)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    promotions = (
        SearchPromotion.objects.filter(
            query__query_string=normalize_query(query.text), page__isnull=False
        )
        .select_related("page")
        .order_by("sort_order")
    )
    hits = []
    for promotion in promotions:
        doc = registry.build_document(promotion.page)
        if doc is None or not viewer_may_see(doc.restriction, doc.group_ids, query.viewer):
            continue
        if not all(
            set(doc.facet_values(facet)) & set(values) for facet, values in query.filters.items()
        ):
            continue
        hits.append(
            SearchHit(
                id=doc.id,
                page_id=doc.page_id,
                kind=doc.kind,
                title=doc.title,
                url=doc.url,
                summary=promotion.description or doc.summary,
                audience=doc.audience,
                level=doc.level,
                theme=doc.theme,
            )
        )
    return hits


def search_query_record(*, text: str, found: int) -> None:
    """Count a search for the editors' report: the normalized text only, nothing about who."""
    normalized = normalize_query(text)
    if not normalized:
        return
    today = timezone.localdate()
    zero = 1 if found == 0 else 0
    updated = SearchQueryDay.objects.filter(query=normalized, day=today).update(
        searches=F("searches") + 1, zero_results=F("zero_results") + zero
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryDay.objects.create(
                    query=normalized, day=today, searches=1, zero_results=zero
                )
        except Exception:  # noqa: BLE001 - a concurrent first search of the day created it
            SearchQueryDay.objects.filter(query=normalized, day=today).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + zero
            )


# --- Labels ------------------------------------------------------------------------------


def facet_labels() -> dict[str, dict[str, str]]:
    """Display names of every facet value, by facet (taxonomy names, kind labels)."""
    from cms.models import Audience, Level, Theme

    labels: dict[str, dict[str, str]] = {
        "kind": {kind: str(label) for kind, label in registry.kind_labels().items()}
    }
    for facet, model in (("audience", Audience), ("level", Level), ("theme", Theme)):
        labels[facet] = dict(model.objects.values_list("slug", "name"))
    return labels


def labelled_facets(
    results: SearchResults, labels: Mapping[str, Mapping[str, str]], selected: Mapping
) -> list[dict]:
    """Facets ready to render: every value with label, count and whether it is selected.

    Selected values with no result stay listed (with 0) so they can be unticked.
    """
    out = []
    for facet in FACETS:
        counts: list[FacetCount] = list(results.facets.get(facet, ()))
        present = {item.value for item in counts}
        counts += [
            FacetCount(value, 0) for value in selected.get(facet, ()) if value not in present
        ]
        out.append(
            {
                "name": facet,
                "values": [
                    {
                        "value": item.value,
                        "label": labels.get(facet, {}).get(item.value, item.value),
                        "count": item.count,
                        "selected": item.value in selected.get(facet, ()),
                    }
                    for item in counts
                ],
            }
        )
    return out
