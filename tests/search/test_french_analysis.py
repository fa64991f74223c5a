"""French analysis on the real Elasticsearch node, through elasticsearch-dsl."""

import pytest
from django.conf import settings
from elasticsearch.dsl import Document, Search, Text

from search.analysis import french

pytestmark = pytest.mark.elasticsearch

TEXTS = {
    "information": "Vérifier l'information avant de la partager",
    "desinformation": "Comprendre la désinformation et ses ressorts",
    "reseaux": "Bien se protéger sur les réseaux sociaux",
    "climat": "Le climat change, les océans montent",
}


class FrenchSmokeDocument(Document):
    body = Text(analyzer=french)


@pytest.fixture(scope="module")
def french_index(elasticsearch_client):
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}french_analysis"
    index = FrenchSmokeDocument._index.clone(name)
    index.delete(using=elasticsearch_client, ignore_unavailable=True)
    index.create(using=elasticsearch_client)
    for key, text in TEXTS.items():
        FrenchSmokeDocument(meta={"id": key, "index": name}, body=text).save(
            using=elasticsearch_client
        )
    index.refresh(using=elasticsearch_client)
    yield name
    index.delete(using=elasticsearch_client, ignore_unavailable=True)


def search_ids(client, index: str, query: str) -> set[str]:
    response = Search(using=client, index=index).query("match", body=query).execute()
    return {hit.meta.id for hit in response}


@pytest.mark.parametrize(
    ("query", "expected", "reason"),
    [
        ("l'information", "information", "elision"),
        ("information", "information", "exact word"),
        ("desinformation", "desinformation", "accent folding"),
        ("DÉSINFORMATION", "desinformation", "case and accents"),
        ("réseau social", "reseaux", "singular finds plural"),
        ("reseaux sociaux", "reseaux", "plural without accents"),
    ],
)
def test_french_analyzer_finds(elasticsearch_client, french_index, query, expected, reason):
    assert expected in search_ids(elasticsearch_client, french_index, query), reason


def test_french_analyzer_does_not_match_unrelated_text(elasticsearch_client, french_index):
    assert search_ids(elasticsearch_client, french_index, "réseaux sociaux") == {"reseaux"}
    assert search_ids(elasticsearch_client, french_index, "les de la") == set()  # stop words only


def test_french_analyzer_tokens(elasticsearch_client, french_index):
    tokens = elasticsearch_client.indices.analyze(
        index=french_index, analyzer="reperes_french", text="L'information sur les réseaux sociaux"
    )["tokens"]
    terms = [token["token"] for token in tokens]
    assert len(terms) == 3  # "l'", "sur" and "les" are gone
    assert (
        terms[0]
        == elasticsearch_client.indices.analyze(
            index=french_index, analyzer="reperes_french", text="information"
        )["tokens"][0]["token"]
    )
    plural = elasticsearch_client.indices.analyze(
        index=french_index, analyzer="reperes_french", text="réseau social"
    )["tokens"]
    assert [t["token"] for t in plural] == terms[1:]
