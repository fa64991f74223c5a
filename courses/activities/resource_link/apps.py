from django.apps import AppConfig


class ResourceLinkActivityConfig(AppConfig):
    """The resource link activity type: a plugin registered by its line in INSTALLED_APPS."""

    name = "courses.activities.resource_link"
    label = "courses_resource_link"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.activities.resource_link.plugin import register_type

        register_type()
