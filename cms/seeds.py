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
