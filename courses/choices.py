"""Choices of the course structure, apart from the page models so that the activity-type
registry and the completion rules can use them without importing page models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompletionRule(models.TextChoices):
    """Moodle's activity completion conditions."""

    NONE = "none", _("Pas de suivi d'achèvement")
    VIEWED = "viewed", _("L'élève doit consulter l'activité")
    MARKED_DONE = "marked_done", _("L'élève doit la marquer comme terminée")
    SUBMITTED = "submitted", _("L'élève doit rendre une tentative")
    MIN_SCORE = "min_score", _("L'élève doit obtenir une note minimale")
    PASSED = "passed", _("L'élève doit réussir (note de réussite)")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Meilleure tentative")
    AVERAGE = "average", _("Moyenne des tentatives")
    FIRST = "first", _("Première tentative")
    LAST = "last", _("Dernière tentative")
