"""The database engine beyond the contract: its index tables, its honesty, its safety.

The ``smoke`` tests run on whichever database the run uses (SQLite FTS5 or PostgreSQL);
the ``postgres`` ones need PostgreSQL and skip on SQLite.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import SearchQuery, Viewer
from search.backends.database import (
    FTS_TABLE,
    DatabaseBackend,
    parse_query,
    plural_stem,
)
from search.documents import SearchDocument
from search.models import SearchEntry, SearchEntryFacet, SynonymGroup

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def doc(pk: int, title: str, **fields) -> SearchDocument:
    fields.setdefault("kind", "resource")
    fields.setdefault("url", f"/page-{pk}/")
    fields.setdefault("published_at", NOW - timedelta(days=pk))
    return SearchDocument(id=str(pk), page_id=pk, title=title, **fields)


CORPUS = [
    doc(
        1,
        "Le cyberharcèlement : comprendre et agir",
        summary="Repérer les signes du harcèlement en ligne.",
        body="Parlez-en à un adulte de confiance.",
        audience=("eleves", "parents"),
        theme=("harcelement",),
    ),
    doc(
        2,
        "Lire le journal en classe",
        kind="course",
        summary="Une séquence pour découvrir la presse écrite.",
        audience=("enseignants",),
        theme=("information",),
    ),
    doc(
        3,
        "Les jeunes et l'information",
        summary="Enquête sur les habitudes des adolescents.",
        audience=("enseignants", "parents"),
        theme=("information",),
    ),
    doc(
        4,
        "Guide des formateurs",
        restriction="groups",
        group_ids=(42,),
        audience=("enseignants",),
    ),
]


@pytest.fixture
def backend() -> DatabaseBackend:
    backend = DatabaseBackend()
    backend.rebuild(CORPUS, total=len(CORPUS))
    return backend


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def full_text_rows() -> int:
    """Documents in the full-text index itself (not the entries table)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # One docsize row per document indexed by FTS5.
            cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE}_docsize")  # noqa: S608
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM search_searchentry WHERE length(search_vector) > 0"
            )
        return cursor.fetchone()[0]


# --- Query analysis (no database) ---------------------------------------------------------


@pytest.mark.smoke
def test_plural_folding_joins_singular_and_plural():
    assert plural_stem("reseaux") == "reseau"
    assert plural_stem("journaux") == "journal"
    assert plural_stem("informations") == "information"
    assert plural_stem("jeux") == "jeu"
    assert plural_stem("stress") == "stress"
    assert plural_stem("bus") == "bus"
    assert plural_stem("bijoux") == "bijou"
    # A final x after anything but u is part of the word.
    assert plural_stem("infox") == "infox"
    assert plural_stem("intox") == "intox"
    assert plural_stem("prix") == "prix"


@pytest.mark.smoke
def test_infox_does_not_find_every_information(backend):
    backend.index([doc(40, "Informatique au collège"), doc(41, "Démasquer une infox")])
    found = ids(backend.search(SearchQuery(text="infox")))
    assert "41" in found
    assert "40" not in found


@pytest.mark.smoke
def test_query_words_lose_elisions_stop_words_and_accents():
    parsed = parse_query("L’École et les RÉSEAUX d'information")
    words = [word.token for clause in parsed.clauses for alt in clause for word in alt.words]
    assert words == ["ecole", "reseaux", "information"]
    assert parse_query("le la les l' *") is None
    assert parse_query('"(AND OR* -:^~ NEAR').clauses  # operators become plain words


@pytest.mark.smoke
def test_synonym_terms_expand_only_when_all_their_words_are_typed():
    groups = [("fake news", "infox", "fausse information")]
    expanded = parse_query("fake news", groups)
    assert len(expanded.clauses) == 1 and len(expanded.clauses[0]) == 3
    not_expanded = parse_query("fake", groups)
    assert len(not_expanded.clauses[0]) == 1


# --- The index tables ---------------------------------------------------------------------


@pytest.mark.smoke
def test_full_text_index_follows_index_delete_and_rebuild(backend):
    assert full_text_rows() == SearchEntry.objects.count() == len(CORPUS)
    backend.index([doc(1, "Le cyberharcèlement, nouvelle version"), doc(5, "Une fiche de plus")])
    assert full_text_rows() == SearchEntry.objects.count() == len(CORPUS) + 1
    backend.delete(["2", "999"])
    assert full_text_rows() == SearchEntry.objects.count() == len(CORPUS)
    backend.rebuild([doc(9, "Seule fiche", audience=("parents",))], total=1)
    assert full_text_rows() == SearchEntry.objects.count() == 1
    assert SearchEntryFacet.objects.filter(entry__doc_id="9").count() == 1
    assert backend.search(SearchQuery(text="fiche")).count == 1


@pytest.mark.smoke
def test_reindexing_replaces_old_words_and_facets(backend):
    backend.index([doc(1, "Protéger ses données", audience=("enseignants",))])
    assert backend.search(SearchQuery(text="cyberharcèlement")).count == 0
    assert ids(backend.search(SearchQuery(text="données"))) == ["1"]
    parents = backend.search(SearchQuery(filters={"audience": ("parents",)}))
    assert ids(parents) == ["3"]


@pytest.mark.smoke
def test_failed_rebuild_keeps_the_previous_index(backend):
    def broken_documents():
        yield doc(20, "Nouvelle fiche")
        raise RuntimeError("the page tree could not be read")

    with pytest.raises(RuntimeError):
        backend.rebuild(broken_documents(), total=2)
    assert backend.document_ids() == {d.id for d in CORPUS}
    assert full_text_rows() == len(CORPUS)


@pytest.mark.smoke
def test_rebuild_reports_progress_in_batches(backend, monkeypatch):
    monkeypatch.setattr("search.backends.database.BATCH_SIZE", 2)
    progress = []
    docs = [doc(100 + n, f"Fiche {n}") for n in range(5)]
    backend.rebuild(docs, total=5, progress=lambda done, total: progress.append((done, total)))
    assert progress == [(2, 5), (4, 5), (5, 5)]
    assert backend.document_ids() == {d.id for d in docs}


@pytest.mark.smoke
def test_entries_record_when_they_were_written(backend):
    before = SearchEntry.objects.get(doc_id="2").updated_at
    backend.index([doc(2, "Lire le journal en classe, mis à jour")])
    assert SearchEntry.objects.get(doc_id="2").updated_at >= before


# --- Honesty ------------------------------------------------------------------------------


@pytest.mark.smoke
def test_capabilities_do_not_claim_typo_tolerance():
    capabilities = DatabaseBackend.capabilities
    assert capabilities.fuzziness is False
    assert capabilities.did_you_mean is False
    assert capabilities.phrase_boost is False
    assert capabilities.synonyms == "expansion"


@pytest.mark.smoke
def test_a_typo_finds_nothing(backend):
    """No fuzziness is faked: a misspelt word is not matched."""
    assert ids(backend.search(SearchQuery(text="cyberharcèlement"))) == ["1"]
    results = backend.search(SearchQuery(text="cyberharcelemnt"))
    assert results.count == 0
    assert results.suggestion == ""


@pytest.mark.smoke
def test_status_names_the_flavour_in_use(backend):
    status = backend.status()
    assert status.engine == "database"
    assert status.available is True
    assert status.document_count == len(CORPUS)
    expected = "SQLite FTS5" if connection.vendor == "sqlite" else "PostgreSQL full text"
    assert expected in status.detail


# --- Matching -----------------------------------------------------------------------------


@pytest.mark.smoke
def test_plural_and_singular_meet(backend):
    assert ids(backend.search(SearchQuery(text="journaux"))) == ["2"]
    assert ids(backend.search(SearchQuery(text="informations"))) == ["3"]


@pytest.mark.smoke
def test_short_words_are_not_prefixes(backend):
    """ "jeu" is not the beginning of "jeunes"."""
    assert backend.search(SearchQuery(text="jeu")).count == 0
    assert ids(backend.search(SearchQuery(text="jeunes"))) == ["3"]


@pytest.mark.smoke
def test_query_syntax_is_searched_as_plain_words(backend):
    backend.index([doc(7, "Near or far", body="title: NOT a column")])
    for text in ["NEAR", "near OR", "title:", "NOT", "'or'", '"near"']:
        assert ids(backend.search(SearchQuery(text=text))) == ["7"], text
    assert backend.search(SearchQuery(text="' OR 1=1 --")).count == 0


@pytest.mark.smoke
def test_highlights_cannot_be_forged_by_the_text(backend):
    backend.index(
        [
            doc(
                8,
                "Signaler <b>un</b> abus",
                body="Un texte piégé \x02<img src=x onerror=alert(1)>\x03 puis signaler.",
            )
        ]
    )
    hit = backend.search(SearchQuery(text="signaler")).hits[0]
    assert hit.title_highlight == "<mark>Signaler</mark> &lt;b&gt;un&lt;/b&gt; abus"
    assert "<img" not in hit.highlight
    assert hit.highlight.count("<mark>") == hit.highlight.count("</mark>") == 1
    assert "\x02" not in SearchEntry.objects.get(doc_id="8").body


@pytest.mark.smoke
def test_editors_synonyms_apply_without_a_rebuild(backend):
    assert backend.search(SearchQuery(text="canard")).count == 0
    SynonymGroup.objects.create(terms="canard, presse écrite")
    assert ids(backend.search(SearchQuery(text="canard"))) == ["2"]


@pytest.mark.smoke
def test_text_filters_and_facets_agree(backend):
    results = backend.search(SearchQuery(text="information", filters={"audience": ("parents",)}))
    assert ids(results) == ["3"]
    assert results.count == 1
    audience = {item.value: item.count for item in results.facets["audience"]}
    # Without its own filter, the audience facet counts every "information" match.
    assert audience == {"enseignants": 1, "parents": 1}


def statements(captured) -> list[str]:
    """The SQL statements of a search, without savepoint bookkeeping."""
    bookkeeping = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(bookkeeping)]


@pytest.mark.smoke
def test_a_search_runs_a_fixed_number_of_queries_whatever_the_size(backend):
    """Counts and facets in one query, the page of hits in another (PostgreSQL adds the
    statement setting the planner up for them)."""
    backend.search(SearchQuery(text="warm up"))  # loads the synonym groups once
    query = SearchQuery(text="information", filters={"audience": ("parents", "enseignants")})
    with CaptureQueriesContext(connection) as small:
        backend.search(query)
    backend.index(
        [doc(200 + n, f"Information numéro {n}", audience=("parents",)) for n in range(30)]
    )
    with CaptureQueriesContext(connection) as large:
        results = backend.search(query)
    assert results.count == 31
    expected = 2 if connection.vendor == "sqlite" else 3
    assert len(statements(small)) == len(statements(large)) == expected


VIEWERS = [
    Viewer.anonymous(),
    Viewer(authenticated=True),
    Viewer(authenticated=True, group_ids=frozenset({42})),
    Viewer(authenticated=True, is_superuser=True),
]
FILTERS = [
    {},
    {"audience": ("parents",)},
    {"kind": ("resource",)},
    {"audience": ("enseignants", "parents"), "theme": ("information",)},
]


def counted(results) -> tuple:
    return results.count, {
        name: {c.value: c.count for c in items} for name, items in results.facets.items()
    }


@pytest.mark.smoke
def test_counts_kept_as_totals_agree_with_counting_the_entries(backend):
    """Browsing without words reads ``SearchFacetTotal``; an exclusion forces counting."""
    backend.index([doc(1, "Le cyberharcèlement", audience=("parents",), theme=("ecrans",))])
    backend.delete(["2"])
    backend.index(
        [
            doc(5, "Nouvelle fiche", kind="course", audience=("parents",)),
            doc(6, "Sans date", published_at=None),
        ]
    )
    for viewer in VIEWERS:
        for filters in FILTERS:
            totals = backend.search(SearchQuery(filters=filters, viewer=viewer))
            entries = backend.search(
                SearchQuery(filters=filters, viewer=viewer, exclude_ids=("none",))
            )
            assert counted(totals) == counted(entries), (viewer, filters)
            assert [h.id for h in totals.hits] == [h.id for h in entries.hits]


@pytest.mark.smoke
def test_first_page_counts_the_entries_of_the_viewers_groups(backend):
    member = Viewer(authenticated=True, group_ids=frozenset({42}))
    assert backend.search(SearchQuery(viewer=member)).count == len(CORPUS)
    assert backend.search(SearchQuery(viewer=Viewer(authenticated=True))).count == len(CORPUS) - 1
    audience = {
        c.value: c.count for c in backend.search(SearchQuery(viewer=member)).facets["audience"]
    }
    assert audience["enseignants"] == 3


@pytest.mark.smoke
def test_entries_without_a_date_come_last_when_browsing(backend):
    backend.index(
        [doc(7, "Sans date", published_at=None), doc(8, "Toute récente", published_at=NOW)]
    )
    assert ids(backend.search(SearchQuery(page_size=50)))[0] == "8"
    assert ids(backend.search(SearchQuery(page_size=50)))[-1] == "7"


# --- Restrictions -------------------------------------------------------------------------


@pytest.mark.smoke
def test_superuser_sees_group_restricted_entries(backend):
    superuser = Viewer(authenticated=True, is_superuser=True)
    assert ids(backend.search(SearchQuery(text="guide", viewer=superuser))) == ["4"]


@pytest.mark.smoke
def test_superuser_flag_without_authentication_sees_public_entries_only(backend):
    forged = Viewer(authenticated=False, is_superuser=True, group_ids=frozenset({42}))
    assert backend.search(SearchQuery(text="guide", viewer=forged)).count == 0
    assert backend.suggest("guide", viewer=forged) == []


@pytest.mark.smoke
def test_group_rows_are_not_a_facet_anyone_can_filter_on(backend):
    results = backend.search(SearchQuery(filters={"access:group": ("42",)}))
    assert "4" not in ids(results)
    assert "access:group" not in results.facets


# --- Autocomplete -------------------------------------------------------------------------


@pytest.mark.smoke
def test_suggest_ignores_accents_and_case(backend):
    assert [s.id for s in backend.suggest("CYBERHARCÈ", viewer=Viewer.anonymous())] == ["1"]
    assert [s.id for s in backend.suggest("les jeu", viewer=Viewer.anonymous())] == ["3"]
    assert [s.id for s in backend.suggest("l'inf", viewer=Viewer.anonymous())] == ["3"]


@pytest.mark.smoke
def test_suggest_uses_single_letters_only_to_narrow(backend):
    assert backend.suggest("c", viewer=Viewer.anonymous()) == []
    # "Le cyberharcèlement…" starts with it, "Lire le journal en classe" has both words.
    assert [s.id for s in backend.suggest("le c", viewer=Viewer.anonymous())] == ["1", "2"]
    assert [s.id for s in backend.suggest("le x", viewer=Viewer.anonymous())] == []


@pytest.mark.smoke
def test_suggest_puts_titles_starting_with_the_text_first(backend):
    backend.index([doc(30, "Journal de bord", popularity=0), doc(31, "Mon journal", popularity=99)])
    titles = [s.title for s in backend.suggest("journal", viewer=Viewer.anonymous())]
    assert titles[0] == "Journal de bord"
    assert set(titles) == {"Journal de bord", "Mon journal", "Lire le journal en classe"}


# --- PostgreSQL -----------------------------------------------------------------------------


@pytest.mark.postgres
def test_migration_creates_the_french_configuration_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchone() is not None
        cursor.execute(
            "SELECT to_tsvector('reperes_french', 'Les réseaux sociaux à l''école')::text"
        )
        (vector,) = cursor.fetchone()
        cursor.execute(
            "SELECT dictname FROM ts_debug('reperes_french', 'élève') "
            "CROSS JOIN unnest(dictionaries) AS dictname"
        )
        dictionaries = [row[0] for row in cursor.fetchall()]
    # Accents removed before French stemming; stop words gone.
    assert "'reseau'" in vector and "'ecol'" in vector
    assert "'les'" not in vector
    assert [str(name) for name in dictionaries] == ["unaccent", "french_stem"]


@pytest.mark.postgres
def test_postgresql_searches_use_the_gin_index(backend):
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM search_searchentry "
            "WHERE search_vector @@ to_tsquery('reperes_french', 'information')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_vector" in plan


@pytest.mark.postgres
def test_rebuild_leaves_the_callers_foreign_keys_deferred(backend):
    """A rebuild checks its own keys statement by statement (an empty rebuild over many
    entries otherwise crawled at commit), then gives the transaction back as it was."""
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite")
    backend.rebuild(CORPUS[:1], total=1)
    with connection.cursor() as cursor:
        # A facet row for an entry that does not exist yet is accepted until commit,
        cursor.execute(
            "INSERT INTO search_searchentryfacet (entry_id, facet, value) "
            "VALUES (999999, 'theme', 'x')"
        )
        cursor.execute("DELETE FROM search_searchentryfacet WHERE entry_id = 999999")
        # ...if it is gone by then.
