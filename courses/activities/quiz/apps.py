from django.apps import AppConfig


class QuizActivityConfig(AppConfig):
    """The quiz activity type: a plugin registered by its line in INSTALLED_APPS."""

    name = "courses.activities.quiz"
    label = "courses_quiz"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.activities.quiz.plugin import register_type

        register_type()
