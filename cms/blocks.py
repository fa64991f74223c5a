"""StreamField blocks shared by every content app (after bakerydemo's base/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a mandatory text alternative and an optional caption and credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Décrit l'image pour les personnes qui ne la voient pas. Obligatoire."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Crédit"), required=False, max_length=150)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Adresse de la vidéo"), help_text=_("Par exemple une URL PeerTube."))
    title = blocks.CharBlock(label=_("Titre de la vidéo"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcription"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blocks/video_block.html"


class LinkTargetBlock(blocks.StructBlock):
    """A link to an internal page or an external address; the page wins when both are set."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Adresse externe"), required=False)

    class Meta:
        icon = "link"
        label = _("Lien")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choisissez une page ou une adresse."))
                }
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=150)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    link = LinkTargetBlock(label=_("Lien"))
    button_label = blocks.CharBlock(label=_("Libellé du bouton"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "blocks/call_to_action_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Intitulé"), required=False, help_text=_("Par défaut, le titre du document.")
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Auteur ou source"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question ou intitulé"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Réponse"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordéon / FAQ")
        template = "blocks/accordion_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every page type offers; content apps extend it with their own."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Texte"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    accordion = AccordionBlock()
