"""Index a synthetic French catalogue into both search engines and compare them side by side.

    .venv/bin/python bench/search.py [--n 100000] [--queries 200] [--seed 42] [--engines es,db]
        [--es-url URL] [--database sqlite|postgres] [--database-url URL]

The corpus is N ``SearchDocument`` values built from the domain's vocabulary (infox,
cyberharcèlement, hameçonnage, réseaux sociaux, données personnelles, écrans, esprit
critique, publicité, jeux vidéo, intelligence artificielle, complotisme, droit à
l'image…): titles, summaries and bodies in French with accents, elisions and plurals;
kinds, audiences, levels and themes drawn with a skew; publication dates over five years;
a skewed popularity; about 3 % of pages for signed-in people and 1 % for groups. It is
generated lazily from ``random.Random(seed)``: the same seed gives the same corpus and
the same queries, and 100,000 documents never sit in memory at once.

For each engine, one after the other, the bench times ``backend.rebuild(corpus, total=N)``
wall-clock (docs/s; the time spent generating the corpus inside it is measured too and
left out of the "engine only" row), waits for Elasticsearch's background merges, then
times ``backend.search()`` wall-clock for a fixed mix of ``--queries`` queries: single
words, two-word phrases, words typed without accents, typos, synonyms ("infox",
"phishing"), short sentences and the empty query (browsing); one in ten asks for page 2
to 4, one in ten is a signed-in visitor. Each query runs twice: without facet filters,
then with one or two (facet counts are always computed, as on the search page). The
first ``--warmup`` queries of the mix (cycling; default 400, the mix twice over) run
untimed in both modes before: a freshly started JVM compiles its hot paths over the first
few hundred queries (measured: p95 with facets 82 ms after 20 warm-up queries, 38 ms
after 400), and a node in service is warm. ``suggest()`` is
timed on ``--suggestions`` title prefixes. The table gives p50/p95 (and the mean) per
engine and mode and the Elasticsearch/database ratio (below 1: Elasticsearch is faster
for latencies; above 1: faster for docs/s), whether the targets are met (Elasticsearch
p95 with facets under 50 ms, indexing over 1,500 docs/s), then p50/p95 per kind of
query, the slowest queries, zero-result counts and median hits (engines differ in
recall: a fast answer with no hit is not a win), machine and load average. Run it on a
quiet machine: on 2 cores, anything else running shows in the figures.

Elasticsearch: ``--es-url``, else ``ELASTICSEARCH_URL``, else the node of
``scripts/elasticsearch.sh`` when one runs (shared: not stopped afterwards), else one is
started with that script (with full JIT, ``ES_EXTRA_JAVA_OPTS=-XX:TieredStopAtLevel=4``,
unless set; ``ES_HEAP`` is passed through) and stopped at the end. The indices live
under the prefix ``bench_<pid>_`` and are deleted at the end.

Database: Django runs ``cms.settings.test`` (DEBUG off; ``--settings`` to change) on
  * ``--database sqlite`` (default): a throwaway SQLite file under ``.cache/``, migrated,
    deleted afterwards;
  * ``--database postgres``: a throwaway cluster from ``scripts/postgres.sh``, migrated,
    stopped afterwards (refused while another cluster of that script runs: pass its URL);
  * ``--database-url URL``: an existing database, migrated. Its database-engine index is
    replaced by the synthetic corpus and emptied at the end (``delete()``): run
    ``manage.py search_rebuild`` there afterwards. Synonyms are read from whichever database is used.
"""

import argparse
import bisect
import contextlib
import hashlib
import itertools
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_ES_FACETED_P95_MS = 50.0
TARGET_ES_DOCS_PER_SECOND = 1500.0
SENTENCE_POOL_SIZE = 2000
"""Distinct body sentences per theme."""
CORPUS_END = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
"""Publication dates run over the five years before this fixed date (reproducible)."""

# --- Vocabulary -----------------------------------------------------------------------------

# theme slug -> (weight, noun phrases as (definite form, "de" form)).
THEMES: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "desinformation": (18, [
        ("la désinformation", "de la désinformation"),
        ("les infox", "des infox"),
        ("les fausses informations", "des fausses informations"),
        ("les images truquées", "des images truquées"),
        ("la vérification des faits", "de la vérification des faits"),
        ("les sources d'information", "des sources d'information"),
        ("le fact-checking", "du fact-checking"),
        ("l'information en continu", "de l'information en continu"),
    ]),
    "cyberharcelement": (12, [
        ("le cyberharcèlement", "du cyberharcèlement"),
        ("le harcèlement en ligne", "du harcèlement en ligne"),
        ("les insultes en ligne", "des insultes en ligne"),
        ("la violence numérique", "de la violence numérique"),
        ("les messages haineux", "des messages haineux"),
        ("l'effet de groupe", "de l'effet de groupe"),
        ("le numéro 3018", "du numéro 3018"),
    ]),
    "reseaux-sociaux": (12, [
        ("les réseaux sociaux", "des réseaux sociaux"),
        ("les influenceurs", "des influenceurs"),
        ("les algorithmes de recommandation", "des algorithmes de recommandation"),
        ("l'identité numérique", "de l'identité numérique"),
        ("la viralité", "de la viralité"),
        ("les contenus sponsorisés", "des contenus sponsorisés"),
        ("les abonnés", "des abonnés"),
    ]),
    "donnees-personnelles": (10, [
        ("les données personnelles", "des données personnelles"),
        ("la vie privée", "de la vie privée"),
        ("les mots de passe", "des mots de passe"),
        ("les paramètres de confidentialité", "des paramètres de confidentialité"),
        ("les traces numériques", "des traces numériques"),
        ("le RGPD", "du RGPD"),
        ("les cookies", "des cookies"),
    ]),
    "ecrans": (10, [
        ("les écrans", "des écrans"),
        ("le temps d'écran", "du temps d'écran"),
        ("le smartphone", "du smartphone"),
        ("le sommeil des enfants", "du sommeil des enfants"),
        ("les usages numériques", "des usages numériques"),
        ("la parentalité numérique", "de la parentalité numérique"),
        ("les notifications", "des notifications"),
    ]),
    "esprit-critique": (9, [
        ("l'esprit critique", "de l'esprit critique"),
        ("l'éducation aux médias", "de l'éducation aux médias"),
        ("les médias", "des médias"),
        ("le journalisme", "du journalisme"),
        ("la liberté d'expression", "de la liberté d'expression"),
        ("les biais cognitifs", "des biais cognitifs"),
        ("la presse écrite", "de la presse écrite"),
    ]),
    "hameconnage": (7, [
        ("l'hameçonnage", "de l'hameçonnage"),
        ("les arnaques en ligne", "des arnaques en ligne"),
        ("les courriels frauduleux", "des courriels frauduleux"),
        ("les faux sites", "des faux sites"),
        ("les escroqueries", "des escroqueries"),
        ("la sécurité numérique", "de la sécurité numérique"),
        ("les rançongiciels", "des rançongiciels"),
    ]),
    "intelligence-artificielle": (7, [
        ("l'intelligence artificielle", "de l'intelligence artificielle"),
        ("les hypertrucages", "des hypertrucages"),
        ("les agents conversationnels", "des agents conversationnels"),
        ("les images générées", "des images générées"),
        ("les algorithmes", "des algorithmes"),
        ("l'apprentissage automatique", "de l'apprentissage automatique"),
    ]),
    "publicite": (5, [
        ("la publicité", "de la publicité"),
        ("le marketing d'influence", "du marketing d'influence"),
        ("les placements de produits", "des placements de produits"),
        ("la publicité ciblée", "de la publicité ciblée"),
        ("les achats intégrés", "des achats intégrés"),
    ]),
    "jeux-video": (4, [
        ("les jeux vidéo", "des jeux vidéo"),
        ("les jeux en ligne", "des jeux en ligne"),
        ("la classification PEGI", "de la classification PEGI"),
        ("les microtransactions", "des microtransactions"),
        ("les communautés de joueurs", "des communautés de joueurs"),
    ]),
    "complotisme": (4, [
        ("le complotisme", "du complotisme"),
        ("les théories du complot", "des théories du complot"),
        ("les rumeurs", "des rumeurs"),
        ("les discours conspirationnistes", "des discours conspirationnistes"),
        ("la manipulation de l'information", "de la manipulation de l'information"),
    ]),
    "droit-a-l-image": (2, [
        ("le droit à l'image", "du droit à l'image"),
        ("les photos de classe", "des photos de classe"),
        ("le consentement", "du consentement"),
        ("la diffusion d'images", "de la diffusion d'images"),
        ("le droit d'auteur", "du droit d'auteur"),
    ]),
}  # fmt: skip
THEME_SLUGS = list(THEMES)
THEME_WEIGHTS = [weight for weight, _terms in THEMES.values()]

KINDS = ["resource", "campaign", "course", "scenario"]
KIND_WEIGHTS = [50, 20, 20, 10]
KIND_PATHS = {
    "resource": "ressources",
    "campaign": "campagnes",
    "course": "parcours",
    "scenario": "scenarios",
}
AUDIENCES = ["eleves", "enseignants", "parents", "elus-et-agents"]
AUDIENCE_WEIGHTS = [40, 35, 18, 7]
LEVELS = ["cycle-1", "cycle-2", "cycle-3", "cycle-4", "lycee", "adultes"]
LEVEL_WEIGHTS = [4, 10, 25, 30, 20, 11]

AUDIENCE_WORDS = {
    "eleves": ["les élèves", "les collégiens", "les lycéens", "les écoliers", "les jeunes"],
    "enseignants": ["les enseignants", "les professeurs documentalistes", "les équipes éducatives"],
    "parents": ["les parents", "les familles", "les grands-parents"],
    "elus-et-agents": ["les élus", "les agents des collectivités", "les animateurs"],
}
PLACES = [
    "en classe", "à la maison", "au CDI", "en ligne", "sur les réseaux sociaux",
    "dans la cour de récréation", "au collège", "au lycée", "à l'école", "en famille",
    "à la médiathèque", "pendant les vacances", "dans les transports",
]  # fmt: skip
EXAMPLES = [
    "une vidéo virale", "un faux compte", "une capture d'écran retouchée", "un message suspect",
    "une publicité déguisée", "un courriel d'hameçonnage", "une photo partagée sans accord",
    "un titre racoleur", "une image générée par l'IA", "un mème", "un défi dangereux",
    "un article de presse", "un sondage en ligne", "une notification insistante",
    "un commentaire haineux", "des vidéos virales", "des faux comptes", "des titres racoleurs",
    "des publicités déguisées", "des photos retouchées", "des rumeurs d'élèves",
    "des témoignages de victimes", "des captures d'écran", "des tutoriels de youtubeurs",
]  # fmt: skip
ACTIVITIES = [
    "des activités courtes", "un débat mouvant", "une séquence de trois séances",
    "un jeu de rôle", "des études de cas", "un quiz", "une enquête en équipe",
    "un atelier d'écriture", "une exposition", "des cartes à discuter",
]  # fmt: skip
VERBS = [
    "apprennent à repérer", "découvrent", "analysent", "questionnent", "décryptent",
    "comparent", "observent", "mettent en scène", "enquêtent sur", "étudient",
]  # fmt: skip
TITLE_ACTIONS = [
    "comprendre", "repérer", "décrypter", "reconnaître", "prévenir", "analyser",
    "expliquer", "questionner", "lutter contre", "enquêter sur",
]  # fmt: skip
TITLE_SUFFIXES = {
    "resource": [
        "fiche pratique", "guide pour les parents", "affiche à imprimer", "vidéo de trois minutes",
        "dossier documentaire", "infographie", "séquence pour le cycle 3", "kit pédagogique",
    ],
    "campaign": [
        "campagne nationale", "semaine d'action", "concours d'affiches", "journée de sensibilisation",
    ],
    "course": ["parcours en cinq étapes", "formation pour les enseignants", "module d'autoformation"],
    "scenario": ["scénario interactif", "jeu sérieux", "escape game pédagogique"],
}  # fmt: skip
TITLE_TEMPLATES = {
    "resource": [
        "{Action} {term} : {suffix}",
        "{Term} : {suffix}",
        "{Term} et {term2}",
        "{Term} : explications pour les enfants",
        "Dix questions sur {term}",
        "Parler {term_de} {place}",
    ],
    "campaign": [
        "{Term}, parlons-en !",
        "Semaine de la presse et des médias : {term}",
        "{Action} {term} : {suffix}",
        "Tous mobilisés contre {term}",
    ],
    "course": [
        "Parcours : {term} {place}",
        "Se former : {term} et {term2}",
        "{Action} {term} : {suffix}",
    ],
    "scenario": [
        "Enquête : {example} circule au collège",
        "Mission : {action} {term}",
        "{Term} : {suffix}",
    ],
}  # fmt: skip
SUMMARY_TEMPLATES = [
    "Des repères concrets pour aider {audience} à comprendre {term} et {term2}.",
    "Comment aborder {term} avec {audience} {place} ? {Activity} pour en parler sans dramatiser.",
    "{Audience} {verb} {term} à partir {example_de}.",
    "Une ressource pour {action} {term} : définitions, exemples et bons réflexes.",
    "{Term} : ce qu'il faut savoir pour {audience} et où trouver de l'aide.",
]  # fmt: skip
SENTENCE_TEMPLATES = [
    "{Audience} {verb} {term} {place}.",
    "Cette séance propose {activity} pour aborder {term} avec {audience}.",
    "Comment parler {term_de} avec {audience} ?",
    "{Audience} s'interrogent sur {term} et sur {term2}.",
    "Les parents s'inquiètent souvent {term_de} ; ce guide leur donne des repères concrets.",
    "Un atelier d'une heure suffit pour analyser {example} et en discuter {place}.",
    "Chaque séance part d'un exemple tiré de l'actualité : {example}.",
    "Il s'agit de comprendre le rôle {term_de} dans la vie quotidienne.",
    "On y aborde aussi {term2} et {term}.",
    "Les échanges portent sur {example}, {example2} et les émotions qu'ils suscitent.",
    "La fiche rappelle les bons réflexes : vérifier la source, croiser les informations, signaler les contenus choquants.",
    "Vous trouverez des ressources téléchargeables, des affiches et des vidéos courtes sur {term}.",
    "Les élus et les agents des collectivités peuvent relayer la campagne dans les médiathèques.",
    "En fin de séance, chacun rédige trois conseils sur {term} pour {audience}.",
    "L'enseignant présente {example} puis demande : qui l'a publié, quand, et pourquoi ?",
    "Contre {term}, des adultes à l'écoute et des outils existent.",
    "Des professionnels du journalisme témoignent de leur travail de vérification.",
    "Le débat permet de distinguer information, opinion et publicité.",
    "Quelques chiffres récents montrent l'ampleur {term_de} chez les adolescents.",
    "Le kit contient des fiches pour {audience}, un quiz et une grille d'analyse.",
]  # fmt: skip

# Queries: what visitors type. Synonyms are mostly absent from the corpus ("phishing",
# "deepfake", "fake news"), so only synonym handling finds their documents.
QUERY_WORDS = [
    "désinformation", "infox", "cyberharcèlement", "hameçonnage", "écrans", "publicité",
    "complotisme", "algorithmes", "influenceurs", "rumeurs", "journalisme", "médias",
    "sommeil", "smartphone", "cookies", "RGPD", "consentement", "rançongiciels", "escroqueries",
    "hypertrucages", "microtransactions", "notifications", "viralité", "presse", "arnaques",
]  # fmt: skip
QUERY_PHRASES = [
    "réseaux sociaux", "esprit critique", "données personnelles", "jeux vidéo", "mots de passe",
    "droit à l'image", "intelligence artificielle", "temps d'écran", "théories du complot",
    "vie privée", "fausses informations", "harcèlement en ligne", "éducation aux médias",
    "identité numérique", "liberté d'expression", "publicité ciblée", "faux sites",
    "biais cognitifs", "images truquées", "sécurité numérique",
]  # fmt: skip
QUERY_SYNONYMS = [
    "phishing", "fake news", "intox", "deepfake", "IA", "gaming", "harcèlement en ligne",
    "cyberintimidation", "théorie du complot", "filoutage", "fact checking", "youtubeur",
    "téléphone portable", "médias sociaux", "vidéo truquée", "sextorsion", "canular",
]  # fmt: skip
QUERY_SENTENCES = [
    "comment repérer une fausse information", "parler des écrans aux parents",
    "atelier cyberharcèlement collège", "séquence esprit critique cycle 3",
    "protéger ses données personnelles", "reconnaître un courriel frauduleux",
    "l'intelligence artificielle en classe", "les dangers des réseaux sociaux",
]  # fmt: skip
QUERY_CATEGORIES = [
    ("word", 25),
    ("phrase", 20),
    ("no accents", 15),
    ("typo", 12),
    ("synonym", 15),
    ("sentence", 8),
    ("browse", 5),
]
FACET_WEIGHTS = {"theme": 40, "audience": 25, "level": 25, "kind": 10}


def fold(text: str) -> str:
    """Lower case without accents: what a visitor typing fast sends."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def bare(term: str) -> str:
    """ "les réseaux sociaux" -> "réseaux sociaux", "l'esprit critique" -> "esprit critique"."""
    for article in ("les ", "le ", "la ", "l'", "une ", "un ", "des "):
        if term.startswith(article):
            return term[len(article) :]
    return term


def slugify(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:limit].rstrip("-")


class Weighted:
    """Values drawn with weights, fast: one ``random()`` call per draw."""

    def __init__(self, values: list[str], weights: list[int]):
        self.values = values
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, random_: Callable[[], float]) -> str:
        return self.values[bisect.bisect(self.cumulative, random_() * self.total)]

    def distinct(self, random_: Callable[[], float], k: int) -> list[str]:
        """``k`` distinct values (in the canonical order of ``values``)."""
        chosen = {self.draw(random_)}
        while len(chosen) < k:
            chosen.add(self.draw(random_))
        return [value for value in self.values if value in chosen]


def pick(random_: Callable[[], float], values):
    return values[int(random_() * len(values))]


KIND_DRAW = Weighted(KINDS, KIND_WEIGHTS)
THEME_DRAW = Weighted(THEME_SLUGS, THEME_WEIGHTS)
AUDIENCE_DRAW = Weighted(AUDIENCES, AUDIENCE_WEIGHTS)
FIRST_LEVEL_DRAW = Weighted(LEVELS[:-1], LEVEL_WEIGHTS[:-1])
FACET_DRAW = {
    "kind": KIND_DRAW,
    "audience": AUDIENCE_DRAW,
    "level": Weighted(LEVELS, LEVEL_WEIGHTS),
    "theme": THEME_DRAW,
}
FACET_NAME_DRAW = Weighted(list(FACET_WEIGHTS), list(FACET_WEIGHTS.values()))


# --- Corpus ---------------------------------------------------------------------------------

GENERAL_TERMS = [term for _weight, terms in THEMES.values() for term in terms]


class Slots(dict):
    """Fills ``{term}``, ``{Audience}``... in templates: each lookup draws a fresh value.

    Terms come from ``terms`` (the page's themes), one time in eight from any theme.
    """

    def __init__(
        self,
        random_: Callable[[], float],
        terms: list[tuple[str, str]],
        audiences: list[str],
        suffixes: list[str] = (),
    ):
        super().__init__()
        self.random = random_
        self.terms = terms
        self.audience_words = [word for audience in audiences for word in AUDIENCE_WORDS[audience]]
        self.suffixes = suffixes

    def term(self) -> tuple[str, str]:
        terms = GENERAL_TERMS if self.random() < 0.125 else self.terms
        return pick(self.random, terms)

    def __missing__(self, key: str) -> str:
        random_ = self.random
        lower = key[:1].lower() + key[1:]
        if lower in {"term", "term2"}:
            value = self.term()[0]
        elif lower == "term_de":
            value = self.term()[1]
        elif lower == "audience":
            value = pick(random_, self.audience_words)
        elif lower in {"example", "example2"}:
            value = pick(random_, EXAMPLES)
        elif lower == "example_de":
            example = pick(random_, EXAMPLES)
            value = "de " + example[4:] if example.startswith("des ") else "d'" + example
        elif lower == "place":
            value = pick(random_, PLACES)
        elif lower == "activity":
            value = pick(random_, ACTIVITIES)
        elif lower == "verb":
            value = pick(random_, VERBS)
        elif lower == "action":
            value = pick(random_, TITLE_ACTIONS)
        elif lower == "suffix":
            value = pick(random_, self.suffixes)
        else:
            raise KeyError(key)
        return capitalize(value) if key[:1].isupper() else value


def corpus(n: int, seed: int) -> Iterator:
    """N reproducible ``SearchDocument`` values, generated one at a time."""
    from search.documents import (
        RESTRICTION_GROUPS,
        RESTRICTION_LOGIN,
        RESTRICTION_PUBLIC,
        SearchDocument,
    )

    random_ = random.Random(seed).random
    span = timedelta(days=5 * 365).total_seconds()
    # Body sentences come from a pool per theme, rendered once: drawing them is several
    # times faster than rendering each one, so generation stays small beside indexing.
    pool_random = random.Random(f"sentences-{seed}").random
    pools = {}
    for theme, (_weight, terms) in THEMES.items():
        slots = Slots(pool_random, terms, AUDIENCES)
        pools[theme] = [
            pick(pool_random, SENTENCE_TEMPLATES).format_map(slots)
            for _ in range(SENTENCE_POOL_SIZE)
        ]
    all_pools = list(pools.values())
    for number in range(n):
        page_id = 1000 + number
        kind = KIND_DRAW.draw(random_)
        themes = THEME_DRAW.distinct(random_, 1 if random_() < 0.7 else 2)
        audiences = AUDIENCE_DRAW.distinct(random_, pick(random_, (1, 1, 2, 3)))
        if audiences == ["parents"] or audiences == ["elus-et-agents"]:
            levels = ["adultes"]
        else:
            first = LEVELS.index(FIRST_LEVEL_DRAW.draw(random_))
            levels = LEVELS[first : first + pick(random_, (1, 1, 2, 3))]
        own = [term for theme in themes for term in THEMES[theme][1]]
        slots = Slots(random_, own, audiences, TITLE_SUFFIXES[kind])
        title = capitalize(pick(random_, TITLE_TEMPLATES[kind]).format_map(slots))
        summary = pick(random_, SUMMARY_TEMPLATES).format_map(slots)
        own_pools = [pools[theme] for theme in themes]
        paragraphs = []
        for _ in range(2 + int(random_() * 4)):
            pool = pick(random_, own_pools)
            sentences = [pick(random_, pool) for _ in range(3 + int(random_() * 4))]
            if random_() < 0.3:  # a word about a neighbouring subject
                sentences.append(pick(random_, pick(random_, all_pools)))
            paragraphs.append(" ".join(sentences))
        keywords = ", ".join(sorted({bare(pick(random_, own)[0]) for _ in range(3)}))
        roll = random_()
        if roll < 0.03:
            restriction, group_ids = RESTRICTION_LOGIN, ()
        elif roll < 0.04:
            restriction, group_ids = RESTRICTION_GROUPS, (pick(random_, (1, 2, 3)),)
        else:
            restriction, group_ids = RESTRICTION_PUBLIC, ()
        yield SearchDocument(
            id=str(page_id),
            page_id=page_id,
            kind=kind,
            title=title,
            url=f"/{KIND_PATHS[kind]}/{slugify(title)}-{page_id}/",
            summary=summary,
            body="\n\n".join(paragraphs),
            keywords=keywords,
            audience=tuple(audiences),
            level=tuple(levels),
            theme=tuple(themes),
            published_at=CORPUS_END - timedelta(seconds=random_() * span),
            # Pareto: most pages are seldom visited, a few very often.
            popularity=min(50_000, int(5 * ((1.0 - random_()) ** (-1 / 1.2) - 1))),
            restriction=restriction,
            group_ids=group_ids,
        )


# --- Queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    category: str
    text: str
    filters: dict[str, tuple[str, ...]]
    """Used in the "facets" mode only."""
    page: int
    authenticated: bool

    def describe(self, *, faceted: bool) -> str:
        text = f'"{self.text}"' if self.text else "(browse)"
        if faceted:
            text += " " + " ".join(f"{k}={'|'.join(v)}" for k, v in self.filters.items())
        if self.page > 1:
            text += f" page={self.page}"
        return text


def typo(rng: random.Random, text: str) -> str:
    """One slip of the finger in the longest word: swapped, missing, doubled or wrong letter."""
    words = text.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    position = rng.randrange(1, len(word) - 1)
    operation = rng.choice(("swap", "drop", "double", "replace"))
    if operation == "swap":
        word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    elif operation == "drop":
        word = word[:position] + word[position + 1 :]
    elif operation == "double":
        word = word[:position] + word[position] + word[position:]
    else:
        word = word[:position] + rng.choice("aeiourstn") + word[position + 1 :]
    words[index] = word
    return " ".join(words)


def query_mix(count: int, seed: int) -> list[BenchQuery]:
    """The fixed mix of queries, each with the facet filters of its faceted run."""
    rng = random.Random(f"queries-{seed}")
    categories, weights = zip(*QUERY_CATEGORIES, strict=True)
    long_words = [w for w in QUERY_WORDS + QUERY_PHRASES if len(max(w.split(), key=len)) >= 6]
    queries = []
    for _ in range(count):
        category = rng.choices(categories, weights)[0]
        if category == "word":
            text = rng.choice(QUERY_WORDS)
        elif category == "phrase":
            text = rng.choice(QUERY_PHRASES)
        elif category == "no accents":
            text = fold(
                rng.choice([w for w in QUERY_WORDS + QUERY_PHRASES if fold(w) != w.lower()])
            )
        elif category == "typo":
            text = typo(rng, rng.choice(long_words))
        elif category == "synonym":
            text = rng.choice(QUERY_SYNONYMS)
        elif category == "sentence":
            text = rng.choice(QUERY_SENTENCES)
        else:
            text = ""
        facets = FACET_NAME_DRAW.distinct(rng.random, rng.choice((1, 1, 2)))
        filters = {}
        for facet in facets:
            picked = 2 if facet != "kind" and rng.random() < 0.2 else 1
            filters[facet] = tuple(FACET_DRAW[facet].distinct(rng.random, picked))
        queries.append(
            BenchQuery(
                category=category,
                text=text,
                filters=filters,
                page=1 if rng.random() < 0.9 else rng.randint(2, 4),
                authenticated=rng.random() < 0.1,
            )
        )
    return queries


def suggestion_prefixes(count: int, seed: int) -> list[str]:
    """What is typed in the search box before choosing: "cyberha", "réseaux so", "l'intel"."""
    rng = random.Random(f"suggest-{seed}")
    titles = [bare(term) for _weight, terms in THEMES.values() for term, _de in terms]
    titles += ["semaine de la presse", "enquête", "parcours", "dix questions sur", "l'intelligence"]
    prefixes = []
    for _ in range(count):
        title = rng.choice(titles)
        prefix = title[: rng.randint(2, max(2, len(title) - 1))].rstrip()
        prefixes.append(fold(prefix) if rng.random() < 0.3 else prefix)
    return prefixes


# --- Measures -------------------------------------------------------------------------------


@dataclass
class QueryTiming:
    query: BenchQuery
    ms: float
    count: int


class TimedIterator:
    """Wraps the corpus: counts the time spent generating it, inside the engine's rebuild."""

    def __init__(self, iterable):
        self.iterator = iter(iterable)
        self.seconds = 0.0

    def __iter__(self) -> "TimedIterator":
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.iterator)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass
class EngineRun:
    name: str
    label: str
    documents_indexed: int | None = None
    index_seconds: float | None = None
    generation_seconds: float = 0.0
    index_error: str = ""
    timings: dict[str, list[QueryTiming]] = field(default_factory=lambda: defaultdict(list))
    suggest_ms: list[float] = field(default_factory=list)
    suggest_empty: int = 0
    errors: list[str] = field(default_factory=list)
    query_seconds: float = 0.0
    detail: str = ""

    def docs_per_second(self, n: int, *, engine_only: bool = False) -> float | None:
        if not self.index_seconds:
            return None
        return n / (self.index_seconds - (self.generation_seconds if engine_only else 0.0))

    def latencies(self, mode: str) -> list[float]:
        return [timing.ms for timing in self.timings[mode]]


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def viewer_for(query: BenchQuery):
    from search.backends.base import Viewer

    return Viewer(authenticated=True) if query.authenticated else Viewer.anonymous()


def index_engine(run: EngineRun, backend, *, n: int, seed: int) -> None:
    next_report = [0.1]

    def progress(done: int, total: int) -> None:
        if total and done / total >= next_report[0]:
            next_report[0] = int(done / total * 10 + 1) / 10
            print(f"  {run.name}: {done}/{total} indexed", file=sys.stderr, flush=True)

    print(f"Indexing {n} documents into {run.label}...", flush=True)
    docs = TimedIterator(corpus(n, seed))
    started = time.perf_counter()
    try:
        backend.rebuild(docs, total=n, progress=progress)
        backend.refresh()
    except Exception as error:  # noqa: BLE001 - the bench reports a broken engine and goes on
        run.index_error = f"{type(error).__name__}: {error}"
        print(f"  {run.name}: rebuild failed: {run.index_error}", flush=True)
        return
    run.index_seconds = time.perf_counter() - started
    run.generation_seconds = docs.seconds
    status = backend.status()
    run.documents_indexed = status.document_count
    print(
        f"  {run.name}: {n} documents in {run.index_seconds:.1f} s "
        f"({n / run.index_seconds:,.0f} docs/s, of which {docs.seconds:.1f} s generating the "
        f"corpus), status reports {status.document_count}",
        flush=True,
    )


def timed_search(
    run: EngineRun, backend, query: BenchQuery, *, faceted: bool
) -> QueryTiming | None:
    from search.backends.base import SearchQuery

    search_query = SearchQuery(
        text=query.text,
        filters=query.filters if faceted else {},
        page=query.page,
        viewer=viewer_for(query),
    )
    started = time.perf_counter()
    try:
        results = backend.search(search_query)
    except Exception as error:  # noqa: BLE001 - counted and shown, the run goes on
        run.errors.append(f"{query.describe(faceted=faceted)}: {type(error).__name__}: {error}")
        return None
    return QueryTiming(query, (time.perf_counter() - started) * 1000, results.count)


def query_engine(
    run: EngineRun, backend, queries: list[BenchQuery], *, warmup: int, prefixes
) -> None:
    from search.backends.base import Viewer

    print(f"Querying {run.label}: {warmup} warm-up, then {len(queries)} x 2 modes...", flush=True)
    started = time.perf_counter()
    for query in itertools.islice(itertools.cycle(queries), warmup):
        timed_search(run, backend, query, faceted=False)
        timed_search(run, backend, query, faceted=True)
        with contextlib.suppress(Exception):
            backend.suggest(query.text or "déso", viewer=Viewer.anonymous())
    run.errors.clear()  # warm-up errors show again in the timed runs
    for mode, faceted in (("no facets", False), ("facets", True)):
        for query in queries:
            timing = timed_search(run, backend, query, faceted=faceted)
            if timing is not None:
                run.timings[mode].append(timing)
    for prefix in prefixes:
        started_one = time.perf_counter()
        try:
            found = backend.suggest(prefix, viewer=Viewer.anonymous())
        except Exception as error:  # noqa: BLE001 - counted and shown, the run goes on
            run.errors.append(f"suggest {prefix!r}: {type(error).__name__}: {error}")
            continue
        run.suggest_ms.append((time.perf_counter() - started_one) * 1000)
        run.suggest_empty += not found
    run.query_seconds = time.perf_counter() - started
    print(f"  {run.name}: done in {run.query_seconds:.1f} s", flush=True)


# --- Engines --------------------------------------------------------------------------------


def run_script(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own scripts
        [ROOT / "scripts" / script, *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )


def read_env_file(path: Path) -> dict[str, str]:
    with contextlib.suppress(OSError):
        return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {}


class ElasticsearchNode:
    """The node to measure: given, shared (scripts/elasticsearch.sh) or started here."""

    def __init__(self, url: str):
        self.url = url
        self.started_here = False
        self.origin = "--es-url / ELASTICSEARCH_URL"

    @classmethod
    def find_or_start(cls, url: str) -> "ElasticsearchNode":
        if url:
            return cls(url)
        running = run_script("elasticsearch.sh", "url")
        if running.returncode == 0 and running.stdout.strip():
            node = cls(running.stdout.strip())
            node.origin = "the running node of scripts/elasticsearch.sh (shared, left running)"
            return node
        print("Starting Elasticsearch (scripts/elasticsearch.sh start)...", flush=True)
        env = {**os.environ}
        env.setdefault("ES_EXTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=4")
        started = run_script("elasticsearch.sh", "start", env=env)
        node = cls("")
        node.started_here = True  # stop even after a half-failed start
        if started.returncode != 0:
            node.stop()
            raise SystemExit(f"Elasticsearch did not start:\n{started.stdout}{started.stderr}")
        node.url = read_env_file(ROOT / ".cache" / "elasticsearch" / "current.env")[
            "ELASTICSEARCH_URL"
        ]
        node.origin = f"started by this bench (ES_EXTRA_JAVA_OPTS={env['ES_EXTRA_JAVA_OPTS']})"
        return node

    def stop(self) -> None:
        if self.started_here:
            run_script("elasticsearch.sh", "stop")


def elasticsearch_info(backend) -> str:
    """Version, heap and JIT of the node (``GET /`` is not served by the minimal test node)."""
    with contextlib.suppress(Exception):
        nodes = backend.client.nodes.info(node_id="_local", metric="jvm")["nodes"].values()
        node = next(iter(nodes))
        heap = node["jvm"]["mem"]["heap_max_in_bytes"] / 2**20
        options = node["jvm"].get("input_arguments", [])
        level = [o.split("=", 1)[1] for o in options if o.startswith("-XX:TieredStopAtLevel=")]
        jit = "C1-only JIT (slower)" if level and level[-1] == "1" else "full JIT"
        return f"Elasticsearch {node['version']}, heap {heap:.0f} MB, {jit}"
    return "Elasticsearch (version unknown)"


def elasticsearch_settle(backend, *, timeout: float = 120) -> None:
    """Wait until the fresh index has no merge running: queries are timed on a quiet node."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stats = backend.client.indices.stats(index=backend.alias, metric="merge")
        if not stats["_all"]["total"]["merges"]["current"]:
            return
        time.sleep(0.5)


def elasticsearch_cleanup(backend, prefix: str) -> None:
    with contextlib.suppress(Exception):
        backend.client.options(ignore_status=404).indices.delete(
            index=f"{prefix}*", expand_wildcards="all"
        )


class Database:
    """The database Django uses: a throwaway SQLite file or cluster, or one given."""

    def __init__(self, args: argparse.Namespace):
        self.kind = "url" if args.database_url else args.database
        self.url = args.database_url
        self.sqlite_path: Path | None = None
        self.postgres_url = ""

    def start(self) -> str:
        if self.kind == "sqlite":
            self.sqlite_path = ROOT / ".cache" / f"bench-search-{os.getpid()}.sqlite3"
            self.sqlite_path.parent.mkdir(exist_ok=True)
            self.url = f"sqlite:///{self.sqlite_path}"
        elif self.kind == "postgres":
            env_file = ROOT / ".cache" / "postgres" / "current.env"
            if env_file.exists():
                raise SystemExit(
                    "A cluster of scripts/postgres.sh is running (.cache/postgres/current.env) and "
                    "starting another would stop it: pass --database-url with its DATABASE_URL."
                )
            print("Starting PostgreSQL (scripts/postgres.sh start)...", flush=True)
            started = run_script("postgres.sh", "start")
            if started.returncode != 0:
                raise SystemExit(f"PostgreSQL did not start:\n{started.stdout}{started.stderr}")
            self.postgres_url = self.url = read_env_file(env_file)["DATABASE_URL"]
        return self.url

    def stop(self) -> None:
        if self.sqlite_path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
        if self.postgres_url:
            current = read_env_file(ROOT / ".cache" / "postgres" / "current.env")
            # Only our cluster: another run of the script may have replaced it since.
            if current.get("DATABASE_URL") == self.postgres_url:
                run_script("postgres.sh", "stop")


def database_info() -> tuple[str, str]:
    """(vendor, description) of Django's default connection."""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return "sqlite", f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return connection.vendor, f"PostgreSQL {version}"


# --- Report ---------------------------------------------------------------------------------


def format_number(value: float | None, *, digits: int = 1, thousands: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if thousands else f"{value:.{digits}f}"


def ratio(es: float | None, db: float | None) -> str:
    if es is None or db is None or db == 0:
        return "n/a"
    return f"{es / db:.2f}" if es / db >= 0.1 else f"{es / db:.3f}"


def table_rows(runs: list[EngineRun], n: int) -> list[tuple[str, list[float | None], bool]]:
    """(label, value per engine, whether the value counts in thousands)."""
    rows: list[tuple[str, list[float | None], bool]] = [
        ("index docs/s", [run.docs_per_second(n) for run in runs], True),
        (
            "index docs/s (engine only)",
            [run.docs_per_second(n, engine_only=True) for run in runs],
            True,
        ),
        ("index elapsed s", [run.index_seconds for run in runs], False),
    ]
    for mode in ("no facets", "facets"):
        for name, fraction in (("p50", 0.5), ("p95", 0.95)):
            rows.append(
                (
                    f"query {name} ms ({mode})",
                    [percentile(r.latencies(mode), fraction) for r in runs],
                    False,
                )
            )
        rows.append(
            (
                f"query mean ms ({mode})",
                [statistics.fmean(r.latencies(mode)) if r.latencies(mode) else None for r in runs],
                False,
            )
        )
    rows.append(("suggest p50 ms", [percentile(r.suggest_ms, 0.5) for r in runs], False))
    rows.append(("suggest p95 ms", [percentile(r.suggest_ms, 0.95) for r in runs], False))
    return rows


def report(args, runs: list[EngineRun], *, queries, machine, total_started) -> None:
    width = 30
    columns = [run.label for run in runs]
    both = len(runs) == 2
    header = f"{f'N={args.n} seed={args.seed} warm-up={args.warmup}':<{width}}" + "".join(
        f"{c:>24}" for c in columns
    )
    if both:
        header += f"{'ratio es/db':>14}"
    print()
    print(header)
    for label, values, thousands in table_rows(runs, args.n):
        line = f"{label:<{width}}" + "".join(
            f"{format_number(v, thousands=thousands):>24}" for v in values
        )
        if both:
            line += f"{ratio(values[0], values[1]):>14}"
        print(line)
    print(
        f"{'documents in the index':<{width}}"
        + "".join(f"{format_number(r.documents_indexed, thousands=True):>24}" for r in runs)
    )
    for mode in ("no facets", "facets"):
        print(
            f"{f'zero-result queries ({mode})':<{width}}"
            + "".join(
                f"{sum(1 for t in r.timings[mode] if not t.count):>17}/{len(r.timings[mode]):<6}"
                for r in runs
            )
        )
    for mode in ("no facets", "facets"):
        print(
            f"{f'median hits ({mode})':<{width}}"
            + "".join(
                f"{format_number(percentile([t.count for t in r.timings[mode]], 0.5), digits=0):>24}"
                for r in runs
            )
        )
    print(
        f"{'empty suggestions':<{width}}"
        + "".join(f"{r.suggest_empty:>17}/{len(r.suggest_ms):<6}" for r in runs)
    )
    if both:
        print("(ratio: below 1 Elasticsearch is faster for latencies; above 1 for docs/s)")

    es = next((run for run in runs if run.name == "elasticsearch"), None)
    if es is not None:
        print()
        p95 = percentile(es.latencies("facets"), 0.95)
        rate = es.docs_per_second(args.n)
        met = p95 is not None and p95 < TARGET_ES_FACETED_P95_MS
        print(
            f"target Elasticsearch p95 with facets < {TARGET_ES_FACETED_P95_MS:.0f} ms: "
            f"{'met' if met else 'NOT met'} ({format_number(p95)} ms)"
        )
        met = rate is not None and rate > TARGET_ES_DOCS_PER_SECOND
        print(
            f"target Elasticsearch indexing > {TARGET_ES_DOCS_PER_SECOND:,.0f} docs/s: "
            f"{'met' if met else 'NOT met'} ({format_number(rate, thousands=True)} docs/s)"
        )

    print()
    print("p50 / p95 ms per kind of query (no facets | facets):")
    counts = Counter(query.category for query in queries)
    print(f"  {'kind':<12}{'queries':>8}" + "".join(f"{c:>34}" for c in columns))
    for category, _weight in QUERY_CATEGORIES:
        cells = []
        for run in runs:
            parts = []
            for mode in ("no facets", "facets"):
                values = [t.ms for t in run.timings[mode] if t.query.category == category]
                parts.append(
                    f"{format_number(percentile(values, 0.5))}/{format_number(percentile(values, 0.95))}"
                )
            cells.append(" | ".join(parts))
        print(f"  {category:<12}{counts[category]:>8}" + "".join(f"{c:>34}" for c in cells))

    for run in runs:
        print()
        print(f"slowest queries, {run.label}:")
        for mode, faceted in (("no facets", False), ("facets", True)):
            for timing in sorted(run.timings[mode], key=lambda t: -t.ms)[: args.show_slowest]:
                print(
                    f"  {timing.ms:8.1f} ms  {timing.count:>7} hits  [{timing.query.category}] "
                    f"{timing.query.describe(faceted=faceted)}"
                )
        if run.index_error:
            print(f"  rebuild failed: {run.index_error}")
        if run.errors:
            print(f"  {len(run.errors)} errors, first ones:")
            for error in run.errors[:5]:
                print(f"    {error[:300]}")

    print()
    for run in runs:
        print(
            f"{run.label}: index {format_number(run.index_seconds)} s "
            f"(corpus generation {run.generation_seconds:.1f} s of it), "
            f"queries {run.query_seconds:.1f} s; {run.detail}"
        )
    print(f"machine: {machine}")
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"total elapsed: {time.perf_counter() - total_started:.0f} s")


def module_version(path: str) -> str:
    """The backend's file as measured (the engines change often): modification time, digest."""
    file = ROOT / path
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:10]
    modified = datetime.fromtimestamp(file.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{path} of {modified} (sha256 {digest})"


def machine_info() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
        memory = f", {kib / 2**20:.0f} GiB RAM"
    return (
        f"{os.cpu_count()} CPUs ({model or platform.processor() or 'unknown'}){memory}, "
        f"Python {platform.python_version()}, load average at the start "
        f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )


# --- Main -----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents in the corpus")
    parser.add_argument("--queries", type=int, default=200, help="queries in the fixed mix")
    parser.add_argument("--seed", type=int, default=42, help="seed of the corpus and queries")
    parser.add_argument("--engines", default="es,db", help="es, db or es,db (default)")
    parser.add_argument(
        "--warmup", type=int, default=400, help="untimed queries first (cycling through the mix)"
    )
    parser.add_argument("--suggestions", type=int, default=100, help="suggest() calls timed")
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--es-timeout", type=float, default=30.0, help="seconds per search")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default="", help="an existing database instead")
    parser.add_argument("--settings", default="cms.settings.test", help="Django settings")
    parser.add_argument("--show-slowest", type=int, default=5, help="slowest queries shown")
    args = parser.parse_args()
    args.engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    if not args.engines or set(args.engines) - {"es", "db"}:
        parser.error("--engines takes es, db or es,db")
    if min(args.n, args.queries) < 1 or min(args.warmup, args.suggestions) < 0:
        parser.error("counts must be positive")
    return args


def django_setup(database_url: str, settings_module: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    # Neither Wagtail's admin search nor the configured catalogue engine may write to the
    # node while migrating: the bench builds its own backends.
    for name in ("ELASTICSEARCH_URL", "REPERES_SEARCH_BACKEND"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Migrating {database_url}...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)


def main() -> int:
    args = parse_args()
    total_started = time.perf_counter()
    # Ctrl-C and SIGTERM both unwind through the finally block below.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    machine = machine_info()
    database = Database(args)
    node: ElasticsearchNode | None = None
    es_backend = db_backend = None
    es_prefix = f"bench_{os.getpid()}_"
    try:
        django_setup(database.start(), args.settings)
        vendor, database_description = database_info()
        queries = query_mix(args.queries, args.seed)
        prefixes = suggestion_prefixes(args.suggestions, args.seed)

        engines: list[tuple[EngineRun, object]] = []
        if "es" in args.engines:
            node = ElasticsearchNode.find_or_start(args.es_url)
            from search.backends.elasticsearch import ElasticsearchBackend

            es_backend = ElasticsearchBackend(
                url=node.url, index_prefix=es_prefix, timeout=args.es_timeout
            )
            run = EngineRun("elasticsearch", "elasticsearch")
            run.detail = (
                f"{elasticsearch_info(es_backend)} at {node.url}, {node.origin}; "
                f"{module_version('search/backends/elasticsearch.py')}"
            )
            engines.append((run, es_backend))
        if "db" in args.engines:
            from search.backends.database import DatabaseBackend

            db_backend = DatabaseBackend()
            run = EngineRun("database", f"database({vendor})")
            run.detail = (
                f"{database_description}, engine {db_backend.engine!r}; "
                f"{module_version('search/backends/database.py')}"
            )
            engines.append((run, db_backend))

        runs = []
        for run, backend in engines:
            index_engine(run, backend, n=args.n, seed=args.seed)
            if run.index_seconds is not None:
                if run.name == "elasticsearch":
                    elasticsearch_settle(backend)
                query_engine(run, backend, queries, warmup=args.warmup, prefixes=prefixes)
            runs.append(run)
        report(
            args,
            runs,
            queries=queries,
            machine=machine,
            total_started=total_started,
        )
        return 0 if all(run.index_error == "" and not run.errors for run in runs) else 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    finally:
        steps = []
        if es_backend is not None:
            steps.append(
                ("delete the indices", lambda: elasticsearch_cleanup(es_backend, es_prefix))
            )
        if node is not None:
            steps.append(("stop Elasticsearch", node.stop))
        if db_backend is not None and database.kind == "url":
            # Entry by entry, as a sync task would: the database may be in use.
            steps.append(
                ("empty the database index", lambda: db_backend.delete(db_backend.document_ids()))
            )
        steps.append(("close connections", close_connections))
        steps.append(("remove the database", database.stop))
        for name, step in steps:
            try:
                step()
            except BaseException as error:  # noqa: BLE001 - every step runs, even after Ctrl-C
                print(
                    f"Clean-up: could not {name}: {type(error).__name__} {error}", file=sys.stderr
                )


def close_connections() -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
