"""Scénarios pédagogiques: lesson scenarios shared, adapted (forked) and reused by teachers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.models import BasePage, Taxonomy, TaxonomyMixin
from cms.page_views import PageViewsMixin
from media_literacy.document_links import DocumentLink
from media_literacy.listing import FilteredListingPage

__all__ = [
    "Discipline",
    "Equipment",
    "ScenarioDocument",
    "ScenarioFeedback",
    "ScenarioIndexPage",
    "ScenarioLinkedPage",
    "ScenarioPage",
    "ScenarioStepBlock",
    "SchoolKind",
]

SCENARIO_LICENCE = "CC BY-SA 4.0"
SCENARIO_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"


class Discipline(Taxonomy):
    """A school subject a scenario fits in: français, histoire-géographie, EMC…"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")


class Equipment(models.TextChoices):
    NONE = "none", _("Aucun équipement")
    ONE_SCREEN = "screen", _("Un écran pour la classe")
    PER_GROUP = "group", _("Un appareil par groupe")
    PER_PUPIL = "pupil", _("Un appareil par élève")


class SchoolKind(models.TextChoices):
    PRIMARY = "ecole", _("École")
    MIDDLE = "college", _("Collège")
    HIGH = "lycee", _("Lycée")
    OTHER = "autre", _("Autre structure")


class ScenarioStepBlock(blocks.StructBlock):
    """One step of a session: what the teacher does, what pupils do, for how long."""

    title = blocks.CharBlock(label=_("Titre de l'étape"), max_length=120)
    minutes = blocks.IntegerBlock(label=_("Durée (minutes)"), min_value=1, max_value=240)
    instructions = blocks.RichTextBlock(label=_("Déroulement"), features=RICH_TEXT_FEATURES)
    pupil_activity = blocks.RichTextBlock(
        label=_("Activité des élèves"), features=RICH_TEXT_FEATURES, required=False
    )
    teacher_tips = blocks.RichTextBlock(
        label=_("Conseils à l'enseignant"), features=RICH_TEXT_FEATURES, required=False
    )
    materials = blocks.TextBlock(label=_("Matériel"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        template = "media_literacy/blocks/scenario_step.html"


class ScenarioIndexPage(FilteredListingPage):
    """The scenario bank, filterable by cycle, discipline, duration, equipment and theme."""

    page_views = "media_literacy.scenarios.views"
    subpage_types = ["media_literacy.ScenarioPage"]

    class Meta:
        verbose_name = _("banque de scénarios")
        verbose_name_plural = _("banques de scénarios")


class ScenarioPage(PageViewsMixin, RoutablePageMixin, TaxonomyMixin, BasePage):
    """A lesson scenario: sessions of steps, what it needs, what it teaches, who wrote it."""

    page_views = "media_literacy.scenarios.views"

    disciplines = ParentalManyToManyField(
        Discipline, blank=True, related_name="+", verbose_name=_("disciplines")
    )
    competences = ParentalManyToManyField(
        "cms.Competence", blank=True, related_name="+", verbose_name=_("compétences CRCN")
    )
    sessions = models.PositiveSmallIntegerField(_("nombre de séances"), default=1)
    session_minutes = models.PositiveSmallIntegerField(
        _("durée d'une séance (minutes)"), default=55
    )
    equipment = models.CharField(
        _("équipement nécessaire"), max_length=10, choices=Equipment.choices, default=Equipment.NONE
    )
    prerequisites = models.TextField(_("prérequis"), blank=True)
    objectives = models.TextField(_("objectifs d'éducation aux médias"))
    steps = StreamField(
        [("step", ScenarioStepBlock())], verbose_name=_("étapes"), use_json_field=True
    )
    licence = models.CharField(_("licence"), max_length=100, default=SCENARIO_LICENCE)
    licence_url = models.URLField(_("adresse de la licence"), default=SCENARIO_LICENCE_URL)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("auteur (compte)"),
    )
    author_name = models.CharField(
        _("nom public de l'auteur"),
        max_length=80,
        help_text=_("Tel que l'enseignant a choisi de le montrer (jamais un élève)."),
    )
    author_school_kind = models.CharField(
        _("type d'établissement de l'auteur"),
        max_length=10,
        choices=SchoolKind.choices,
        blank=True,
    )
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        verbose_name=_("adapté de"),
    )
    # The credit CC BY-SA requires, copied when the adaptation starts: it stays on the page
    # if the original is later unpublished or deleted.
    adapted_from_title = models.CharField(_("titre de l'original"), max_length=255, blank=True)
    adapted_from_author = models.CharField(_("auteur de l'original"), max_length=80, blank=True)
    adapted_from_url = models.CharField(_("adresse de l'original"), max_length=255, blank=True)
    licence_accepted_at = models.DateTimeField(
        _("licence acceptée par l'auteur le"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("sessions"),
                FieldPanel("session_minutes"),
                FieldPanel("equipment"),
                FieldPanel("disciplines"),
                FieldPanel("competences"),
            ],
            heading=_("En classe"),
        ),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        FieldPanel("steps"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents joints")),
        InlinePanel(
            "linked_pages", label=_("Activité ou parcours"), heading=_("Activités Repères liées")
        ),
        MultiFieldPanel(
            [
                FieldPanel("author_name"),
                FieldPanel("author_school_kind"),
                FieldPanel("author"),
                PageChooserPanel("adapted_from", "media_literacy.ScenarioPage"),
                FieldPanel("licence"),
                FieldPanel("licence_url"),
            ],
            heading=_("Auteur, origine et licence"),
        ),
    ]
    promote_panels = [*Page.promote_panels, *TaxonomyMixin.taxonomy_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("objectives"),
        index.SearchField("steps"),
        index.FilterField("equipment"),
    ]
    parent_page_types = ["media_literacy.ScenarioIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("scénario pédagogique")
        verbose_name_plural = _("scénarios pédagogiques")

    @property
    def total_minutes(self) -> int:
        return self.sessions * self.session_minutes

    @path("")
    def scenario(self, request):
        return self.render(request)

    @path("imprimer/")
    def printable(self, request):
        return self.render(request, context_overrides={"printable": True})

    @path("pdf/")
    def pdf(self, request):
        return self.page_view("scenario_pdf_download")(request, self)

    @path("avis/")
    def feedback_post(self, request):
        return self.page_view("scenario_feedback")(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_view("scenario_context")(request, self))
        context["adaptations"] = self.adaptations.live().public().order_by("title")
        context["document_links"] = self.documents.select_related("document")
        context["linked"] = [
            link.page for link in self.linked_pages.select_related("page") if link.page.live
        ]
        return context


class ScenarioDocument(DocumentLink):
    scenario = ParentalKey(ScenarioPage, related_name="documents", on_delete=models.CASCADE)


class ScenarioLinkedPage(Orderable):
    """A Repères activity or course used in the scenario (by page reference)."""

    scenario = ParentalKey(ScenarioPage, related_name="linked_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]


class ScenarioFeedback(models.Model):
    """A teacher's rating (1–5) of a scenario they used, with an optional retour d'expérience.

    The rating counts at once in the average; the written retour is shown only once a
    moderator has published it. One per teacher and scenario: rating again updates it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé")

    scenario = models.ForeignKey(
        ScenarioPage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("scénario")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("enseignant"),
    )
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("retour d'expérience"), max_length=1500, blank=True)
    author_name = models.CharField(_("nom public"), max_length=80, blank=True)
    status = models.CharField(
        _("état du retour"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        FieldPanel("score", read_only=True),
        FieldPanel("author_name", read_only=True),
        FieldPanel("comment"),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("retour d'expérience")
        verbose_name_plural = _("retours d'expérience")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "teacher"], name="one_feedback_per_teacher_and_scenario"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="feedback_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario.title} — {self.score}/5"
