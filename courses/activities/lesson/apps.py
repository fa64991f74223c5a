from django.apps import AppConfig


class LessonActivityConfig(AppConfig):
    """The lesson activity type: a plugin registered by its line in INSTALLED_APPS."""

    name = "courses.activities.lesson"
    label = "courses_lesson"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.activities.lesson.plugin import register_type

        register_type()
