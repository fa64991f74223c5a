from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WrittenActivityConfig(AppConfig):
    """The written activity type: a plugin registered by its line in INSTALLED_APPS."""

    name = "courses.activities.written"
    label = "courses_written"
    verbose_name = _("Productions écrites")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        from courses.activities.written.models import WrittenSubmission
        from courses.activities.written.plugin import register_type
        from courses.activities.written.services import submission_image_forget

        register_type()
        post_delete.connect(submission_image_forget, sender=WrittenSubmission)
