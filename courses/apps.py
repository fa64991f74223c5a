from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Learning: courses, activities, attempts, xAPI, completion, classes."""

    name = "courses"
    verbose_name = _("Parcours")
