"""Certificates become durable records: every existing course completion's certificate
is copied with its code, so verification URLs already printed or shared keep working."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import courses.certificates.models


def copy_certificates(apps, schema_editor):
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    Certificate = apps.get_model("courses", "Certificate")
    CoursePage = apps.get_model("courses", "CoursePage")
    revisions = dict(CoursePage.objects.values_list("pk", "live_revision_id"))
    Certificate.objects.bulk_create(
        [
            Certificate(
                code=completion.certificate_code,
                user_id=completion.user_id,
                course_id=completion.course_id,
                course_title=completion.course.title,
                course_revision_id=revisions.get(completion.course_id),
                grade=completion.grade,
                issued_at=completion.completed_at,
            )
            for completion in CourseCompletion.objects.select_related("course")
        ],
        batch_size=500,
    )


def copy_codes_back(apps, schema_editor):
    """Going back: each completion takes its certificate's code (a new one if it has none)."""
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    Certificate = apps.get_model("courses", "Certificate")
    codes = {(c.user_id, c.course_id): c.code for c in Certificate.objects.all()}
    for completion in CourseCompletion.objects.all():
        completion.certificate_code = codes.get(
            (completion.user_id, completion.course_id)
        ) or courses.certificates.models.certificate_code()
        completion.save(update_fields=["certificate_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_competence_moves_to_cms"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Certificate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(default=courses.certificates.models.certificate_code, editable=False, max_length=12, unique=True, verbose_name="code")),
                ("course_title", models.CharField(max_length=255, verbose_name="parcours")),
                ("grade", models.DecimalField(decimal_places=5, max_digits=6, null=True)),
                ("issued_at", models.DateTimeField(verbose_name="délivré le")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="révoqué le")),
                ("revoked_reason", models.TextField(blank=True, verbose_name="motif de la révocation")),
                ("course", models.ForeignKey(help_text="Kept empty if the course page is deleted: the certificate stays.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="certificates", to="courses.coursepage")),
                ("course_revision", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailcore.revision", verbose_name="version du parcours attestée")),
                ("revoked_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="certificates", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "certificat",
                "verbose_name_plural": "certificats",
                "permissions": [("revoke_certificate", "Peut révoquer et rétablir un certificat")],
                "constraints": [models.UniqueConstraint(fields=("user", "course"), name="one_certificate_per_course")],
            },
        ),
        # Nullable and not unique while the codes move, so that the way back can re-add the
        # column empty, copy the codes back, then make it unique again.
        migrations.AlterField(
            model_name="coursecompletion",
            name="certificate_code",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(copy_certificates, copy_codes_back),
        migrations.RemoveField(model_name="coursecompletion", name="certificate_code"),
    ]
