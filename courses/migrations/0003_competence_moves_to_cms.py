"""CRCN competences now live in cms (see cms 0003): state only, no table changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_classrooms"),
        ("cms", "0003_competence"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="coursepage",
                    name="competences",
                    field=models.ManyToManyField(
                        blank=True, to="cms.competence", verbose_name="compétences CRCN"
                    ),
                ),
                migrations.DeleteModel(name="Competence"),
            ],
        ),
    ]
