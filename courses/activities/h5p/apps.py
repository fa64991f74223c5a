from django.apps import AppConfig


class H5pActivityConfig(AppConfig):
    """The h5p activity type: a plugin registered by its line in INSTALLED_APPS."""

    name = "courses.activities.h5p"
    label = "courses_h5p"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.activities.h5p.plugin import register_type

        register_type()
