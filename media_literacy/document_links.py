"""Downloadable documents attached to a page (resources, scenarios), listed by
``includes/document_links.html``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class DocumentLink(Orderable):
    """A downloadable document attached to a page, with an optional label."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("intitulé"), max_length=200, blank=True, help_text=_("Par défaut, le titre du document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
