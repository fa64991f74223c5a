"""Course structure: listing → course → sections → activities (each activity a page)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.models import BasePage, TaxonomyMixin
from cms.page_views import PageViewsMixin
from courses.activity_types import activity_type_for, activity_types
from courses.choices import CompletionRule, GradingMethod

__all__ = [
    "Activity",
    "CompletionRule",
    "CourseIndexPage",
    "CoursePage",
    "CourseSectionPage",
    "Enrolment",
    "GradingMethod",
]

# Where activity pages hand their requests over (every type shares these routes).
ACTIVITY_VIEWS = "courses.pages"

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class CourseIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    content_panels = [*Page.content_panels, FieldPanel("summary")]

    class Meta:
        verbose_name = _("liste des parcours")
        verbose_name_plural = _("listes des parcours")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("title")
        )
        return context


class CoursePage(PageViewsMixin, RoutablePageMixin, TaxonomyMixin, BasePage):
    """An online-safety module: ordered sections of activities, tracked Moodle-style."""

    page_views = "courses.pages"

    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_duration = models.PositiveSmallIntegerField(
        _("durée estimée (minutes)"), null=True, blank=True
    )
    learning_objectives = models.TextField(
        _("objectifs d'apprentissage"), blank=True, help_text=_("Un objectif par ligne.")
    )
    prerequisites = models.TextField(_("prérequis"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("présentation"), blank=True)
    competences = models.ManyToManyField(
        "cms.Competence", blank=True, verbose_name=_("compétences CRCN")
    )
    min_course_grade = models.DecimalField(
        _("note minimale du parcours (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        help_text=_("Facultatif : moyenne des activités notées exigée pour terminer le parcours."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldRowPanel([FieldPanel("estimated_duration"), FieldPanel("min_course_grade")]),
        FieldPanel("learning_objectives"),
        FieldPanel("prerequisites"),
        FieldPanel("body"),
        FieldPanel("competences"),
    ]
    promote_panels = [*Page.promote_panels, *TaxonomyMixin.taxonomy_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("learning_objectives"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseSectionPage"]

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")

    @property
    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    def get_og_image(self):
        return self.cover_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return {**context, **self.page_view("course_context")(request, self)}

    @path("inscription/", name="enrol")
    def enrol(self, request):
        return self.page_view("course_enrol")(request, course=self)

    @path("desinscription/", name="unenrol")
    def unenrol(self, request):
        return self.page_view("course_unenrol")(request, course=self)


class CourseSectionPage(Page):
    """A section of a course: groups activities under a heading."""

    summary = models.TextField(_("résumé"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    @classmethod
    def clean_subpage_models(cls):
        """Sections accept every registered activity type."""
        return [activity_type.page_model for activity_type in activity_types()]

    def serve(self, request, *args, **kwargs):
        return redirect(self.get_parent().url)


class Activity(PageViewsMixin, RoutablePageMixin, Page):
    """What every activity shares: completion rule, grading and attempts.

    Concrete (multi-table) so that a course's activities are read in one query whatever
    their type. Each type is a subclass registered with ``courses.activity_types``.
    """

    completion_rule = models.CharField(
        _("condition d'achèvement"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.VIEWED,
    )
    required = models.BooleanField(_("requise pour terminer le parcours"), default=True)
    min_score = models.DecimalField(
        _("note minimale (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    pass_score = models.DecimalField(
        _("note de réussite (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=PERCENT_VALIDATORS,
    )
    grading_method = models.CharField(
        _("méthode d'évaluation"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("nombre maximal de tentatives"), default=0, help_text=_("0 : illimité.")
    )

    completion_panels = [
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("required"),
                FieldRowPanel([FieldPanel("min_score"), FieldPanel("pass_score")]),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("max_attempts")]),
            ],
            heading=_("Achèvement et évaluation"),
        )
    ]
    settings_panels = [*Page.settings_panels, *completion_panels]
    parent_page_types = ["courses.CourseSectionPage"]
    subpage_types: list[str] = []
    is_creatable = False

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")

    def clean(self):
        super().clean()
        supported = self.activity_type.completion_rules
        if self.completion_rule not in supported:
            raise ValidationError(
                {
                    "completion_rule": _(
                        "Cette condition n'est pas disponible pour ce type d'activité."
                    )
                }
            )
        if self.completion_rule == CompletionRule.MIN_SCORE and self.min_score is None:
            raise ValidationError({"min_score": _("Indiquez la note minimale.")})

    @cached_property
    def activity_type(self):
        return activity_type_for(self.specific_class or type(self))

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    @path("", name="show")
    def show(self, request):
        return self.page_view("activity_show", module=ACTIVITY_VIEWS)(request, activity=self)

    @path("terminer/", name="done")
    def done(self, request):
        return self.page_view("activity_done", module=ACTIVITY_VIEWS)(request, activity=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        extra = self.page_view("activity_context", module=ACTIVITY_VIEWS)(request, self)
        return {**context, **extra}


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Inscrit")
        ENDED = "ended", _("Désinscrit")

    class Source(models.TextChoices):
        SELF = "self", _("Auto-inscription")
        ASSIGNMENT = "assignment", _("Affectation par un enseignant")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(
        _("origine"), max_length=12, choices=Source.choices, default=Source.SELF
    )
    enrolled_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    ended_at = models.DateTimeField(_("désinscrit le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription à un parcours")
        verbose_name_plural = _("inscriptions aux parcours")
        permissions = [("view_course_report", _("Peut consulter les rapports des parcours"))]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]
