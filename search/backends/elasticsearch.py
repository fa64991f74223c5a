"""The Elasticsearch engine: French analysis, synonyms, fuzziness, facets, highlights, suggestions.

One catalogue index per deployment, always read and written through the alias
``{prefix}catalogue``. The concrete indices are timestamped (``{prefix}catalogue_<UTC
timestamp>``): ``rebuild()`` loads a fresh index while searches keep using the old one,
then swaps the alias in one atomic ``update_aliases`` call and only then deletes the old
index (richie's ``regenerate_indices``).

Editors' synonyms are part of the index settings (a ``synonym_graph`` filter in the search
analyzer, multi-word aware): a change applies at the next rebuild.
"""

import html
import logging
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    Integer,
    Keyword,
    Q,
    Text,
    analyzer,
    normalizer,
    token_filter,
)
from elasticsearch.dsl import Index as DslIndex
from elasticsearch.dsl.analysis import Analyzer
from elasticsearch.dsl.query import Query

from search.analysis import french, french_elision, french_stemmer, french_stop
from search.backends.base import (
    BackendStatus,
    Capabilities,
    FacetCount,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
    Viewer,
    empty_facets,
)
from search.documents import (
    FACETS,
    RESTRICTION_GROUPS,
    RESTRICTION_LOGIN,
    RESTRICTION_PUBLIC,
    SearchDocument,
)
from search.synonyms import synonym_groups

logger = logging.getLogger(__name__)

INDEX_ANALYZER = "reperes_french"
"""``search.analysis.french``, what titles, summaries and bodies are indexed with."""

SEARCH_ANALYZER = "reperes_french_search"
"""The French analyzer plus the editors' synonyms; defined per index at creation time."""

MAX_QUERY_LENGTH = 200
"""Longer queries are cut: nobody types more, and it bounds the cost of an abusive query."""

STRICT_MATCH = "3<80%"
RELAXED_MATCH = "1<50%"
"""``minimum_should_match`` of the words of a query: normally, and when retried relaxed."""

SCOPE_PREFIX = "filtered_by_"
"""Names the aggregations that count facets under other facets' filters."""

MAX_RESULT_WINDOW = 10_000
"""Elasticsearch's default ``index.max_result_window``: deeper pages are served empty."""

# Autocomplete: every prefix of every title word (2 to 20 characters) is indexed, what is
# being typed is only folded, so "semaine de la pr" matches word by word.
autocomplete_prefixes = token_filter(
    "autocomplete_prefixes", type="edge_ngram", min_gram=2, max_gram=20
)
autocomplete_index = analyzer(
    "reperes_autocomplete",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", autocomplete_prefixes],
)
autocomplete_search = analyzer(
    "reperes_autocomplete_search",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding"],
)
# Whole titles, folded, for the "the title starts with what is typed" boost.
folded = normalizer("reperes_folded", filter=["lowercase", "asciifolding"])
# Words as written (folded, not stemmed): what "did you mean" proposes must be a real word,
# and typos are measured against whole words. Stop words count for neither.
spelling = analyzer(
    "reperes_spelling",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stop],
)

TEXT_FIELDS = {"title": 4, "summary": 2, "body": 1, "keywords": 0.5}
PHRASE_FIELDS = {"title": 6, "summary": 2, "body": 1}
SOURCE_FIELDS = ["id", "page_id", "kind", "title", "url", "summary", "audience", "level", "theme"]
"""What a hit is rendered from; the body stays on the server (highlighting reads it there)."""


def french_text(**kwargs: Any) -> Text:
    return Text(analyzer=french, search_analyzer=SEARCH_ANALYZER, **kwargs)


class CatalogueEntry(Document):
    """The catalogue index mapping: one entry per ``SearchDocument``."""

    id = Keyword()
    page_id = Integer()
    kind = Keyword()
    audience = Keyword(multi=True)
    level = Keyword(multi=True)
    theme = Keyword(multi=True)
    restriction = Keyword()
    group_ids = Integer(multi=True)
    url = Keyword(index=False, doc_values=False)
    published_at = Date()
    popularity = Integer()
    title = french_text(
        copy_to="spell",
        fields={
            "autocomplete": Text(analyzer=autocomplete_index, search_analyzer=autocomplete_search),
            "folded": Keyword(normalizer=folded, ignore_above=256),
        },
    )
    # Offsets in the postings: highlighting reads them instead of analyzing the text again
    # (the body is long; re-analysis was a third of a faceted query's time).
    summary = french_text(copy_to="spell", index_options="offsets")
    body = french_text(copy_to="spell", index_options="offsets")
    keywords = french_text()
    spell = Text(analyzer=spelling, index_options="docs", norms=False)


def fold(text: str) -> str:
    """Lower case without accents, as ``lowercase`` + ``asciifolding`` do in the index."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def synonym_rules(groups: Iterable[Iterable[str]]) -> list[str]:
    """Solr-format rules (``"a, b, c"``) from the editors' groups, folded and deduplicated."""
    rules = []
    for group in groups:
        terms: list[str] = []
        for term in group:
            # Commas, "=>" and backslashes are Solr rule syntax, never part of a term.
            cleaned = " ".join(re.sub(r"=>|[,\\]", " ", fold(term)).split())
            if cleaned and cleaned not in terms:
                terms.append(cleaned)
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules


def search_analyzer(rules: list[str]) -> Analyzer:
    """The index analyzer plus synonyms (placed before stop words so "harcèlement en ligne" parses)."""
    chain: list[Any] = [french_elision, "lowercase", "asciifolding"]
    if rules:
        # lenient: a rule an editor got wrong is skipped rather than breaking the rebuild.
        chain.append(
            token_filter("reperes_synonyms", type="synonym_graph", synonyms=rules, lenient=True)
        )
    chain += [french_stop, french_stemmer]
    return analyzer(SEARCH_ANALYZER, tokenizer="standard", filter=chain)


def clean_text(text: str) -> str:
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def entry_source(doc: SearchDocument) -> dict[str, Any]:
    return {
        "id": doc.id,
        "page_id": doc.page_id,
        "kind": doc.kind,
        "audience": list(doc.audience),
        "level": list(doc.level),
        "theme": list(doc.theme),
        "restriction": doc.restriction,
        "group_ids": list(doc.group_ids),
        "url": doc.url,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "popularity": doc.popularity,
        "title": doc.title,
        "summary": doc.summary,
        "body": doc.body,
        "keywords": doc.keywords,
    }


def restriction_filter(viewer: Viewer) -> Query | None:
    """``viewer_may_see`` as an Elasticsearch filter; ``None`` when everything is visible."""
    if viewer.authenticated and viewer.is_superuser:
        return None
    if not viewer.authenticated:
        return Q("term", restriction=RESTRICTION_PUBLIC)
    visible = [Q("terms", restriction=[RESTRICTION_PUBLIC, RESTRICTION_LOGIN])]
    if viewer.group_ids:
        visible.append(
            Q("term", restriction=RESTRICTION_GROUPS)
            & Q("terms", group_ids=sorted(viewer.group_ids))
        )
    return Q("bool", should=visible, minimum_should_match=1)


def facet_filter(facet: str, values: tuple[str, ...]) -> Query:
    return Q("terms", **{facet: list(values)})


@dataclass(frozen=True, slots=True)
class Matching:
    """How forgiving a text query is."""

    typos: bool = False
    """Words within one or two edits match too (``AUTO:4,7``)."""
    relaxed: bool = False
    """Half of the words are enough (instead of all of them up to three, 80 % beyond)."""


EXACT = Matching()
WITH_TYPOS = Matching(typos=True)
RELAXED = Matching(typos=True, relaxed=True)


class ElasticsearchBackend(SearchBackend):
    """The catalogue on Elasticsearch (8.x), through the alias ``{index_prefix}catalogue``."""

    engine = "elasticsearch"
    capabilities = Capabilities(
        stemming=True,
        accent_folding=True,
        elision=True,
        synonyms="analysis",
        fuzziness=True,
        phrase_boost=True,
        did_you_mean=True,
        autocomplete="edge_ngram",
    )
    chunk_size = 500
    """Documents per bulk request while indexing."""
    bulk_threads = 2
    """Bulk requests in flight during a rebuild."""
    bulk_timeout = 120.0
    """Seconds allowed to index-management and bulk requests (searches use ``timeout``)."""
    facet_size = 50
    fragment_size = 180
    max_highlighted_characters = 100_000
    rescore_window = 50
    """Best pages reordered by phrase proximity."""

    def __init__(
        self, url: str | None = None, index_prefix: str | None = None, timeout: float = 5.0
    ) -> None:
        self.url = settings.ELASTICSEARCH_URL if url is None else url
        prefix = settings.ELASTICSEARCH_INDEX_PREFIX if index_prefix is None else index_prefix
        self.alias = f"{prefix}catalogue"
        self.timeout = timeout
        self._client = (
            Elasticsearch(self.url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)
            if self.url
            else None
        )

    # --- plumbing -------------------------------------------------------------------------

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            raise SearchUnavailable("ELASTICSEARCH_URL is not set")
        return self._client

    @property
    def admin_client(self) -> Elasticsearch:
        """The client with the longer timeout index management and bulk loads need."""
        return self.client.options(request_timeout=self.bulk_timeout)

    @contextmanager
    def unavailable_on_error(self, action: str) -> Iterator[None]:
        """Turn every transport or server failure into ``SearchUnavailable``."""
        try:
            yield
        except (ApiError, TransportError, helpers.BulkIndexError, helpers.ScanError) as error:
            logger.warning("Elasticsearch %s failed on %s: %s", action, self.alias, error)
            raise SearchUnavailable(f"Elasticsearch {action} failed: {error}") from error

    def new_index_name(self) -> str:
        return f"{self.alias}_{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def get_index_definition(self, name: str) -> DslIndex:
        """Mapping, analysis and settings of a new catalogue index (an extension point)."""
        index = DslIndex(name)
        index.document(CatalogueEntry)
        index.analyzer(search_analyzer(synonym_rules(synonym_groups())))
        index.settings(number_of_shards=1, auto_expand_replicas="0-1")
        return index

    def create_index(self, name: str, *, loading: bool = False, with_alias: bool = False) -> None:
        body = self.get_index_definition(name).to_dict()
        if loading:
            # No refreshes, no replica and no fsync per request while bulk loading (a crash
            # only loses an index nobody reads yet): restored by finish_loading().
            body["settings"].update(
                refresh_interval="-1",
                auto_expand_replicas=False,
                number_of_replicas=0,
                translog={"durability": "async"},
            )
        if with_alias:
            body["aliases"] = {self.alias: {}}
        self.admin_client.indices.create(index=name, **body)

    def finish_loading(self, name: str) -> None:
        self.admin_client.indices.put_settings(
            index=name,
            settings={
                "refresh_interval": None,
                "auto_expand_replicas": "0-1",
                "translog.durability": None,
            },
        )
        self.admin_client.indices.refresh(index=name)

    def aliased_indices(self) -> list[str]:
        """The concrete indices behind the alias (normally one)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        """Create the first index and its alias when neither exists (writes before any rebuild)."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        try:
            self.create_index(self.new_index_name(), with_alias=True)
        except ApiError:
            # Another process may have created it at the same time: fine if the alias exists now.
            if not self.client.indices.exists_alias(name=self.alias):
                raise

    def bulk(
        self, actions: Iterable[dict[str, Any]], *, parallel: bool = False, **kwargs: Any
    ) -> Iterator[int]:
        """Send ``actions`` in chunks of ``chunk_size``; yields each chunk's size once written.

        ``actions`` is always iterated in the calling thread (documents may come from a
        lazy queryset on its database connection). ``parallel`` keeps up to
        ``bulk_threads`` chunks in flight while the next one is built (rebuilds).
        """

        # Rebuilds may wait long for big chunks; everyday updates fail fast, to be retried.
        client = self.admin_client if parallel else self.client

        def send(chunk: list[dict[str, Any]]) -> int:
            for _ok, _item in helpers.streaming_bulk(
                client, chunk, chunk_size=len(chunk), **kwargs
            ):
                pass
            return len(chunk)

        iterator = iter(actions)
        chunks = iter(lambda: list(islice(iterator, self.chunk_size)), [])
        if not parallel:
            yield from map(send, chunks)
            return
        with ThreadPoolExecutor(self.bulk_threads, thread_name_prefix="search-bulk") as pool:
            in_flight: deque[Future[int]] = deque()
            for chunk in chunks:
                in_flight.append(pool.submit(send, chunk))
                if len(in_flight) >= self.bulk_threads:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()

    # --- writes ---------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        docs = list(docs)
        if not docs:
            return
        with self.unavailable_on_error("index"):
            self.ensure_index()
            actions = (
                {"_index": self.alias, "_id": doc.id, "_source": entry_source(doc)} for doc in docs
            )
            # require_alias: never let a write auto-create a concrete index named like the alias.
            for _written in self.bulk(actions, require_alias=True):
                pass

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if not ids:
            return
        with self.unavailable_on_error("delete"):
            if not self.client.indices.exists_alias(name=self.alias):
                return
            actions = ({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids)
            for _written in self.bulk(actions, ignore_status=(404,), require_alias=True):
                pass

    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> None:
        name = self.new_index_name()
        with self.unavailable_on_error("rebuild"):
            self.create_index(name, loading=True)
            try:
                done = 0
                actions = (
                    {"_index": name, "_id": doc.id, "_source": entry_source(doc)} for doc in docs
                )
                for written in self.bulk(actions, parallel=True):
                    done += written
                    if progress:
                        progress(done, total)
                if progress and not done:
                    progress(0, total)
                self.finish_loading(name)
                old = self.aliased_indices()
                swap: list[dict[str, Any]] = [
                    {"remove": {"index": index, "alias": self.alias}} for index in old
                ]
                if not old and self.client.indices.exists(index=self.alias):
                    # A concrete index squatting the alias name (never created by us): replace it.
                    swap.append({"remove_index": {"index": self.alias}})
                swap.append({"add": {"index": name, "alias": self.alias}})
                self.admin_client.indices.update_aliases(actions=swap)
            except BaseException:
                self.admin_client.options(ignore_status=404).indices.delete(index=name)
                raise
            if old:
                self.admin_client.options(ignore_status=404).indices.delete(index=",".join(old))

    def refresh(self) -> None:
        with self.unavailable_on_error("refresh"):
            self.client.options(ignore_status=404).indices.refresh(index=self.alias)

    # --- reads ----------------------------------------------------------------------------

    def text_query(self, text: str, matching: Matching) -> Query:
        """Which pages match ``text`` and how well: its words (synonyms included), typos."""
        enough = RELAXED_MATCH if matching.relaxed else STRICT_MATCH
        clauses = [
            Q(
                "multi_match",
                query=text,
                # cross_fields: the words may be spread over the title, summary and body.
                type="cross_fields",
                fields=[f"{name}^{boost}" for name, boost in TEXT_FIELDS.items()],
                analyzer=SEARCH_ANALYZER,
                minimum_should_match=enough,
                tie_breaker=0.3,
            )
        ]
        if matching.typos:
            # On the unstemmed words of ``spell`` (one field, no synonyms): stemming would
            # hide typos ("cyberharcelemnt" is four edits from the stem "cyberharcel").
            clauses.append(
                Q(
                    "match",
                    spell={
                        "query": text,
                        "fuzziness": "AUTO:4,7",
                        "prefix_length": 1,
                        "max_expansions": 20,
                        "minimum_should_match": enough,
                        "boost": 0.2,
                    },
                )
            )
        return Q("bool", should=clauses, minimum_should_match=1)

    def phrase_query(self, text: str) -> Query | None:
        """Pages where the words of ``text`` stand together rank higher (applied as a rescore)."""
        if len(text.split()) < 2:
            return None
        return Q(
            "multi_match",
            query=text,
            type="phrase",
            fields=[f"{name}^{boost}" for name, boost in PHRASE_FIELDS.items()],
            # The words as typed: synonyms already had their chance in text_query().
            analyzer=INDEX_ANALYZER,
            slop=2,
        )

    def highlight_query(self, text: str, matching: Matching) -> Query:
        """What highlights mark: the words and their synonyms (typos would cost too much)."""
        return self.text_query(text, replace(matching, typos=False))

    def ranked(self, query: Query) -> Query:
        """Gentle boosts: relevance first, then fresher and more visited pages.

        Recency adds up to 30 % (15 % a year after publication), popularity 10 % per tenfold
        visits (+10 % at 100 visits, +30 % at 10,000).
        """
        return Q(
            "function_score",
            query=query,
            functions=[
                {"weight": 1},
                {
                    "gauss": {"published_at": {"origin": "now", "scale": "365d", "decay": 0.5}},
                    "weight": 0.3,
                },
                {
                    "field_value_factor": {
                        "field": "popularity",
                        "modifier": "log1p",
                        "factor": 0.1,
                        "missing": 0,
                    },
                    "weight": 0.1,
                },
            ],
            score_mode="sum",
            boost_mode="multiply",
        )

    def base_filters(
        self, viewer: Viewer, exclude_ids: tuple[str, ...] = ()
    ) -> tuple[list[Query], list[Query]]:
        filters = [f for f in [restriction_filter(viewer)] if f is not None]
        must_not = [Q("ids", values=list(exclude_ids))] if exclude_ids else []
        return filters, must_not

    def build_body(self, query: SearchQuery, text: str, matching: Matching) -> dict[str, Any]:
        """The request body: ranked query, facet aggregations, post-filter, highlights."""
        filters, must_not = self.base_filters(query.viewer, query.exclude_ids)
        selected = {
            f: facet_filter(f, query.filter_values(f)) for f in FACETS if query.filter_values(f)
        }
        page_size = max(1, query.page_size)
        start = (max(1, query.page) - 1) * page_size
        if text:
            matched = self.text_query(text, matching)
            main = self.ranked(Q("bool", must=[matched], filter=filters, must_not=must_not))
            sort: list[Any] | None = None  # by score (a rescore excludes any other sort)
        else:
            main = Q("bool", must=[Q("match_all")], filter=filters, must_not=must_not)
            sort = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        body: dict[str, Any] = {
            "query": main.to_dict(),
            "aggs": self.facet_aggregations(selected),
            "track_total_hits": True,
            "_source": SOURCE_FIELDS,
        }
        if sort:
            body["sort"] = sort
        phrase = self.phrase_query(text) if text else None
        if phrase:
            # Proximity only reorders the best pages: cheap, whatever the number of matches.
            body["rescore"] = {
                "window_size": self.rescore_window,
                "query": {"rescore_query": phrase.to_dict(), "rescore_query_weight": 1.5},
            }
        if selected:
            body["post_filter"] = Q("bool", filter=list(selected.values())).to_dict()
        if start + page_size <= MAX_RESULT_WINDOW:
            body |= {"from": start, "size": page_size}
        else:
            body |= {"from": 0, "size": 0}
        if text:
            body["highlight"] = {
                "encoder": "html",
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                # Very long bodies: highlight their beginning rather than fail or crawl.
                "max_analyzed_offset": self.max_highlighted_characters,
                "highlight_query": self.highlight_query(text, matching).to_dict(),
                "fields": {
                    "title": {"number_of_fragments": 0},
                    "body": {"fragment_size": self.fragment_size, "number_of_fragments": 1},
                    "summary": {"fragment_size": self.fragment_size, "number_of_fragments": 1},
                },
            }
        return body

    def facet_aggregations(self, selected: Mapping[str, Query]) -> dict[str, Any]:
        """Facet counts with post-filter semantics: each facet under every other facet's filter.

        Aggregations ignore the post-filter. Facets that need the same filters share one
        ``filter`` aggregation (no selection: none at all), so a selection costs one
        filter pass per distinct scope rather than one per facet.
        """
        scopes: dict[tuple[str, ...], list[str]] = {}
        for facet in FACETS:
            scopes.setdefault(tuple(name for name in selected if name != facet), []).append(facet)
        aggs: dict[str, Any] = {}
        for others, facets in scopes.items():
            terms = {facet: A("terms", field=facet, size=self.facet_size) for facet in facets}
            if not others:
                aggs |= {facet: agg.to_dict() for facet, agg in terms.items()}
                continue
            scope = A("filter", filter=Q("bool", filter=[selected[name] for name in others]))
            for facet, agg in terms.items():
                scope.bucket(facet, agg)
            aggs[f"{SCOPE_PREFIX}{'_'.join(others)}"] = scope.to_dict()
        return aggs

    def search(self, query: SearchQuery) -> SearchResults:
        text = clean_text(query.text)
        page_size = max(1, query.page_size)
        suggestion = ""
        with self.unavailable_on_error("search"):
            try:
                for matching in self.get_matchings(text):
                    body = self.build_body(query, text, matching)
                    response = self.client.search(index=self.alias, **body)
                    facets = self.to_facets(response["aggregations"])
                    # Nothing even without one of the facet filters: the text found nothing.
                    if response["hits"]["total"]["value"] or any(facets.values()):
                        break
                else:
                    if text:
                        suggestion = self.did_you_mean(text, query.viewer)
            except NotFoundError:
                response, facets = {"hits": {"hits": [], "total": {"value": 0}}}, empty_facets()
        return SearchResults(
            count=response["hits"]["total"]["value"],
            hits=tuple(self.to_hit(hit) for hit in response["hits"]["hits"]),
            facets=facets,
            engine=self.engine,
            page=query.page,
            page_size=page_size,
            suggestion=suggestion,
        )

    def get_matchings(self, text: str) -> list[Matching]:
        """How leniently to try ``text``, in order, until a try finds pages (an extension point).

        Exact words first (with synonyms, stems and folded accents), then with typos, then,
        for several words, with only half of them: typo tolerance stays out of queries that
        find pages, where it would only add near-misses ("infos" for "infox") and cost.
        """
        if not text:
            return [EXACT]
        if len(text.split()) == 1:
            return [EXACT, WITH_TYPOS]
        return [EXACT, WITH_TYPOS, RELAXED]

    @staticmethod
    def to_facets(aggregations: Mapping[str, Any]) -> dict[str, tuple[FacetCount, ...]]:
        found = {facet: aggregations[facet] for facet in FACETS if facet in aggregations}
        for name, scope in aggregations.items():
            if name.startswith(SCOPE_PREFIX):
                found |= {facet: scope[facet] for facet in FACETS if facet in scope}
        facets = empty_facets()
        for facet, agg in found.items():
            counts = [FacetCount(str(b["key"]), b["doc_count"]) for b in agg["buckets"]]
            facets[facet] = tuple(sorted(counts, key=lambda c: (-c.count, c.value)))
        return facets

    @staticmethod
    def to_hit(hit: Mapping[str, Any]) -> SearchHit:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        title = source.get("title", "")
        fragments = highlight.get("body") or highlight.get("summary") or [""]
        return SearchHit(
            id=source.get("id", hit["_id"]),
            page_id=source.get("page_id", 0),
            kind=source.get("kind", ""),
            title=title,
            url=source.get("url", ""),
            summary=source.get("summary", ""),
            highlight=fragments[0],
            title_highlight=(highlight.get("title") or [html.escape(title)])[0],
            audience=tuple(source.get("audience") or ()),
            level=tuple(source.get("level") or ()),
            theme=tuple(source.get("theme") or ()),
            score=hit.get("_score") or 0.0,
        )

    def did_you_mean(self, text: str, viewer: Viewer) -> str:
        """A corrected query when ``text`` found nothing and a correction finds something."""
        response = self.client.search(
            index=self.alias,
            size=0,
            suggest={
                "text": text,
                "spelling": {
                    "term": {
                        "field": "spell",
                        "suggest_mode": "missing",
                        "sort": "score",
                        "max_edits": 2,
                        # Allow a wrong first letter too: the fuzzy query cannot fix those.
                        "prefix_length": 0,
                        "min_word_length": 4,
                    }
                },
            },
        )
        corrected = text
        entries = response.get("suggest", {}).get("spelling", [])
        for entry in sorted(entries, key=lambda e: e["offset"], reverse=True):
            if entry["options"]:
                start, end = entry["offset"], entry["offset"] + entry["length"]
                corrected = corrected[:start] + entry["options"][0]["text"] + corrected[end:]
        if fold(corrected) == fold(text):
            return ""
        filters, _ = self.base_filters(viewer)
        found = self.client.count(
            index=self.alias,
            query=Q("bool", must=[self.text_query(corrected, EXACT)], filter=filters).to_dict(),
        )
        return corrected if found["count"] else ""

    def suggest(self, text: str, *, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        text = clean_text(text)
        words = self.autocomplete_clauses(text)
        if not words or limit < 1:
            return []
        filters, _ = self.base_filters(viewer)
        query = Q(
            "bool",
            must=words,
            # Titles that start with what is typed first.
            should=[Q("prefix", **{"title.folded": {"value": fold(text), "boost": 2}})],
            filter=filters,
        )
        with self.unavailable_on_error("suggest"):
            try:
                response = self.client.search(
                    index=self.alias,
                    query=query.to_dict(),
                    size=limit,
                    sort=["_score", {"popularity": "desc"}, {"id": "asc"}],
                    source=["id", "title", "url", "kind"],
                )
            except NotFoundError:
                return []
        return [
            Suggestion(
                id=hit["_source"]["id"],
                title=hit["_source"]["title"],
                url=hit["_source"].get("url", ""),
                kind=hit["_source"].get("kind", ""),
            )
            for hit in response["hits"]["hits"]
        ]

    @staticmethod
    def autocomplete_clauses(text: str) -> list[Query]:
        """Every word typed must start a title word; the last one may be unfinished."""
        # A trailing elided article ("l'", "d'") only announces the next word.
        text = re.sub(r"\w+['’]$", "", text).strip()
        clauses = []
        single = re.search(r"(?:^|\W)(\w)$", text)
        if single:
            # One letter: shorter than the indexed prefixes (two characters and more).
            clauses.append(Q("prefix", **{"title.autocomplete": fold(single.group(1))}))
            text = text[: single.start(1)]
        if re.search(r"\w", text):
            match = {"query": text, "operator": "and"}
            clauses.insert(0, Q("match", **{"title.autocomplete": match}))
        return clauses

    def document_ids(self) -> set[str]:
        with self.unavailable_on_error("scan"):
            try:
                return {
                    hit["_id"]
                    for hit in helpers.scan(
                        self.client,
                        index=self.alias,
                        query={"query": {"match_all": {}}},
                        _source=False,
                        size=1000,
                    )
                }
            except NotFoundError:
                return set()

    def status(self) -> BackendStatus:
        try:
            indices = self.aliased_indices()
            if not indices:
                return BackendStatus(
                    self.engine, True, 0, f"no index behind the alias {self.alias} yet", self.alias
                )
            count = self.client.count(index=self.alias)["count"]
        except SearchUnavailable as error:
            return BackendStatus(self.engine, False, None, str(error), self.alias)
        except (ApiError, TransportError) as error:
            return BackendStatus(
                self.engine, False, None, f"{type(error).__name__}: {error}", self.alias
            )
        return BackendStatus(self.engine, True, count, f"alias {self.alias}", ", ".join(indices))
