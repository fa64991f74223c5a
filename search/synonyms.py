"""Synonym groups: seeded with pupils' and teachers' vocabulary, edited by editors as a snippet."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

SEED_GROUPS: list[str] = [
    "fake news, infox, fausse information, fausses nouvelles, désinformation, intox",
    "cyberharcèlement, harcèlement en ligne, cyber-harcèlement, cyberintimidation",
    "hameçonnage, phishing, filoutage",
    "hypertrucage, deepfake, deep fake, vidéo truquée",
    "réseaux sociaux, médias sociaux, social media",
    "complotisme, théorie du complot, conspirationnisme",
    "influenceur, influenceuse, youtubeur, instagrammeur",
    "mot de passe, password, identifiant",
    "données personnelles, données privées, vie privée",
    "écran, smartphone, téléphone portable, portable",
    "jeu vidéo, jeux vidéo, gaming",
    "intelligence artificielle, IA, AI",
    "sexting, sextorsion, sextortion",
    "fact checking, fact-checking, vérification des faits",
    "canular, hoax",
]

_cache: list[tuple[str, ...]] | None = None


def synonym_groups() -> list[tuple[str, ...]]:
    """Every group of equivalent terms (cached per process, reset when a group changes)."""
    global _cache
    if _cache is None:
        from search.models import SynonymGroup

        _cache = [tuple(group.term_list()) for group in SynonymGroup.objects.all()]
        _cache = [group for group in _cache if len(group) > 1]
    return _cache


def _reset(**kwargs) -> None:
    global _cache
    _cache = None


@receiver(post_save, sender="search.SynonymGroup")
def _synonyms_saved(**kwargs) -> None:
    _reset()


@receiver(post_delete, sender="search.SynonymGroup")
def _synonyms_deleted(**kwargs) -> None:
    _reset()
