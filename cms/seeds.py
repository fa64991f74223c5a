"""The canonical audiences and levels every Repères site starts with.

Imports, facets and demo content refer to these slugs; editors may rename the terms and
add new ones in the admin. Used by the data migration and by the demo loader, which both
create only what is missing.
"""

AUDIENCES = [
    ("eleves", "Élèves"),
    ("enseignants", "Enseignants"),
    ("parents", "Parents"),
    ("elus-et-agents", "Élus et agents"),
]
LEVELS = [
    ("cycle-1", "Cycle 1"),
    ("cycle-2", "Cycle 2"),
    ("cycle-3", "Cycle 3"),
    ("cycle-4", "Cycle 4"),
    ("lycee", "Lycée"),
    ("adultes", "Adultes"),
]


def seed_taxonomies(*, audience_model, level_model) -> None:
    """Create the canonical terms that are missing (models may be historical ones)."""
    for model, terms in ((audience_model, AUDIENCES), (level_model, LEVELS)):
        for order, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


# The CRCN (Cadre de référence des compétences numériques, décret 2019-919): five domains,
# sixteen competences. Codes are stable; editors may reword names in the admin.
COMPETENCES = [
    ("1.1", "Mener une recherche et une veille d'information", "Information et données"),
    ("1.2", "Gérer des données", "Information et données"),
    ("1.3", "Traiter des données", "Information et données"),
    ("2.1", "Interagir", "Communication et collaboration"),
    ("2.2", "Partager et publier", "Communication et collaboration"),
    ("2.3", "Collaborer", "Communication et collaboration"),
    ("2.4", "S'insérer dans le monde numérique", "Communication et collaboration"),
    ("3.1", "Développer des documents textuels", "Création de contenus"),
    ("3.2", "Développer des documents multimédia", "Création de contenus"),
    ("3.3", "Adapter les documents à leur finalité", "Création de contenus"),
    ("3.4", "Programmer", "Création de contenus"),
    ("4.1", "Sécuriser l'environnement numérique", "Protection et sécurité"),
    ("4.2", "Protéger les données personnelles et la vie privée", "Protection et sécurité"),
    ("4.3", "Protéger la santé, le bien-être et l'environnement", "Protection et sécurité"),
    ("5.1", "Résoudre des problèmes techniques", "Environnement numérique"),
    ("5.2", "Évoluer dans un environnement numérique", "Environnement numérique"),
]


def seed_competences(*, competence_model) -> None:
    """Create the CRCN competences that are missing (the model may be a historical one)."""
    for code, name, domain in COMPETENCES:
        competence_model.objects.get_or_create(code=code, defaults={"name": name, "domain": domain})
