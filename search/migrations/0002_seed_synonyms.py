from django.db import migrations


def seed(apps, schema_editor):
    from search.synonyms import SEED_GROUPS

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms in SEED_GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_synonyms_and_query_stats")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
