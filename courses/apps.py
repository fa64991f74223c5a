from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_certificate_revocation(sender, **kwargs):
    from courses.certificates.services import revocation_permission_grant

    revocation_permission_grant()


class CoursesConfig(AppConfig):
    """Learning: courses, completion, classes, certificates, xAPI; activity types are
    plugins of their own, one app per type in the ``activities`` package."""

    name = "courses"
    verbose_name = _("Parcours")

    def ready(self):
        # After migrate (and the test runner's flushes): editors may revoke certificates.
        post_migrate.connect(_grant_certificate_revocation, sender=self)
        # Receivers import models: connected here, once the app registry is ready.
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from courses.certificates.receivers import issue_on_completion
        from courses.classes.services import register_course_assignables
        from courses.completion import receivers
        from courses.completion.signals import course_completed
        from courses.search_documents import register_with_search
        from courses.structure.models import Activity

        # Editors' changes to a course keep every learner's completion true.
        page_published.connect(receivers.page_changed, dispatch_uid="courses_completion_publish")
        page_unpublished.connect(
            receivers.page_changed, dispatch_uid="courses_completion_unpublish"
        )
        # Deleting any activity deletes its row in the Activity table: one receiver.
        post_delete.connect(
            receivers.activity_deleted, sender=Activity, dispatch_uid="courses_completion_delete"
        )
        course_completed.connect(issue_on_completion, dispatch_uid="courses_certificate_issue")
        register_with_search()
        register_course_assignables()
