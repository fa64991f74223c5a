"""Blocks specific to editorial content, built on the shared cms blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.blocks import BaseStreamBlock, LinkTargetBlock


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        label=_("Chiffre"), max_length=20, help_text=_("Par exemple « 70 % ».")
    )
    label = blocks.CharBlock(label=_("Ce qu'il mesure"), max_length=200)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Chiffres"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Chiffres clés")
        template = "blocks/key_figures_block.html"


class TimelineEventBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Événement"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Événements"), min_num=1)

    class Meta:
        icon = "date"
        label = _("Calendrier des temps forts")
        template = "blocks/timeline_block.html"


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nom du partenaire"), max_length=150)
    logo = ImageChooserBlock(label=_("Logo"))
    url = blocks.URLBlock(label=_("Site du partenaire"), required=False)


class PartnerLogosBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titre"), required=False, max_length=150, default=_("Partenaires")
    )
    partners = blocks.ListBlock(PartnerBlock(), label=_("Partenaires"), min_num=1)

    class Meta:
        icon = "group"
        label = _("Logos des partenaires")
        template = "blocks/partner_logos_block.html"


class KitBlock(blocks.StructBlock):
    """A ready-to-use kit for one audience: a short text, documents and links."""

    title = blocks.CharBlock(label=_("Titre"), max_length=150)
    intro = blocks.TextBlock(label=_("Présentation"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"), required=False)
    links = blocks.ListBlock(
        blocks.StructBlock(
            [("label", blocks.CharBlock(label=_("Libellé"))), ("target", LinkTargetBlock())]
        ),
        label=_("Liens"),
        required=False,
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/kit_block.html"


class PosterBlock(blocks.StructBlock):
    preview = ImageChooserBlock(label=_("Aperçu"))
    preview_alt = blocks.CharBlock(label=_("Texte alternatif de l'aperçu"), max_length=250)
    document = DocumentChooserBlock(label=_("Fichier à télécharger"))
    format = blocks.CharBlock(
        label=_("Format"), required=False, max_length=60, help_text=_("Par exemple « A3, PDF ».")
    )


class PosterDownloadsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titre"), required=False, max_length=150, default=_("Affiches à télécharger")
    )
    posters = blocks.ListBlock(PosterBlock(), label=_("Affiches"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Affiches à télécharger")
        template = "blocks/poster_downloads_block.html"


class CampaignStreamBlock(BaseStreamBlock):
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
    partner_logos = PartnerLogosBlock()
    teacher_kit = KitBlock(label=_("Kit enseignant"))
    parent_kit = KitBlock(label=_("Kit parents"))
    poster_downloads = PosterDownloadsBlock()
