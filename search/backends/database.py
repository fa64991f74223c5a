"""The database engine: SQLite FTS5 or PostgreSQL full text, behind one ``SearchBackend``.

The embedded default, and the fallback while Elasticsearch is down, so ``index()`` runs
on every publish: it is transactional and touches only the documents it is given.

Documents are rows of ``SearchEntry``, with one ``SearchEntryFacet`` row per value of a list
facet (filters and grouped counts; ``kind`` is a column) and ``SearchFacetTotal`` counts
kept in step, so that browsing without words counts nothing. The full-text index sits
beside them and is created by migration ``search.0003_database_engine`` for the database
in use:

* SQLite: an FTS5 table (``unicode61 remove_diacritics 2``) with external content
  (``search_searchentry``, keyed by ``id``), kept in step by this module. French is
  handled on the query side: elisions and stop words removed, light plural folding
  (``s``/``x``, ``aux`` → ``al``) and prefix queries so singular and plural meet.
* PostgreSQL: the ``reperes_french`` configuration (``french`` with ``unaccent`` before
  ``french_stem``) in a generated, weighted ``tsvector`` column with a GIN index; real
  French stemming on both sides. Matches are ranked on a smaller vector without the body,
  and searches run with planner settings that keep them on indexes (see
  ``PostgresFullText``).

Editors' synonyms are a query-time expansion, applied at once. There is no typo
tolerance, no phrase boost and no "did you mean": ``capabilities`` says so.

User text never reaches either query language as syntax: it is cut into words, and each
word is quoted as a literal token (FTS5 strings, tsquery lexemes).
"""

# SQL here is assembled from our table names, fixed fragments and %s placeholders: user text
# is always a parameter (and, inside it, a quoted token).
# ruff: noqa: S608

import html
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from search.backends.base import (
    BackendStatus,
    Capabilities,
    FacetCount,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
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
from search.models import SearchEntry, SearchEntryFacet, SearchFacetTotal
from search.synonyms import synonym_groups

MAX_QUERY_LENGTH = 200
"""Longer queries are cut: nobody types more, and it bounds the cost of an abusive query."""

BATCH_SIZE = 1000
"""Documents per insert while indexing or rebuilding."""

GROUP_ACCESS = "access:group"
"""``SearchEntryFacet.facet`` of the rows listing the groups allowed to see an entry."""

PAGE_ROWS = "#page"
"""Rows of the counting query that carry the page of hits (id, position), not counts."""

COLUMN_FACETS = ("kind",)
"""Single-valued facets: read from their ``SearchEntry`` column, without facet rows."""
ROW_FACETS = tuple(facet for facet in FACETS if facet not in COLUMN_FACETS)
"""List facets: one ``SearchEntryFacet`` row per value."""

ENTRY_TABLE = SearchEntry._meta.db_table
FACET_TABLE = SearchEntryFacet._meta.db_table
TOTAL_TABLE = SearchFacetTotal._meta.db_table
FTS_TABLE = "search_searchentry_fts"
"""SQLite only: the FTS5 table created by migration 0003 (columns as ``FTS_COLUMNS``)."""
FTS_COLUMNS = ("title", "summary", "body", "keywords")

# Highlight markers: control characters, removed from every indexed text, so a marker in a
# highlight can only come from the engine; the text is escaped before they become <mark>.
MARK_START = "\x02"
MARK_STOP = "\x03"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# --- French text, as both engines' queries see it ---------------------------------------

_ELISION = re.compile(r"\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])['’ʼ]", re.IGNORECASE)
# Letters and digits, as FTS5's unicode61 tokenizer sees words (underscore separates).
_WORD = re.compile(r"[^\W_]+")

STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez
    aurions aurons auront aux avaient avais avait avec avez aviez avions avons ayant
    ayez ayons c ce ceci cela ces cet cette d dans de des du elle elles en es est et
    etaient etais etait etant ete etes etiez etions eu eue eues eumes eurent eus eusse
    eussent eusses eussiez eussions eut eutes eux fumes furent fus fusse fussent fusses
    fussiez fussions fut futes il ils j je l la le les leur leurs lui m ma mais me meme
    mes moi mon n ne nos notre nous on ont ou par pas pour qu que quel quelle quelles
    quels qui s sa sans se sera serai seraient serais serait seras serez seriez serions
    serons seront ses soi soient sois soit sommes son sont soyez soyons suis sur t ta te
    tes toi ton tu un une vos votre vous y
    """.split()
)
"""French stop words (Snowball's list), accents removed: left out of queries."""


def fold(text: str) -> str:
    """Lower case without accents (as ``remove_diacritics`` and ``unaccent`` do)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def text_words(text: str) -> list[str]:
    """The words of ``text``: elided articles and pronouns dropped, folded; stop words kept."""
    return _WORD.findall(fold(_ELISION.sub(" ", text)))


def plural_stem(word: str) -> str:
    """Light French plural folding: réseaux → reseau, journaux → journal, infos → info.

    A final x marks a plural only after u (jeux, bijoux): "infox", "intox" and "prix" stay
    whole (folded to "info", "infox" would find every "information")."""
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word.endswith("ux"):
        return word[:-1]
    if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
        return word[:-1]
    return word


def clean_text(text: str) -> str:
    """Indexed text without control characters (PostgreSQL refuses NUL; markers are ours)."""
    return _CONTROL_CHARACTERS.sub("", text or "")


def marked_html(text: str) -> str:
    """Escape ``text`` and turn the engine's markers into ``<mark>`` elements."""
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


# --- Parsed queries: words AND-ed, synonyms as OR groups ---------------------------------


@dataclass(frozen=True, slots=True)
class QueryWord:
    """A word of the query: ``token`` as typed (folded), ``stem`` after plural folding."""

    token: str
    stem: str


@dataclass(frozen=True, slots=True)
class AllWords:
    """Every word, anywhere in the document."""

    words: tuple[QueryWord, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A synonym term: its tokens next to each other (stop words included)."""

    tokens: tuple[str, ...]


Alternative = AllWords | Phrase
Clause = tuple[Alternative, ...]
"""Alternatives OR-ed; the clauses of a query are AND-ed."""


@dataclass(frozen=True, slots=True)
class TextQuery:
    clauses: tuple[Clause, ...]
    last_token: str
    """The last word typed (a prefix on PostgreSQL, for search as you type)."""


def _content_stems(tokens: Sequence[str]) -> frozenset[str]:
    return frozenset(plural_stem(token) for token in tokens if token not in STOP_WORDS)


def parse_query(text: str, groups: Iterable[Sequence[str]] = ()) -> TextQuery | None:
    """The query's words and synonym expansions; None when no word is left to search.

    A synonym group applies when the query holds every (non stop) word of one of its terms:
    those words then match either as typed or as any other term of the group (a phrase).
    """
    tokens = text_words(text[:MAX_QUERY_LENGTH])
    content = list(dict.fromkeys(token for token in tokens if token not in STOP_WORDS))
    if not content:
        return None
    remaining = [QueryWord(token, plural_stem(token)) for token in content]
    clauses: list[Clause] = []
    for group in groups:
        terms = [tuple(text_words(term)) for term in group]
        terms = [tokens for tokens in dict.fromkeys(terms) if _content_stems(tokens)]
        available = {word.stem for word in remaining}
        matching = [t for t in terms if _content_stems(t) <= available]
        if not matching:
            continue
        chosen = max(matching, key=lambda t: len(_content_stems(t)))
        chosen_stems = _content_stems(chosen)
        used = tuple(word for word in remaining if word.stem in chosen_stems)
        remaining = [word for word in remaining if word.stem not in chosen_stems]
        others = [Phrase(tokens) for tokens in terms if _content_stems(tokens) != chosen_stems]
        clauses.append((AllWords(used), *others))
    clauses.extend((AllWords((word,)),) for word in remaining)
    return TextQuery(tuple(clauses), content[-1])


# --- The two flavours --------------------------------------------------------------------


class FullText:
    """What differs between SQLite FTS5 and PostgreSQL full text (SQL fragments, upkeep).

    Every fragment uses the alias ``e`` for ``SearchEntry``'s table and ``%s`` placeholders.
    """

    name: str
    description: str

    def match_from(self) -> str:
        """The FROM clause of a text search."""
        raise NotImplementedError

    def match(self, query: TextQuery) -> tuple[str, list[Any]]:
        """A WHERE condition selecting the entries that match ``query``."""
        raise NotImplementedError

    ranks_in_count = False
    """Where the page of a text search is chosen. False: by a query of its own, which
    matches the words again (cheap when the engine returns matches best first and stops at
    the page, as FTS5 does). True: in the counting query, from the matches already found;
    then ``score``, ``ranked_order`` and ``ranked_rows`` are used."""

    def ranked_page(
        self, query: TextQuery, where: str, params: list[Any], limit: int, offset: int
    ) -> tuple[str, list[Any]]:
        """Best first: doc_id, page_id, kind, title, url, summary, audience, level, theme,
        score, title highlight, summary and body snippets (with the markers, not escaped
        yet). Used when not ``ranks_in_count``."""
        raise NotImplementedError

    def score(self, query: TextQuery) -> tuple[str, list[Any]]:
        """How well an entry of a text search matches (higher is better)."""
        raise NotImplementedError

    ranked_order = "b.score DESC, b.popularity DESC, b.published_at DESC, b.doc_id"
    """Best first, in the ``base`` of a text search."""

    def ranked_rows(self, query: TextQuery, entry_ids: list[int]) -> tuple[str, list[Any]]:
        """For the entries of a page: id, then the columns of ``ranked_page``."""
        raise NotImplementedError

    def suggestions(
        self, words: list[str], starts_with: str, where: str, params: list[Any], limit: int
    ) -> tuple[str, list[Any]]:
        """Titles with a word starting with each of ``words``; those whose folded title is
        ``LIKE starts_with`` first."""
        raise NotImplementedError

    newest_first = "e.published_at DESC, e.doc_id"
    page_entry_id = "e.id"
    """How the page of hits refers to an entry's id in facet filters."""

    def insert_facet_rows(self, cursor: CursorWrapper, rows: list[tuple[int, str, str]]) -> None:
        """Insert ``(entry_id, facet, value)`` rows."""
        cursor.executemany(
            f"INSERT INTO {FACET_TABLE} (entry_id, facet, value) VALUES (%s, %s, %s)", rows
        )

    def entries_added(self, cursor: CursorWrapper, entry_ids: list[int]) -> None:
        """Index the text of entries just inserted."""

    def entries_removing(self, cursor: CursorWrapper, where: str, params: list[Any]) -> None:
        """Forget the text of entries about to be deleted."""

    def cleared(self, cursor: CursorWrapper) -> None:
        """Every entry was deleted."""

    def loaded(self, cursor: CursorWrapper) -> None:
        """A rebuild has inserted everything: tidy up before commit."""

    def writing(self, cursor: CursorWrapper) -> None:
        """A transaction is about to change entries and facet totals."""

    @contextmanager
    def checking_keys_now(self, cursor: CursorWrapper) -> Iterator[None]:
        """Foreign keys checked by each statement inside, rather than at commit."""
        yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around the queries of one search."""
        yield


class SqliteFullText(FullText):
    name = "sqlite-fts5"
    description = (
        "SQLite FTS5 (unicode61, accents removed; elision, stop words, light plural "
        "folding + prefix and synonyms on the query side; no typo tolerance)"
    )
    # bm25 weights, in FTS_COLUMNS order.
    weights = "bm25(10.0, 4.0, 1.0, 0.5)"
    # "+e.id": the page of hits must walk the newest-first index (or FTS5's ranking) and
    # test facet filters on the way, not fetch and sort every entry of a facet value.
    page_entry_id = "+e.id"

    def match_from(self) -> str:
        # CROSS JOIN keeps FTS5 as the outer loop: SQLite must not run the full-text query
        # once per entry.
        return f"{FTS_TABLE} CROSS JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid"

    def match(self, query: TextQuery) -> tuple[str, list[Any]]:
        return f"{FTS_TABLE} MATCH %s", [self.expression(query)]

    @staticmethod
    def string(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def word(self, word: QueryWord) -> str:
        """Singular and plural of a word; a prefix when it is long enough not to match
        everything ("jeu" must not find "jeune")."""
        if len(word.stem) < 4:
            forms = dict.fromkeys([word.stem, word.token, word.stem + "s", word.stem + "x"])
            return "(" + " OR ".join(self.string(form) for form in forms) + ")"
        expression = self.string(word.stem) + "*"
        if word.stem.endswith("al"):
            expression = f"({expression} OR {self.string(word.stem[:-2] + 'aux')})"
        return expression

    def phrase_token(self, token: str) -> str:
        stem = plural_stem(token)
        if token in STOP_WORDS or len(stem) < 4:
            return self.string(token)
        if stem.endswith("al") and len(stem) >= 6:
            return self.string(stem[:-2]) + "*"  # social, sociaux
        return self.string(stem) + "*"

    def alternative(self, alternative: Alternative) -> str:
        if isinstance(alternative, Phrase):
            return "(" + " + ".join(self.phrase_token(t) for t in alternative.tokens) + ")"
        return "(" + " AND ".join(self.word(word) for word in alternative.words) + ")"

    def expression(self, query: TextQuery) -> str:
        return " AND ".join(
            "(" + " OR ".join(self.alternative(alt) for alt in clause) + ")"
            for clause in query.clauses
        )

    def ranked_page(
        self, query: TextQuery, where: str, params: list[Any], limit: int, offset: int
    ) -> tuple[str, list[Any]]:
        # ORDER BY rank is answered by FTS5 itself, so highlight() and snippet() only run
        # for the rows of the page.
        sql = f"""
            SELECT e.doc_id, e.page_id, e.kind, e.title, e.url, e.summary,
                   e.audience, e.level, e.theme, -{FTS_TABLE}.rank,
                   highlight({FTS_TABLE}, 0, %s, %s),
                   snippet({FTS_TABLE}, 1, %s, %s, '…', 24),
                   snippet({FTS_TABLE}, 2, %s, %s, '…', 24)
            FROM {self.match_from()}
            WHERE {where} AND {FTS_TABLE}.rank MATCH %s
            ORDER BY {FTS_TABLE}.rank
            LIMIT %s OFFSET %s
        """
        markers = [MARK_START, MARK_STOP] * 3
        return sql, [*markers, *params, self.weights, limit, offset]

    def suggestions(
        self, words: list[str], starts_with: str, where: str, params: list[Any], limit: int
    ) -> tuple[str, list[Any]]:
        title_match = "title : (" + " AND ".join(self.string(w) + "*" for w in words) + ")"
        sql = f"""
            SELECT e.doc_id, e.title, e.url, e.kind FROM {self.match_from()}
            WHERE {FTS_TABLE} MATCH %s AND {where}
            ORDER BY CASE WHEN e.title_folded LIKE %s THEN 0 ELSE 1 END,
                     e.popularity DESC, {self.newest_first}
            LIMIT %s
        """
        return sql, [title_match, *params, starts_with, limit]

    def entries_added(self, cursor: CursorWrapper, entry_ids: list[int]) -> None:
        columns = ", ".join(FTS_COLUMNS)
        placeholders = ", ".join(["%s"] * len(entry_ids))
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, {columns}) "
            f"SELECT id, {columns} FROM {ENTRY_TABLE} WHERE id IN ({placeholders})",
            entry_ids,
        )

    def entries_removing(self, cursor: CursorWrapper, where: str, params: list[Any]) -> None:
        # External content: FTS5 needs the old text to remove its terms.
        columns = ", ".join(FTS_COLUMNS)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM {ENTRY_TABLE} e WHERE {where}",
            params,
        )

    def cleared(self, cursor: CursorWrapper) -> None:
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")

    def loaded(self, cursor: CursorWrapper) -> None:
        # One b-tree segment instead of hundreds: faster queries after a bulk load. And
        # statistics, without which SQLite takes every index for a selective one.
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
        cursor.execute(f"ANALYZE {ENTRY_TABLE}")
        cursor.execute(f"ANALYZE {FACET_TABLE}")


class PostgresFullText(FullText):
    name = "postgresql"
    description = (
        "PostgreSQL full text (french + unaccent: French stemming, accents removed; "
        "synonyms by query expansion; no typo tolerance)"
    )
    config = "'reperes_french'::regconfig"
    # ts_rank weights in {D, C, B, A} order: keywords, body, summary, title (0.5, 1, 4, 10).
    # Ranking reads rank_vector (title, summary, keywords: small, kept in the row) rather
    # than search_vector, whose body part would be fetched from TOAST for every match.
    weights = "'{0.05, 0.1, 0.4, 1.0}'::float4[]"
    headline_options = (
        f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=30, MinWords=12, "
        'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
    )
    title_headline_options = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"
    newest_first = "e.published_at DESC NULLS LAST, e.doc_id"

    def match_from(self) -> str:
        return f"{ENTRY_TABLE} e"

    def tsquery(self) -> str:
        return f"to_tsquery({self.config}, %s)"

    max_disjuncts = 16

    def match(self, query: TextQuery) -> tuple[str, list[Any]]:
        """``search_vector @@ query``, split in two when synonyms bring phrases.

        GIN cannot tell whether words are adjacent, so every candidate of a query with a
        phrase is checked again against its tsvector, read from TOAST. Written as "the
        plain alternatives OR the alternatives with a phrase", only the second part's
        candidates are checked again.
        """
        sizes = [len(clause) for clause in query.clauses]
        has_phrase = any(isinstance(alt, Phrase) for clause in query.clauses for alt in clause)
        if not has_phrase or math.prod(sizes) > self.max_disjuncts:
            return f"e.search_vector @@ {self.tsquery()}", [self.expression(query)]
        plain, phrased = [], []
        for disjunct in itertools.product(*query.clauses):
            rendered = " & ".join(self.alternative(alt, query.last_token) for alt in disjunct)
            target = phrased if any(isinstance(alt, Phrase) for alt in disjunct) else plain
            target.append(f"({rendered})")
        return (
            f"(e.search_vector @@ {self.tsquery()} OR e.search_vector @@ {self.tsquery()})",
            [" | ".join(plain), " | ".join(phrased)],
        )

    @staticmethod
    def lexeme(token: str, prefix: bool = False) -> str:
        quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if prefix else quoted

    def alternative(self, alternative: Alternative, last_token: str) -> str:
        if isinstance(alternative, Phrase):
            return "(" + " <-> ".join(self.lexeme(t) for t in alternative.tokens) + ")"
        # The last word may be unfinished: a prefix, unless it is short enough to be the
        # start of too many words ("jeu" is not "jeunes").
        return (
            "("
            + " & ".join(
                self.lexeme(w.token, prefix=w.token == last_token and len(w.stem) >= 4)
                for w in alternative.words
            )
            + ")"
        )

    def expression(self, query: TextQuery) -> str:
        return " & ".join(
            "(" + " | ".join(self.alternative(alt, query.last_token) for alt in clause) + ")"
            for clause in query.clauses
        )

    # Matching is the costly part here (phrases are checked against the TOAST-ed vector):
    # the counting query also picks the page, and the words are matched once.
    ranks_in_count = True
    ranked_order = "b.score DESC, b.popularity DESC, b.published_at DESC NULLS LAST, b.doc_id"

    def score(self, query: TextQuery) -> tuple[str, list[Any]]:
        return (
            f"ts_rank({self.weights}, e.rank_vector, {self.tsquery()}, 1)",
            [self.expression(query)],
        )

    def ranked_rows(self, query: TextQuery, entry_ids: list[int]) -> tuple[str, list[Any]]:
        score, score_params = self.score(query)
        expression = self.expression(query)
        sql = f"""
            SELECT e.id, e.doc_id, e.page_id, e.kind, e.title, e.url, e.summary,
                   e.audience, e.level, e.theme, {score},
                   ts_headline({self.config}, e.title, {self.tsquery()}, %s),
                   ts_headline({self.config}, e.summary, {self.tsquery()}, %s),
                   ts_headline({self.config}, e.body, {self.tsquery()}, %s)
            FROM {ENTRY_TABLE} e
            WHERE e.id IN ({_placeholders(entry_ids)})
        """
        return sql, [
            *score_params,
            expression,
            self.title_headline_options,
            expression,
            self.headline_options,
            expression,
            self.headline_options,
            *entry_ids,
        ]

    def suggestions(
        self, words: list[str], starts_with: str, where: str, params: list[Any], limit: int
    ) -> tuple[str, list[Any]]:
        # title_vector: the folded title with the built-in "simple" configuration (no
        # stemming), so what is typed is compared with words as written.
        prefixes = " & ".join(self.lexeme(word, prefix=True) for word in words)
        sql = f"""
            SELECT e.doc_id, e.title, e.url, e.kind FROM {ENTRY_TABLE} e
            WHERE e.title_vector @@ to_tsquery('simple'::regconfig, %s) AND {where}
            ORDER BY e.title_folded LIKE %s DESC, e.popularity DESC, {self.newest_first}
            LIMIT %s
        """
        return sql, [prefixes, *params, starts_with, limit]

    def insert_facet_rows(self, cursor: CursorWrapper, rows: list[tuple[int, str, str]]) -> None:
        # One statement for the batch: arrays of columns, unnested by the server.
        entry_ids, facets, values = zip(*rows, strict=True)
        cursor.execute(
            f"INSERT INTO {FACET_TABLE} (entry_id, facet, value) "
            f"SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])",
            [list(entry_ids), list(facets), list(values)],
        )

    def loaded(self, cursor: CursorWrapper) -> None:
        # Fresh statistics, so the planner knows how selective words and facets are.
        cursor.execute(f"ANALYZE {ENTRY_TABLE}, {FACET_TABLE}, {TOTAL_TABLE}")

    # The planner under-prices a sequential scan that checks every tsvector (each one read
    # back from TOAST) and hashes the whole facet table to join a few thousand matches:
    # for a search, the GIN index and nested loops over indexes are always the right plan.
    # The penalty these settings put on other plans would then trigger JIT compilation,
    # which costs more than these short queries.
    planner_settings = {
        "enable_seqscan": "off",
        "enable_hashjoin": "off",
        "enable_mergejoin": "off",
        "jit": "off",
    }

    @contextmanager
    def reading(self) -> Iterator[None]:
        # The settings are local to a transaction (or savepoint) rolled back at the end:
        # the search writes nothing, and the settings go away with it.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT "
                    + ", ".join(["set_config(%s, %s, true)"] * len(self.planner_settings)),
                    [item for pair in self.planner_settings.items() for item in pair],
                )
            yield
            transaction.set_rollback(True)

    def writing(self, cursor: CursorWrapper) -> None:
        # One writer at a time updates the totals (searches are not blocked): concurrent
        # publications would otherwise lock total rows in different orders.
        cursor.execute(f"LOCK TABLE {TOTAL_TABLE} IN SHARE ROW EXCLUSIVE MODE")

    @contextmanager
    def checking_keys_now(self, cursor: CursorWrapper) -> Iterator[None]:
        # Django's foreign keys are deferred to commit. A rebuild ends with ANALYZE, after
        # which the deferred checks of the deleted entries were planned as scans of a
        # "small" facet table, one per entry (an empty rebuild of 20,000 entries: 165 s).
        # Checked at each statement, they are index lookups planned on the old statistics.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


FLAVOURS: dict[str, FullText] = {"sqlite": SqliteFullText(), "postgresql": PostgresFullText()}


# --- The backend -------------------------------------------------------------------------

ENTRY_COLUMNS = tuple(
    field.column for field in SearchEntry._meta.concrete_fields if not field.primary_key
)


def _prepared(name: str, value: Any) -> Any:
    """``value`` as the database expects it for ``SearchEntry.<name>`` (JSON and dates go
    through Django's conversion; other columns take Python values as they are)."""
    return SearchEntry._meta.get_field(name).get_db_prep_save(value, connection)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _placeholders(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


def _json_list(value: Any) -> tuple:
    if isinstance(value, str):
        value = json.loads(value)
    return tuple(value or ())


@dataclass(frozen=True, slots=True)
class Visibility:
    """``viewer_may_see`` as SQL: which restrictions count in totals, and the row test."""

    restrictions: tuple[str, ...] | None
    """Restrictions the viewer sees whole (None: every one)."""
    group_ids: tuple[str, ...]
    """Groups through which the viewer sees some ``groups`` entries."""

    @classmethod
    def of(cls, viewer: Viewer) -> "Visibility":
        if not viewer.authenticated:
            return cls((RESTRICTION_PUBLIC,), ())
        if viewer.is_superuser:
            return cls(None, ())
        groups = tuple(str(group_id) for group_id in sorted(viewer.group_ids))
        return cls((RESTRICTION_PUBLIC, RESTRICTION_LOGIN), groups)

    def group_condition(self) -> tuple[str, list[Any]]:
        return (
            f"e.restriction = %s AND e.id IN (SELECT entry_id FROM {FACET_TABLE} "
            f"WHERE facet = %s AND value IN ({_placeholders(self.group_ids)}))",
            [RESTRICTION_GROUPS, GROUP_ACCESS, *self.group_ids],
        )

    def condition(self) -> tuple[str, list[Any]]:
        if self.restrictions is None:
            return "1 = 1", []
        whole = f"e.restriction IN ({_placeholders(self.restrictions)})"
        if not self.group_ids:
            return whole, list(self.restrictions)
        groups, params = self.group_condition()
        return f"({whole} OR ({groups}))", [*self.restrictions, *params]


class DatabaseBackend(SearchBackend):
    """The catalogue in the project's database (SQLite FTS5 or PostgreSQL full text).

    ``stemming`` is French stemming on PostgreSQL and light plural folding + prefix on
    SQLite; synonyms are expanded in the query (applied at once, multi-word terms as
    phrases). No fuzziness, phrase boost or "did you mean". ``engine`` is ``"database"``
    on both; ``status().detail`` and ``flavour().name`` tell which one answers.

    A search is two SQL queries whatever the size of the catalogue: the total and every
    facet's counts in one, the page of hits in the other (none when nothing matched); on
    PostgreSQL, a third one sets the planner up, in a transaction rolled back afterwards.
    """

    engine = "database"
    capabilities = Capabilities(
        stemming=True,
        accent_folding=True,
        elision=True,
        synonyms="expansion",
        fuzziness=False,
        phrase_boost=False,
        did_you_mean=False,
        autocomplete="prefix",
    )

    def flavour(self) -> FullText:
        """The SQL of the default database."""
        try:
            return FLAVOURS[connection.vendor]
        except KeyError:
            raise NotImplementedError(
                f"The database search engine supports SQLite and PostgreSQL, not {connection.vendor}."
            ) from None

    def get_synonym_groups(self) -> list[tuple[str, ...]]:
        return synonym_groups()

    # --- writes ---------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        latest = {doc.id: doc for doc in docs}
        if not latest:
            return
        flavour = self.flavour()
        with transaction.atomic(), connection.cursor() as cursor:
            flavour.writing(cursor)
            for batch in _batched(latest.values(), BATCH_SIZE):
                self._remove(cursor, flavour, [doc.id for doc in batch])
                self._insert(cursor, flavour, batch)
            cursor.execute(f"DELETE FROM {TOTAL_TABLE} WHERE entries <= 0")

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(str(doc_id) for doc_id in ids))
        if not ids:
            return
        flavour = self.flavour()
        with transaction.atomic(), connection.cursor() as cursor:
            flavour.writing(cursor)
            for batch in _batched(ids, BATCH_SIZE):
                self._remove(cursor, flavour, batch)
            cursor.execute(f"DELETE FROM {TOTAL_TABLE} WHERE entries <= 0")

    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Replace every entry in one transaction: searches see the old ones until commit."""
        flavour = self.flavour()
        done = 0
        seen: set[str] = set()
        with transaction.atomic(), connection.cursor() as cursor:
            flavour.writing(cursor)
            with flavour.checking_keys_now(cursor):
                for table in (TOTAL_TABLE, FACET_TABLE, ENTRY_TABLE):
                    cursor.execute(f"DELETE FROM {table}")
                flavour.cleared(cursor)
                for batch in _batched(docs, BATCH_SIZE):
                    latest = {doc.id: doc for doc in batch}
                    again = [doc_id for doc_id in latest if doc_id in seen]
                    if again:  # the same id twice: the last one wins, as in index()
                        self._remove(cursor, flavour, again, totals=False)
                    seen.update(latest)
                    self._insert(cursor, flavour, list(latest.values()), totals=False)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            self._change_totals(cursor, "1 = 1", [], sign=1)
            flavour.loaded(cursor)
        if progress is not None and done == 0:
            progress(0, total)

    def _remove(
        self, cursor: CursorWrapper, flavour: FullText, doc_ids: list[str], *, totals: bool = True
    ) -> None:
        where = f"e.doc_id IN ({_placeholders(doc_ids)})"
        if totals:
            self._change_totals(cursor, where, doc_ids, sign=-1)
        flavour.entries_removing(cursor, where, doc_ids)
        cursor.execute(
            f"DELETE FROM {FACET_TABLE} WHERE entry_id IN "
            f"(SELECT e.id FROM {ENTRY_TABLE} e WHERE {where})",
            doc_ids,
        )
        cursor.execute(
            f"DELETE FROM {ENTRY_TABLE} WHERE doc_id IN ({_placeholders(doc_ids)})",
            doc_ids,
        )

    def _insert(
        self,
        cursor: CursorWrapper,
        flavour: FullText,
        docs: list[SearchDocument],
        *,
        totals: bool = True,
    ) -> None:
        updated_at = _prepared("updated_at", timezone.now())
        cursor.executemany(
            f"INSERT INTO {ENTRY_TABLE} ({', '.join(ENTRY_COLUMNS)}) "
            f"VALUES ({_placeholders(ENTRY_COLUMNS)})",
            [self.entry_values(doc, updated_at) for doc in docs],
        )
        doc_ids = [doc.id for doc in docs]
        cursor.execute(
            f"SELECT doc_id, id FROM {ENTRY_TABLE} WHERE doc_id IN ({_placeholders(doc_ids)})",
            doc_ids,
        )
        entry_ids = dict(cursor.fetchall())
        facet_rows = [
            (entry_ids[doc.id], facet, value)
            for doc in docs
            for facet, value in self.facet_rows(doc)
        ]
        if facet_rows:
            flavour.insert_facet_rows(cursor, facet_rows)
        new_ids = list(entry_ids.values())
        flavour.entries_added(cursor, new_ids)
        if totals:
            self._change_totals(cursor, f"e.id IN ({_placeholders(new_ids)})", new_ids, sign=1)

    @staticmethod
    def _change_totals(cursor: CursorWrapper, where: str, params: list[Any], *, sign: int) -> None:
        """Add (``sign=1``) or take away (``-1``) the entries matching ``where`` from totals."""
        cursor.execute(
            f"""
            INSERT INTO {TOTAL_TABLE} (restriction, facet, value, entries)
            SELECT * FROM (
                SELECT e.restriction, fa.facet, fa.value, {sign:d} * COUNT(*) AS entries
                FROM {ENTRY_TABLE} e JOIN {FACET_TABLE} fa ON fa.entry_id = e.id
                WHERE {where} AND fa.facet <> %s
                GROUP BY e.restriction, fa.facet, fa.value
                UNION ALL
                SELECT e.restriction, %s, e.kind, {sign:d} * COUNT(*)
                FROM {ENTRY_TABLE} e WHERE {where} AND e.kind <> ''
                GROUP BY e.restriction, e.kind
                UNION ALL
                SELECT e.restriction, '', '', {sign:d} * COUNT(*)
                FROM {ENTRY_TABLE} e WHERE {where}
                GROUP BY e.restriction
            ) AS changes
            WHERE 1 = 1
            ORDER BY 1, 2, 3
            ON CONFLICT (restriction, facet, value)
            DO UPDATE SET entries = {TOTAL_TABLE}.entries + excluded.entries
            """,
            [*params, GROUP_ACCESS, "kind", *params, *params],
        )

    @staticmethod
    def entry_values(doc: SearchDocument, updated_at: Any) -> tuple:
        """The row of ``doc`` in ``ENTRY_COLUMNS`` order (``updated_at`` already prepared)."""
        values = {
            "doc_id": doc.id,
            "page_id": doc.page_id,
            "kind": doc.kind,
            "restriction": doc.restriction,
            "published_at": _prepared("published_at", doc.published_at),
            "popularity": doc.popularity,
            "updated_at": updated_at,
            "url": doc.url,
            "audience": _prepared("audience", list(dict.fromkeys(filter(None, doc.audience)))),
            "level": _prepared("level", list(dict.fromkeys(filter(None, doc.level)))),
            "theme": _prepared("theme", list(dict.fromkeys(filter(None, doc.theme)))),
            "group_ids": _prepared("group_ids", sorted(set(doc.group_ids))),
            "title": clean_text(doc.title),
            "title_folded": " ".join(text_words(doc.title)),
            "summary": clean_text(doc.summary),
            "keywords": clean_text(doc.keywords),
            "body": clean_text(doc.body),
        }
        return tuple(values[name] for name in ENTRY_COLUMNS)

    @staticmethod
    def facet_rows(doc: SearchDocument) -> Iterator[tuple[str, str]]:
        for facet in ROW_FACETS:
            for value in dict.fromkeys(doc.facet_values(facet)):
                if value:
                    yield facet, value
        if doc.restriction == RESTRICTION_GROUPS:
            for group_id in sorted(set(doc.group_ids)):
                yield GROUP_ACCESS, str(group_id)

    # --- reads ----------------------------------------------------------------------------

    @staticmethod
    def facet_condition(
        facet: str, values: tuple[str, ...], *, entry_id: str = "e.id"
    ) -> tuple[str, list[Any]]:
        if facet in COLUMN_FACETS:
            return f"e.{facet} IN ({_placeholders(values)})", list(values)
        return (
            f"{entry_id} IN (SELECT entry_id FROM {FACET_TABLE} WHERE facet = %s AND value IN "
            f"({_placeholders(values)}))",
            [facet, *values],
        )

    def search(self, query: SearchQuery) -> SearchResults:
        page_size = max(1, query.page_size)
        flavour = self.flavour()
        empty = SearchResults(
            count=0,
            hits=(),
            facets=empty_facets(),
            engine=self.engine,
            page=query.page,
            page_size=page_size,
        )
        text = query.text[:MAX_QUERY_LENGTH].strip()
        parsed = parse_query(text, self.get_synonym_groups()) if text else None
        if text and parsed is None:
            return empty  # only punctuation or stop words: nothing to look for

        # The entries the words and the viewer allow, before facet filters.
        visibility = Visibility.of(query.viewer)
        base_where, base_params = visibility.condition()
        if parsed:
            match_sql, match_params = flavour.match(parsed)
            base_where = f"{match_sql} AND {base_where}"
            base_params = [*match_params, *base_params]
        if query.exclude_ids:
            excluded = list(query.exclude_ids)
            base_where += f" AND e.doc_id NOT IN ({_placeholders(excluded)})"
            base_params += excluded
        base = Base(
            flavour.match_from() if parsed else f"{ENTRY_TABLE} e",
            base_where,
            base_params,
            selected={
                facet: values
                for facet in FACETS
                if (values := tuple(dict.fromkeys(query.filter_values(facet))))
            },
            whole=parsed is None and not query.exclude_ids,
        )

        offset = (max(1, query.page) - 1) * page_size
        hits: tuple[SearchHit, ...] = ()
        with flavour.reading():
            count, facets, page_ids = self._count(
                flavour, base, visibility, parsed, page=(offset, page_size)
            )
            if count == 0:
                return empty
            if parsed is not None and flavour.ranks_in_count:
                hits = self._page_of(flavour, parsed, page_ids)
            elif offset < count:
                hits = self._page(flavour, parsed, base, page_size, offset)
        return SearchResults(
            count=count,
            hits=hits,
            facets=facets,
            engine=self.engine,
            page=query.page,
            page_size=page_size,
        )

    def _count(
        self,
        flavour: FullText,
        base: "Base",
        visibility: Visibility,
        parsed: TextQuery | None,
        *,
        page: tuple[int, int],
    ) -> tuple[int, dict[str, tuple[FacetCount, ...]], list[int]]:
        """The total, every facet's counts and (when ``ranks_in_count``) the ids of the page
        (``offset``, ``size``), in one query.

        Post-filter semantics: a facet's counts apply every selected facet but its own.
        Counts that need neither words nor filters come from ``SearchFacetTotal``; the
        others are counted over ``base``, the matching entries, computed once.
        """
        from_totals = [f for f in FACETS if base.whole and not set(base.selected) - {f}]
        total_from_totals = base.whole and not base.selected
        counted = [f for f in FACETS if f not in from_totals]
        # The arms counted over the matches come first: SQLite plans the first arm of a
        # UNION best (covering index rather than a Bloom filter).
        cte, cte_params, arms = "", [], []
        if counted or not total_from_totals:
            cte, cte_params, arms = self._counted_arms(
                flavour, base, parsed, counted, total=not total_from_totals, page=page
            )
        if from_totals or total_from_totals:
            names = from_totals + ([""] if total_from_totals else [])
            arms += self._total_arms(visibility, names)

        sql = cte + " UNION ALL ".join(sql for sql, _ in arms)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*cte_params, *(p for _, arm_params in arms for p in arm_params)])
            rows = cursor.fetchall()

        count = 0
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        positions: dict[int, int] = {}
        for facet, value, number in rows:
            if facet == "":
                count += int(number)
            elif facet == PAGE_ROWS:
                positions[int(value)] = int(number)
            elif facet in counts:
                counts[facet][value] = counts[facet].get(value, 0) + int(number)
        if count == 0:
            return 0, empty_facets(), []
        facets = {
            facet: tuple(
                sorted(
                    (FacetCount(value, number) for value, number in values.items()),
                    key=lambda c: (-c.count, c.value),
                )
            )
            for facet, values in counts.items()
        }
        return count, facets, sorted(positions, key=positions.__getitem__)

    def _counted_arms(
        self,
        flavour: FullText,
        base: "Base",
        parsed: TextQuery | None,
        facets: list[str],
        *,
        total: bool,
        page: tuple[int, int],
    ) -> tuple[str, list[Any], list[tuple[str, list[Any]]]]:
        """``WITH base …`` and the arms counting ``facets`` (and the ``total``) over it.

        ``base`` holds the matching entries with one flag per selected facet; each count
        applies the flags of the other facets.
        """
        selected = base.selected
        flags, flag_params = [], []
        for number, (facet, values) in enumerate(selected.items()):
            condition, condition_params = self.facet_condition(facet, values)
            flags.append(f", {condition} AS selected_{number}")
            flag_params += condition_params
        flag_names = {facet: f"b.selected_{n}" for n, facet in enumerate(selected)}

        def all_flags(but: str | None = None) -> str:
            names = [name for facet, name in flag_names.items() if facet != but]
            return " AND ".join(names) if names else "1 = 1"

        where, where_params = base.where, list(base.params)
        if base.whole and selected:
            # Every count left needs at least one facet filter (the others come from
            # totals): start from the entries of the selected values, not from all.
            conditions = [self.facet_condition(f, v) for f, v in selected.items()]
            where += " AND (" + " OR ".join(sql for sql, _ in conditions) + ")"
            where_params += [p for _, condition_params in conditions for p in condition_params]
        columns = "".join(f", e.{facet} AS {facet}" for facet in COLUMN_FACETS)
        score_params: list[Any] = []
        ranked = parsed is not None and flavour.ranks_in_count
        if ranked:
            score, score_params = flavour.score(parsed)
            columns += (
                f", {score} AS score, e.popularity AS popularity,"
                f" e.published_at AS published_at, e.doc_id AS doc_id"
            )
        cte = (
            f"WITH base AS MATERIALIZED (SELECT e.id AS id{columns}{''.join(flags)} "
            f"FROM {base.source} WHERE {where}) "
        )

        arms: list[tuple[str, list[Any]]] = []
        # One arm per set of flags: the matches are narrowed by the flags before their facet
        # rows are looked up (with one facet selected, a single arm). CROSS JOIN: SQLite
        # walks the matches and looks up their rows rather than walking every facet row.
        by_flags: dict[str, list[str]] = {}
        for facet in facets:
            if facet in ROW_FACETS:
                by_flags.setdefault(all_flags(but=facet), []).append(facet)
        for flags_sql, names in by_flags.items():
            arms.append(
                (
                    f"SELECT fa.facet, fa.value, COUNT(*) FROM base b "
                    f"CROSS JOIN {FACET_TABLE} fa WHERE {flags_sql} AND fa.entry_id = b.id "
                    f"AND fa.facet IN ({_placeholders(names)}) GROUP BY fa.facet, fa.value",
                    list(names),
                )
            )
        for facet in COLUMN_FACETS:
            if facet in facets:
                arms.append(
                    (
                        f"SELECT %s, b.{facet}, COUNT(*) FROM base b "
                        f"WHERE b.{facet} <> '' AND {all_flags(but=facet)} GROUP BY b.{facet}",
                        [facet],
                    )
                )
        if total:
            arms.append((f"SELECT '', '', COUNT(*) FROM base b WHERE {all_flags()}", []))
        if ranked:
            offset, size = page
            arms.append(
                (
                    f"SELECT %s, CAST(p.id AS TEXT), p.position FROM ("
                    f"SELECT b.id, ROW_NUMBER() OVER (ORDER BY {flavour.ranked_order}) "
                    f"AS position FROM base b WHERE {all_flags()}) p "
                    f"WHERE p.position > %s AND p.position <= %s",
                    [PAGE_ROWS, offset, offset + size],
                )
            )
        return cte, [*score_params, *flag_params, *where_params], arms

    @staticmethod
    def _total_arms(visibility: Visibility, names: list[str]) -> list[tuple[str, list[Any]]]:
        """Arms reading the counts of facets ``names`` (``""``: the total) from totals."""
        restricted, params = "", []
        if visibility.restrictions is not None:
            restricted = f"restriction IN ({_placeholders(visibility.restrictions)}) AND "
            params = list(visibility.restrictions)
        arms = [
            (
                f"SELECT facet, value, SUM(entries) FROM {TOTAL_TABLE} "
                f"WHERE {restricted}facet IN ({_placeholders(names)}) "
                f"GROUP BY facet, value HAVING SUM(entries) > 0",
                [*params, *names],
            )
        ]
        if not visibility.group_ids:
            return arms
        # Entries restricted to groups are few: counted one by one.
        groups, group_params = visibility.group_condition()
        row_names = [name for name in names if name in ROW_FACETS]
        if row_names:
            arms.append(
                (
                    f"SELECT fa.facet, fa.value, COUNT(*) FROM {ENTRY_TABLE} e "
                    f"JOIN {FACET_TABLE} fa ON fa.entry_id = e.id "
                    f"WHERE {groups} AND fa.facet IN ({_placeholders(row_names)}) "
                    f"GROUP BY fa.facet, fa.value",
                    [*group_params, *row_names],
                )
            )
        for facet in COLUMN_FACETS:
            if facet in names:
                arms.append(
                    (
                        f"SELECT %s, e.{facet}, COUNT(*) FROM {ENTRY_TABLE} e "
                        f"WHERE {groups} AND e.{facet} <> '' GROUP BY e.{facet}",
                        [facet, *group_params],
                    )
                )
        if "" in names:
            arms.append(
                (f"SELECT '', '', COUNT(*) FROM {ENTRY_TABLE} e WHERE {groups}", group_params)
            )
        return arms

    def _page(
        self, flavour: FullText, parsed: TextQuery | None, base: "Base", limit: int, offset: int
    ) -> tuple[SearchHit, ...]:
        """The page by a query of its own: newest first, or best first for words."""
        where, params = base.where, list(base.params)
        for facet, values in base.selected.items():
            condition, condition_params = self.facet_condition(
                facet, values, entry_id=flavour.page_entry_id
            )
            where += f" AND {condition}"
            params += condition_params
        if parsed is not None:
            sql, params = flavour.ranked_page(parsed, where, params, limit, offset)
        else:
            sql = f"""
                SELECT e.doc_id, e.page_id, e.kind, e.title, e.url, e.summary,
                       e.audience, e.level, e.theme
                FROM {base.source} WHERE {where}
                ORDER BY {flavour.newest_first}
                LIMIT %s OFFSET %s
            """
            params = [*params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return tuple(self.to_hit(row) for row in cursor.fetchall())

    def _page_of(
        self, flavour: FullText, parsed: TextQuery, entry_ids: list[int]
    ) -> tuple[SearchHit, ...]:
        """The page chosen by the counting query, in ``entry_ids`` order, highlighted."""
        if not entry_ids:
            return ()
        sql, params = flavour.ranked_rows(parsed, entry_ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = {row[0]: row[1:] for row in cursor.fetchall()}
        return tuple(self.to_hit(rows[entry_id]) for entry_id in entry_ids if entry_id in rows)

    @staticmethod
    def to_hit(row: Sequence[Any]) -> SearchHit:
        doc_id, page_id, kind, title, url, summary, audience, level, theme = row[:9]
        score, title_marked, summary_marked, body_marked = (tuple(row[9:]) + (0.0, "", "", ""))[:4]
        fragment = next(
            (text for text in (body_marked, summary_marked) if text and MARK_START in text), ""
        )
        return SearchHit(
            id=doc_id,
            page_id=page_id,
            kind=kind,
            title=title,
            url=url,
            summary=summary,
            highlight=marked_html(fragment) if fragment else "",
            title_highlight=marked_html(title_marked or title),
            audience=_json_list(audience),
            level=_json_list(level),
            theme=_json_list(theme),
            score=float(score or 0.0),
        )

    def suggest(self, text: str, *, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        words = list(dict.fromkeys(text_words(text[:MAX_QUERY_LENGTH])))
        # One letter is the start of too many words for the index: such words only filter
        # the titles the others found (and alone, find nothing, as with Elasticsearch).
        indexed = [word for word in words if len(word) > 1]
        if not indexed or limit < 1:
            return []
        where, params = Visibility.of(viewer).condition()
        for letter in (word for word in words if len(word) == 1):
            where += " AND (' ' || e.title_folded) LIKE %s"
            params.append(f"% {letter}%")
        sql, sql_params = self.flavour().suggestions(
            indexed, " ".join(words) + "%", where, params, limit
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            return [Suggestion(id=row[0], title=row[1], url=row[2], kind=row[3]) for row in cursor]

    def document_ids(self) -> set[str]:
        return set(SearchEntry.objects.values_list("doc_id", flat=True))

    def status(self) -> BackendStatus:
        try:
            flavour = self.flavour()
            with transaction.atomic():
                count = SearchEntry.objects.count()
        except (DatabaseError, NotImplementedError) as error:
            return BackendStatus(self.engine, False, None, f"{type(error).__name__}: {error}")
        return BackendStatus(self.engine, True, count, flavour.description, ENTRY_TABLE)


@dataclass(frozen=True)
class Base:
    """The entries a search counts from: words, viewer and exclusions applied."""

    source: str
    """FROM clause (``e`` is the entries table)."""
    where: str
    params: list[Any]
    selected: dict[str, tuple[str, ...]]
    """Facet filters (applied through flags, not in ``where``)."""
    whole: bool
    """No words and no exclusions: every entry the viewer may see."""
