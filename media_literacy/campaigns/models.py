"""Campaigns: national operations with a period, kits and school registrations."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage, TaxonomyMixin
from cms.page_views import PageViewsMixin
from media_literacy.blocks import CampaignStreamBlock
from media_literacy.listing import FilteredListingPage

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignRegistration",
    "CampaignRelatedCourse",
    "CampaignRelatedResource",
    "CampaignStatus",
    "campaign_status",
]


class CampaignStatus(models.TextChoices):
    CURRENT = "current", _("En cours")
    UPCOMING = "upcoming", _("À venir")
    ENDED = "ended", _("Terminée")


def campaign_status(
    *, start: datetime.date | None, end: datetime.date | None, at: datetime.datetime | None = None
) -> CampaignStatus:
    """Status of a campaign running from ``start`` to ``end`` (both days included).

    Dates are calendar days in the site's time zone (Europe/Paris): a campaign ending on
    22 March is over at midnight in Paris, whatever the server's clock zone. A missing
    start means "already started", a missing end "no end planned".
    """
    today = timezone.localdate(at or timezone.now())
    if start and today < start:
        return CampaignStatus.UPCOMING
    if end and today > end:
        return CampaignStatus.ENDED
    return CampaignStatus.CURRENT


class CampaignIndexPage(FilteredListingPage):
    """The campaigns listing: current first, then upcoming, then past; filterable."""

    page_views = "media_literacy.campaigns.views"
    subpage_types = ["media_literacy.CampaignPage"]

    class Meta:
        verbose_name = _("liste des campagnes")
        verbose_name_plural = _("listes des campagnes")


class CampaignPage(PageViewsMixin, RoutablePageMixin, TaxonomyMixin, BasePage):
    """A national campaign ("Semaine de la presse", Safer Internet Day…)."""

    page_views = "media_literacy.campaigns.views"

    strapline = models.CharField(_("accroche"), max_length=200, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("texte alternatif de l'image principale"),
        max_length=250,
        blank=True,
        help_text=_("Obligatoire avec une image : décrivez ce qu'elle montre."),
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    body = StreamField(CampaignStreamBlock(), verbose_name=_("contenu"), blank=True)
    registration_open = models.BooleanField(
        _("inscriptions des établissements ouvertes"),
        default=False,
        help_text=_(
            "Affiche un formulaire d'inscription pour les écoles tant que la campagne n'est pas terminée."
        ),
    )
    registration_intro = models.TextField(_("texte d'invitation à s'inscrire"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("strapline"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image principale")
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Période")),
        FieldPanel("body"),
        InlinePanel("related_resources", label=_("Ressource liée"), heading=_("Ressources liées")),
        InlinePanel("related_courses", label=_("Parcours lié"), heading=_("Parcours liés")),
        MultiFieldPanel(
            [FieldPanel("registration_open"), FieldPanel("registration_intro")],
            heading=_("Inscription des établissements"),
        ),
    ]
    promote_panels = [*Page.promote_panels, *TaxonomyMixin.taxonomy_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("strapline"),
        index.SearchField("body"),
    ]
    parent_page_types = ["media_literacy.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fin doit être postérieure ou égale au début.")
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Décrivez l'image : le texte alternatif est obligatoire.")
        if errors:
            raise ValidationError(errors)

    @property
    def status(self) -> CampaignStatus:
        return campaign_status(start=self.start_date, end=self.end_date)

    @property
    def accepts_registrations(self) -> bool:
        return self.registration_open and self.status != CampaignStatus.ENDED

    def get_og_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_resource_pages"] = [
            link.page for link in self.related_resources.select_related("page") if link.page.live
        ]
        context["related_course_pages"] = [
            link.page for link in self.related_courses.select_related("page") if link.page.live
        ]
        return context

    @path("")
    def campaign(self, request):
        return self.page_view("campaign")(request, self)

    @path("inscription/", name="registration")
    def registration(self, request):
        return self.page_view("campaign_registration")(request, self)


class CampaignRelatedResource(Orderable):
    campaign = ParentalKey(CampaignPage, related_name="related_resources", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "media_literacy.ResourcePage",
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]


class CampaignRelatedCourse(Orderable):
    """A course linked by page reference: media_literacy never imports courses' internals."""

    campaign = ParentalKey(CampaignPage, related_name="related_courses", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("parcours"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]


uai_validator = RegexValidator(
    r"^\d{7}[A-Za-z]$", _("Le code UAI compte 7 chiffres suivis d'une lettre (ex. 0751234A).")
)


class CampaignRegistration(models.Model):
    """A school's registration to a campaign, exported by editors (adult contacts only)."""

    # What a school fills in (the public form, the admin form and the export share it).
    SCHOOL_FIELDS = [
        "school_name",
        "school_uai",
        "commune",
        "contact_name",
        "contact_email",
        "class_count",
        "message",
    ]

    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    school_name = models.CharField(_("établissement"), max_length=200)
    school_uai = models.CharField(
        _("code UAI"), max_length=8, blank=True, validators=[uai_validator]
    )
    commune = models.CharField(_("commune"), max_length=150)
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_email = models.EmailField(_("courriel du contact"))
    class_count = models.PositiveSmallIntegerField(
        _("nombre de classes"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("inscription d'établissement")
        verbose_name_plural = _("inscriptions d'établissements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "school_name", "commune"],
                name="unique_school_registration_per_campaign",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school_name} ({self.commune})"
