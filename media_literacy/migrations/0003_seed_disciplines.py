from django.db import migrations

DISCIPLINES = [
    ("francais", "Français"),
    ("histoire-geographie", "Histoire-géographie"),
    ("emc", "Enseignement moral et civique"),
    ("documentation", "Documentation (CDI)"),
    ("sciences", "Sciences"),
    ("mathematiques", "Mathématiques"),
    ("technologie", "Technologie"),
    ("langues-vivantes", "Langues vivantes"),
    ("arts", "Arts plastiques et éducation musicale"),
    ("snt", "Sciences numériques et technologie"),
]


def seed(apps, schema_editor):
    Discipline = apps.get_model("media_literacy", "Discipline")
    for order, (slug, name) in enumerate(DISCIPLINES):
        Discipline.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("media_literacy", "0002_scenarios")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
