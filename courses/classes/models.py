"""Schools, classes, pupils and assignments (the classroom flow).

Pupils are minors: their accounts carry a generated username and no e-mail or surname;
the name a pupil or teacher types lives on the class membership, seen by the class's
teachers only.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "Assignment",
    "ClassMembership",
    "Classroom",
    "DeadlineExtension",
    "School",
    "uai_validate",
]

UAI_FORMAT = re.compile(r"^\d{7}[A-Z]$")
UAI_KEY_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
"""The UAI key: the seven digits modulo 23, as a letter (no I, O, Q)."""


def uai_validate(value: str) -> None:
    """A French school identifier (UAI, formerly RNE): 7 digits and their key letter."""
    if not UAI_FORMAT.match(value or ""):
        raise ValidationError(
            _("Un code UAI compte 7 chiffres suivis d'une lettre majuscule (ex. : 0750654D)."),
            code="uai_format",
        )
    expected = UAI_KEY_LETTERS[int(value[:7]) % 23]
    if value[7] != expected:
        raise ValidationError(
            _("La lettre clé de ce code UAI devrait être « %(letter)s » : vérifiez le code."),
            code="uai_key",
            params={"letter": expected},
        )


class School(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "ecole", _("École")
        MIDDLE = "college", _("Collège")
        HIGH = "lycee", _("Lycée")

    uai = models.CharField(_("code UAI"), max_length=8, unique=True, validators=[uai_validate])
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    commune = models.CharField(_("commune"), max_length=120)
    departement = models.CharField(_("département"), max_length=3)
    academie = models.CharField(_("académie"), max_length=60)
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="schools", blank=True, verbose_name=_("enseignants")
    )

    class Meta:
        verbose_name = _("établissement")
        verbose_name_plural = _("établissements")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune})"


class Classroom(models.Model):
    """A class of one school year: its teachers, its pupils, its join code."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="classrooms", verbose_name=_("établissement")
    )
    name = models.CharField(_("nom"), max_length=80)
    level = models.ForeignKey(
        "cms.Level",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("niveau"),
    )
    academic_year = models.CharField(_("année scolaire"), max_length=9)
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="taught_classrooms", verbose_name=_("enseignants")
    )
    archived = models.BooleanField(_("archivée"), default=False)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    join_code = models.CharField(_("code d'accès"), max_length=12, unique=True, null=True)
    join_code_expires_at = models.DateTimeField(_("code valable jusqu'au"), null=True)
    join_code_closed = models.BooleanField(_("code fermé"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classe")
        verbose_name_plural = _("classes")
        ordering = ["-academic_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.academic_year})"


class ClassMembership(models.Model):
    """A pupil in a class. ``display_name`` is for the class's teachers only."""

    class Source(models.TextChoices):
        CODE = "code", _("Code d'accès")
        ROSTER = "roster", _("Liste de l'enseignant")

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships"
    )
    display_name = models.CharField(_("prénom ou pseudonyme"), max_length=40)
    source = models.CharField(max_length=10, choices=Source.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("élève d'une classe")
        verbose_name_plural = _("élèves des classes")
        constraints = [
            models.UniqueConstraint(fields=["classroom", "pupil"], name="one_membership_per_class")
        ]


class Assignment(models.Model):
    """Content given to a class (or to some of its pupils) with dates.

    ``page`` is what the teacher picked (a course, an activity, a campaign); ``courses``
    and ``activity`` are what it meant when assigned, so the progress grid never has to
    resolve campaigns again.
    """

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("contenu")
    )
    courses = models.ManyToManyField("courses.CoursePage", related_name="+", blank=True)
    activity = models.ForeignKey(
        "courses.Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pupils = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        verbose_name=_("élèves concernés"),
        help_text=_("Aucun : toute la classe."),
    )
    opens_at = models.DateTimeField(_("à partir du"))
    due_at = models.DateTimeField(_("à rendre pour le"))
    instructions = models.TextField(_("consignes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        ordering = ["due_at", "pk"]


class DeadlineExtension(models.Model):
    """A later due date for one pupil."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(_("nouvelle date limite"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "pupil"], name="one_extension_per_pupil")
        ]
