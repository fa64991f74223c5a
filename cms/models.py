"""The site's floor: home and standard pages, shared taxonomies, site-wide settings."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock

# --- Taxonomies -------------------------------------------------------------------------


class Taxonomy(models.Model):
    """A controlled vocabulary term shared by every content app (audience, level, theme).

    The slug is the stable identifier used by imports, URLs and search facets; the name
    can be renamed freely by editors.
    """

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Audience(Taxonomy):
    """Who a content is for: élèves, enseignants, parents, élus et agents."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class Level(Taxonomy):
    """School cycle or age band: cycle 1 to 4, lycée, adultes."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaux")


class Theme(Taxonomy):
    """Editorial theme: désinformation, cyberharcèlement, données personnelles…"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Competence(models.Model):
    """A competence of the CRCN (Cadre de référence des compétences numériques).

    Shared by courses and scénarios pédagogiques, so it lives on the floor with the
    other taxonomies; the sixteen competences of the framework are seeded by migration.
    """

    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("Par exemple « 2.3 ».")
    )
    name = models.CharField(_("intitulé"), max_length=200)
    domain = models.CharField(_("domaine"), max_length=200, blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("domain")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("compétence CRCN")
        verbose_name_plural = _("compétences CRCN")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TaxonomyMixin(models.Model):
    """Audience, level and theme fields for any page that is classified for the catalogue."""

    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name=_("publics"))
    levels = ParentalManyToManyField(Level, blank=True, verbose_name=_("niveaux"))
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("thèmes"))

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classement"),
        )
    ]

    class Meta:
        abstract = True

    def taxonomy_search_fields(self) -> dict:
        """Facet values (slugs) and searchable labels, for the catalogue's search documents."""
        audiences, levels, themes = (
            list(self.audiences.all()),
            list(self.levels.all()),
            list(self.themes.all()),
        )
        return {
            "audience": tuple(item.slug for item in audiences),
            "level": tuple(item.slug for item in levels),
            "theme": tuple(item.slug for item in themes),
            "keywords": " ".join(item.name for item in [*audiences, *levels, *themes]),
        }


def stream_text(stream_value) -> str:
    """The plain text of a StreamField value (what Wagtail's own search would index)."""
    return " ".join(
        strip_tags(text)
        for block in stream_value
        for text in block.block.get_searchable_content(block.value)
        if isinstance(text, str)
    )


# --- Pages ------------------------------------------------------------------------------


class BasePage(Page):
    """Fields every public page shares: a summary used for cards, meta description and search."""

    summary = models.TextField(
        _("résumé"),
        blank=True,
        max_length=400,
        help_text=_(
            "Une ou deux phrases, reprises dans les listes, les résultats et les partages."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or self.summary

    def get_og_image(self):
        """The image shown when the page is shared (Open Graph); none by default."""
        return None


class HomePage(BasePage):
    """The site's root page."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=150, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d'accroche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("texte alternatif de l'image"), max_length=250, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_og_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlighted_pages"] = self.get_children().live().public().specific()[:6]
        return context


class StandardPage(TaxonomyMixin, BasePage):
    """A plain editorial page: about, legal notices, accessibility statement…"""

    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, *TaxonomyMixin.taxonomy_panels]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")


# --- Site settings ----------------------------------------------------------------------


class LinkFields(models.Model):
    """A labelled link to a page of the site or to an external address."""

    label = models.CharField(_("libellé"), max_length=80)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("adresse externe"), blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    @property
    def url(self) -> str:
        if self.link_page_id:
            return self.link_page.url or ""
        return self.link_url

    def clean(self):
        if not self.link_page_id and not self.link_url:
            raise ValidationError(_("Choisissez une page ou saisissez une adresse externe."))


@register_setting(icon="cog")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Navigation, footer, contact and social links, editable per site by editors."""

    footer_text = models.TextField(
        _("texte du pied de page"),
        blank=True,
        help_text=_("Par exemple : « Repères, un service public d'éducation aux médias »."),
    )
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_address = models.TextField(_("adresse postale"), blank=True)

    panels = TabbedInterface(
        [
            ObjectList([InlinePanel("navigation_links", label=_("Lien"))], heading=_("Navigation")),
            ObjectList(
                [FieldPanel("footer_text"), InlinePanel("footer_links", label=_("Lien"))],
                heading=_("Pied de page"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                    FieldPanel("contact_address"),
                ],
                heading=_("Contact"),
            ),
            ObjectList(
                [InlinePanel("social_links", label=_("Réseau"))], heading=_("Réseaux sociaux")
            ),
        ]
    )
    edit_handler = panels

    class Meta:
        verbose_name = _("réglages du site")

    # Read by the base templates on every page: one query per list, pages joined in.
    def get_navigation_links(self):
        return self.navigation_links.select_related("link_page")

    def get_footer_links(self):
        return self.footer_links.select_related("link_page")


class NavigationLink(Orderable, LinkFields):
    setting = ParentalKey(SiteSettings, related_name="navigation_links", on_delete=models.CASCADE)


class FooterLink(Orderable, LinkFields):
    setting = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)


class SocialLink(Orderable):
    class Network(models.TextChoices):
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        PEERTUBE = "peertube", "PeerTube"
        YOUTUBE = "youtube", "YouTube"
        LINKEDIN = "linkedin", "LinkedIn"
        INSTAGRAM = "instagram", "Instagram"
        OTHER = "other", _("Autre")

    setting = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    network = models.CharField(_("réseau"), max_length=20, choices=Network.choices)
    url = models.URLField(_("adresse"))

    panels = [FieldPanel("network"), FieldPanel("url")]
