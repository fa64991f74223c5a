"""Resources: fiches pratiques, guides, videos and posters for each audience."""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.models import BasePage, TaxonomyMixin
from media_literacy.document_links import DocumentLink
from media_literacy.listing import FilteredListingPage

__all__ = [
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "ResourceVariant",
]

WORDS_PER_MINUTE = 200
DEFAULT_LICENCE = "CC BY-NC-SA 4.0"
DEFAULT_LICENCE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"


class ResourceKind(models.TextChoices):
    FACT_SHEET = "fiche", _("Fiche pratique")
    GUIDE = "guide", _("Guide")
    VIDEO = "video", _("Vidéo")
    POSTER = "affiche", _("Affiche")


class ResourceIndexPage(FilteredListingPage):
    """The resources listing, filterable by kind, audience, level and theme."""

    page_views = "media_literacy.resources.views"
    subpage_types = ["media_literacy.ResourcePage"]

    class Meta:
        verbose_name = _("liste des ressources")
        verbose_name_plural = _("listes des ressources")


class ResourcePage(TaxonomyMixin, BasePage):
    """A fiche pratique, guide, video or poster, with its documents and audience variants."""

    resource_kind = models.CharField(
        _("type de ressource"),
        max_length=20,
        choices=ResourceKind.choices,
        default=ResourceKind.FACT_SHEET,
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)
    last_reviewed = models.DateField(
        _("dernière relecture"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le contenu a été vérifié."),
    )
    licence = models.CharField(_("licence"), max_length=100, default=DEFAULT_LICENCE)
    licence_url = models.URLField(
        _("adresse de la licence"), blank=True, default=DEFAULT_LICENCE_URL
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("resource_kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents à télécharger")),
        InlinePanel("variants", label=_("Version"), heading=_("Versions pour d'autres publics")),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("licence"), FieldPanel("licence_url")],
            heading=_("Relecture et licence"),
        ),
    ]
    promote_panels = [*Page.promote_panels, *TaxonomyMixin.taxonomy_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("resource_kind"),
    ]
    parent_page_types = ["media_literacy.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    @property
    def reading_time(self) -> int:
        """Minutes to read the body at 200 words a minute, at least one."""
        words = sum(
            len(text.split())
            for block in self.body
            for text in block.block.get_searchable_content(block.value)
            if isinstance(text, str)
        )
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["variant_links"] = [
            v for v in self.variants.select_related("variant") if v.variant.live
        ]
        context["variant_of"] = [
            link
            for link in ResourceVariant.objects.filter(variant=self).select_related("resource")
            if link.resource.live
        ]
        context["document_links"] = self.documents.select_related("document")
        return context


class ResourceDocument(DocumentLink):
    resource = ParentalKey(ResourcePage, related_name="documents", on_delete=models.CASCADE)


class ResourceVariant(Orderable):
    """Another version of the same resource for another audience or age band."""

    resource = ParentalKey(ResourcePage, related_name="variants", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        ResourcePage,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="variant_of_links",
    )
    label = models.CharField(
        _("libellé"),
        max_length=80,
        help_text=_("Par exemple « Version parents », « Version 8–11 ans »."),
    )

    panels = [PageChooserPanel("variant"), FieldPanel("label")]
