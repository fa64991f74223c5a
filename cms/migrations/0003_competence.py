"""The CRCN competences move from courses to cms, where the shared taxonomies live.

The table and its rows stay: the model's state is created here over the existing
``courses_competence`` table, which is then renamed; ``courses`` 0003 repoints its
many-to-many and forgets its own model. The content type is relabelled so that
permissions and admin history follow the model.
"""

from django.db import migrations, models

from cms.seeds import seed_competences


def relabel_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="cms", model="competence").exists():
        content_type.objects.filter(app_label="courses", model="competence").update(
            app_label="cms"
        )


def seed(apps, schema_editor):
    seed_competences(competence_model=apps.get_model("cms", "Competence"))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_seed_taxonomies"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The table is created by courses' first migration.
        ("courses", "0002_classrooms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Competence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "code",
                            models.CharField(
                                help_text="Par exemple « 2.3 ».",
                                max_length=10,
                                unique=True,
                                verbose_name="code",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="intitulé")),
                        ("domain", models.CharField(blank=True, max_length=200, verbose_name="domaine")),
                    ],
                    options={
                        "verbose_name": "compétence CRCN",
                        "verbose_name_plural": "compétences CRCN",
                        "ordering": ["code"],
                        "db_table": "courses_competence",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="competence", table=None),
        migrations.RunPython(relabel_content_type, migrations.RunPython.noop),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
