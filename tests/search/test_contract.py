"""One contract, two engines: every case runs on the database engine and on Elasticsearch.

Documents are indexed through the public ``SearchBackend`` interface only; the engine's
``refresh()`` makes writes visible as a real deployment would after its refresh interval.
"""

from datetime import UTC, datetime, timedelta

from search.backends.base import SearchQuery, Viewer
from search.documents import FACETS, SearchDocument

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def doc(pk: int, title: str, **fields) -> SearchDocument:
    fields.setdefault("kind", "resource")
    fields.setdefault("url", f"/page-{pk}/")
    fields.setdefault("published_at", NOW - timedelta(days=pk))
    return SearchDocument(id=str(pk), page_id=pk, title=title, **fields)


CORPUS = [
    doc(
        1,
        "Le cyberharcèlement : comprendre et agir",
        summary="Repérer les signes du harcèlement en ligne et savoir qui prévenir.",
        body="Le cyberharcèlement touche un élève sur cinq. Parlez-en à un adulte de confiance.",
        audience=("eleves", "parents"),
        level=("cycle-3",),
        theme=("harcelement",),
    ),
    doc(
        2,
        "Vérifier une information avant de la partager",
        summary="Une méthode en quatre questions pour repérer une fausse information.",
        body="La désinformation circule vite sur les réseaux sociaux. Qui parle ? D'où vient l'image ?",
        audience=("eleves",),
        level=("cycle-4",),
        theme=("information",),
    ),
    doc(
        3,
        "Semaine de la presse et des médias dans l'école",
        kind="campaign",
        summary="La grande campagne nationale d'éducation aux médias.",
        body="Inscrivez votre établissement et recevez le kit pédagogique.",
        audience=("enseignants",),
        level=("cycle-3", "cycle-4"),
        theme=("information",),
    ),
    doc(
        4,
        "Protéger ses données personnelles",
        kind="course",
        summary="Un parcours pour régler la confidentialité de ses comptes.",
        body="Mot de passe solide, double authentification, paramètres de confidentialité.",
        audience=("eleves",),
        level=("lycee",),
        theme=("vie-privee",),
    ),
    doc(
        5,
        "Accompagner son enfant sur les écrans",
        summary="Des repères pour les parents : temps d'écran, contrôle parental, dialogue.",
        body="Installer l'ordinateur dans une pièce commune aide à parler de ce que l'on voit.",
        audience=("parents",),
        level=("cycle-1", "cycle-2"),
        theme=("ecrans",),
    ),
    doc(
        6,
        "Le réseau social de la classe",
        kind="course",
        summary="Publier, commenter, signaler : les règles d'un réseau social.",
        body="Un réseau social scolaire pour s'entraîner.",
        audience=("eleves", "enseignants"),
        level=("cycle-3",),
        theme=("reseaux-sociaux",),
    ),
]


def index(engine, docs=CORPUS):
    engine.index(docs)
    engine.refresh()


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def facet(results, name) -> dict[str, int]:
    return {item.value: item.count for item in results.facets[name]}


def test_indexed_documents_are_found_with_their_fields(engine):
    index(engine)
    results = engine.search(SearchQuery(text="cyberharcèlement"))
    assert ids(results)[0] == "1"
    hit = results.hits[0]
    assert hit.kind == "resource"
    assert hit.title == "Le cyberharcèlement : comprendre et agir"
    assert hit.url == "/page-1/"
    assert hit.summary.startswith("Repérer les signes")
    assert hit.audience == ("eleves", "parents")
    assert results.engine == engine.engine
    assert set(results.facets) == set(FACETS)


def test_indexing_the_same_id_replaces_the_document(engine):
    index(engine)
    index(engine, [doc(2, "Décrypter une image truquée", summary="Nouvelle version.")])
    assert engine.search(SearchQuery(text="vérifier partager")).count == 0
    results = engine.search(SearchQuery(text="image truquée"))
    assert ids(results) == ["2"]
    assert engine.document_ids() == {str(d.page_id) for d in CORPUS}


def test_deleted_documents_are_gone_and_unknown_ids_are_ignored(engine):
    index(engine)
    engine.delete(["1", "999"])
    engine.refresh()
    assert engine.search(SearchQuery(text="cyberharcèlement")).count == 0
    assert "1" not in engine.document_ids()
    assert engine.search(SearchQuery()).count == len(CORPUS) - 1


def test_empty_query_returns_everything_newest_first(engine):
    index(engine)
    results = engine.search(SearchQuery(text="", page_size=50))
    assert ids(results) == ["1", "2", "3", "4", "5", "6"]
    assert results.count == 6
    assert facet(results, "kind") == {"resource": 3, "campaign": 1, "course": 2}


def test_filters_or_within_a_facet_and_across_facets(engine):
    index(engine)
    parents = engine.search(SearchQuery(filters={"audience": ("parents",)}))
    assert sorted(ids(parents)) == ["1", "5"]
    either = engine.search(SearchQuery(filters={"audience": ("parents", "enseignants")}))
    assert sorted(ids(either)) == ["1", "3", "5", "6"]
    both = engine.search(
        SearchQuery(filters={"audience": ("eleves",), "kind": ("course",), "level": ("cycle-3",)})
    )
    assert ids(both) == ["6"]
    with_text = engine.search(SearchQuery(text="réseau social", filters={"kind": ("resource",)}))
    assert "6" not in ids(with_text)


def test_facet_counts_ignore_their_own_selection(engine):
    """Post-filter semantics: choosing "parents" keeps the other audiences' counts visible."""
    index(engine)
    results = engine.search(SearchQuery(filters={"audience": ("parents",)}))
    assert results.count == 2
    # The audience facet is computed without the audience filter...
    assert facet(results, "audience") == {"eleves": 4, "parents": 2, "enseignants": 2}
    # ...while the other facets are narrowed by it.
    assert facet(results, "kind") == {"resource": 2}
    assert facet(results, "theme") == {"harcelement": 1, "ecrans": 1}
    narrowed = engine.search(SearchQuery(filters={"audience": ("eleves",), "kind": ("course",)}))
    assert facet(narrowed, "kind") == {"resource": 2, "course": 2}
    assert facet(narrowed, "audience") == {"eleves": 2, "enseignants": 1}


def test_facet_counts_follow_the_text_query(engine):
    index(engine)
    results = engine.search(SearchQuery(text="information"))
    kinds = facet(results, "kind")
    assert "course" not in kinds
    assert sum(kinds.values()) == results.count


def test_highlight_marks_matched_words_and_escapes_html(engine):
    index(
        engine,
        [
            doc(
                7,
                "Signaler un contenu choquant",
                summary="Que faire face à une image choquante ?",
                body="Le bouton <script>alert(1)</script> signaler existe sur chaque plateforme : signaler protège.",
            )
        ],
    )
    results = engine.search(SearchQuery(text="signaler plateforme"))
    hit = results.hits[0]
    assert "<mark>" in hit.highlight
    assert "<script>" not in hit.highlight
    assert "<script>" not in hit.title_highlight
    assert "<mark>" in hit.title_highlight
    assert "Signaler" in hit.title_highlight


def test_pagination_is_stable_and_complete(engine):
    docs = [
        doc(100 + n, f"Fiche pratique numéro {n}", summary="Une fiche pratique.") for n in range(25)
    ]
    index(engine, docs)
    pages = [engine.search(SearchQuery(text="fiche", page=n, page_size=10)) for n in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [10, 10, 5]
    assert all(p.count == 25 for p in pages)
    seen = [hit for p in pages for hit in ids(p)]
    assert len(set(seen)) == 25
    assert pages[2].page_count == 3
    beyond = engine.search(SearchQuery(text="fiche", page=4, page_size=10))
    assert beyond.hits == () and beyond.count == 25


def test_restricted_documents_are_hidden_from_anonymous_people(engine):
    index(
        engine,
        [
            doc(8, "Guide réservé aux enseignants connectés", restriction="login"),
            doc(9, "Guide réservé au groupe des formateurs", restriction="groups", group_ids=(42,)),
            doc(10, "Guide public pour tous"),
        ],
    )
    anonymous = engine.search(SearchQuery(text="guide"))
    assert ids(anonymous) == ["10"]
    assert facet(anonymous, "kind") == {"resource": 1}
    member = Viewer(authenticated=True, group_ids=frozenset({42}))
    assert sorted(ids(engine.search(SearchQuery(text="guide", viewer=member)))) == ["10", "8", "9"]
    other = Viewer(authenticated=True, group_ids=frozenset({7}))
    assert sorted(ids(engine.search(SearchQuery(text="guide", viewer=other)))) == ["10", "8"]
    assert [s.id for s in engine.suggest("guide", viewer=Viewer.anonymous())] == ["10"]


def test_accents_and_case_do_not_matter(engine):
    index(engine)
    assert "1" in ids(engine.search(SearchQuery(text="CYBERHARCELEMENT")))
    assert "4" in ids(engine.search(SearchQuery(text="proteger donnees")))


def test_plural_and_elision_when_the_engine_stems(engine):
    index(engine)
    assert "6" in ids(engine.search(SearchQuery(text="réseaux sociaux")))
    assert "3" in ids(engine.search(SearchQuery(text="l'école")))
    assert "2" in ids(engine.search(SearchQuery(text="informations")))


def test_synonyms_find_the_editors_words(engine):
    """Seeded group: "fake news, infox, fausse information, … désinformation"."""
    engine.rebuild(CORPUS, total=len(CORPUS))
    engine.refresh()
    assert "2" in ids(engine.search(SearchQuery(text="infox")))
    assert "2" in ids(engine.search(SearchQuery(text="fake news")))


def test_exclude_ids(engine):
    index(engine)
    results = engine.search(SearchQuery(text="cyberharcèlement", exclude_ids=("1",)))
    assert "1" not in ids(results)


def test_suggest_completes_titles_as_you_type(engine):
    index(engine)
    titles = [s.title for s in engine.suggest("cyberha", viewer=Viewer.anonymous())]
    assert titles[0] == "Le cyberharcèlement : comprendre et agir"
    assert [s.title for s in engine.suggest("prot", viewer=Viewer.anonymous())] == [
        "Protéger ses données personnelles"
    ]
    assert engine.suggest("semaine de la pr", viewer=Viewer.anonymous())[0].id == "3"
    assert engine.suggest("", viewer=Viewer.anonymous()) == []


def test_rebuild_replaces_the_whole_index(engine):
    index(engine)
    progress = []
    engine.rebuild(
        [doc(20, "Nouvelle fiche sur les algorithmes")],
        total=1,
        progress=lambda done, total: progress.append((done, total)),
    )
    engine.refresh()
    assert engine.document_ids() == {"20"}
    assert progress[-1] == (1, 1)
    assert ids(engine.search(SearchQuery(text="algorithmes"))) == ["20"]


def test_status_reports_the_engine_and_its_documents(engine):
    index(engine)
    status = engine.status()
    assert status.available is True
    assert status.engine == engine.engine
    assert status.document_count == len(CORPUS)


def test_awkward_queries_never_fail(engine):
    index(engine)
    for text in ['"(AND OR* -:^~ NEAR', "x" * 2000, "l'", "' OR 1=1 --", "émoji 🙂", "*"]:
        results = engine.search(SearchQuery(text=text))
        assert results.count >= 0
        engine.suggest(text, viewer=Viewer.anonymous())


def test_no_match_gives_an_empty_result_with_zero_facets(engine):
    index(engine)
    results = engine.search(SearchQuery(text="zygomatique"))
    assert results.count == 0 and results.hits == ()
    assert all(counts == () for counts in results.facets.values())
