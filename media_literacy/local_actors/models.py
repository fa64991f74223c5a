"""Local actors: EPN, médiathèques, associations and local authorities near the schools."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.models import Audience, BasePage
from cms.page_views import PageViewsMixin
from media_literacy.local_actors.departements import DEPARTEMENT_NAMES, departement_from_postcode

__all__ = ["LocalActor", "LocalActorIndexPage", "LocalService"]


class LocalService(models.Model):
    """A service a local actor offers: « Prêt de matériel », « Ateliers parentalité numérique »…"""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service proposé")
        verbose_name_plural = _("services proposés")

    def __str__(self) -> str:
        return self.name


def validate_postcode(value: str) -> None:
    if departement_from_postcode(value) is None:
        raise ValidationError(
            _("« %(value)s » n'est pas un code postal français valide."),
            code="invalid_postcode",
            params={"value": value},
        )


def validate_departement(value: str) -> None:
    if value not in DEPARTEMENT_NAMES:
        raise ValidationError(
            _("« %(value)s » n'est pas un code de département (exemples : 75, 2A, 974)."),
            code="invalid_departement",
            params={"value": value},
        )


class LocalActor(index.Indexed, models.Model):
    """A place or organisation near the schools that helps with digital life.

    The slug is the stable key of CSV imports (slugified name and commune); the
    département is stored so that the rare communes whose postcode belongs to a
    neighbouring département can be corrected, and is derived from the postcode when blank.
    """

    class Kind(models.TextChoices):
        EPN = "epn", _("Espace public numérique")
        MEDIATHEQUE = "mediatheque", _("Médiathèque")
        ASSOCIATION = "association", _("Association")
        COLLECTIVITE = "collectivite", _("Collectivité")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(
        _("identifiant"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Laissez vide pour le calculer à partir du nom et de la commune."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(
        _("code postal"),
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", _("Cinq chiffres.")), validate_postcode],
    )
    commune = models.CharField(_("commune"), max_length=150)
    departement = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        db_index=True,
        validators=[validate_departement],
        help_text=_(
            "Code du département (75, 2A, 974…). Laissez vide pour le déduire du code postal."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    services = models.ManyToManyField(
        LocalService, blank=True, related_name="actors", verbose_name=_("services proposés")
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="local_actors", verbose_name=_("publics")
    )
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    opening_hours = models.TextField(
        _("horaires d'ouverture"),
        blank=True,
        help_text=_("Par exemple : « Mardi-samedi 10 h-18 h »"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldPanel("departement"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("commune"),
        index.SearchField("description"),
        # Filter fields: the admin listing filters and sorts its search results on them.
        index.FilterField("name"),
        index.FilterField("kind"),
        index.FilterField("departement"),
    ]

    class Meta:
        ordering = ["departement", "name"]
        verbose_name = _("acteur local")
        verbose_name_plural = _("acteurs locaux")

    def __str__(self) -> str:
        return f"{self.name} ({self.commune})"

    @staticmethod
    def slug_for(*, name: str, commune: str) -> str:
        return slugify(f"{name} {commune}")[:255]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def departement_name(self) -> str:
        return DEPARTEMENT_NAMES.get(self.departement, "")

    def clean(self):
        super().clean()
        self.postcode = (self.postcode or "").strip()
        self.departement = (self.departement or "").strip().upper()
        if not self.departement:
            self.departement = departement_from_postcode(self.postcode) or ""
        if not self.slug and self.name and self.commune:
            self.slug = self.slug_for(name=self.name, commune=self.commune)
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Renseignez la latitude et la longitude, ou aucune des deux."),
                code="incomplete_coordinates",
            )

    def save(self, *args, **kwargs):
        if not self.departement:
            self.departement = departement_from_postcode(self.postcode) or ""
        if not self.slug:
            self.slug = self.slug_for(name=self.name, commune=self.commune)
        super().save(*args, **kwargs)

    def map_marker(self) -> dict:
        """What the map script needs for this actor (passed through ``json_script``)."""
        return {
            "id": f"acteur-{self.slug}",
            "name": self.name,
            "kind": str(self.get_kind_display()),
            "commune": self.commune,
            "lat": float(self.latitude),
            "lng": float(self.longitude),
        }


class LocalActorIndexPage(PageViewsMixin, BasePage):
    """The public listing of local actors, with filters, pagination and a map."""

    page_views = "media_literacy.local_actors.views"

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*BasePage.content_panels, FieldPanel("summary"), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page des acteurs locaux")
        verbose_name_plural = _("pages des acteurs locaux")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_view("listing_context")(request, self))
        return context
