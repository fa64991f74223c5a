"""The data migration that made certificates records keeps every certificate issued
before it, with its code: URLs already printed or shared still verify. It can be undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("courses", "0003_competence_moves_to_cms")]
AFTER = [("courses", "0004_certificates_are_records")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_certificates_keep_their_codes():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("auth", "User")
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="courses", model="coursepage"
    )
    root = Page.objects.get(depth=1)
    course = CoursePage.objects.create(
        title="Parcours ancien",
        slug="parcours-ancien",
        path=f"{root.path}9999",
        depth=2,
        content_type=content_type,
        live=True,
        locale_id=root.locale_id,
    )
    learners = [User.objects.create(username=f"eleve-{n}") for n in range(3)]
    codes = ["ABCDEFGH23", "HJKMNPQR45", "STUVWXYZ67"]
    for user, code in zip(learners, codes, strict=True):
        CourseCompletion.objects.create(
            user=user, course=course, completed_at=timezone.now(), certificate_code=code
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Certificate = apps.get_model("courses", "Certificate")
    kept = {
        (c.user.username, c.code, c.course_title, c.course_id)
        for c in Certificate.objects.select_related("user")
    }
    assert kept == {
        (f"eleve-{n}", code, "Parcours ancien", course.pk) for n, code in enumerate(codes)
    }
    # And back: the completions get their certificates' codes again.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    assert set(CourseCompletion.objects.values_list("certificate_code", flat=True)) == set(codes)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
