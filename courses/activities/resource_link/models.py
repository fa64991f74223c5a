"""Resource link: points to a resource page or a document; completed when viewed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Page

from courses.structure.models import Activity

__all__ = ["ResourceLinkActivity"]


class ResourceLinkActivity(Activity):
    intro = models.TextField(_("consigne"), blank=True)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page liée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linked_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document lié"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("linked_page"),
        FieldPanel("linked_document"),
    ]
    template = "courses/resource_link_activity.html"

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("lien vers une ressource")
        verbose_name_plural = _("liens vers des ressources")

    def clean(self):

        super().clean()
        if not self.linked_page_id and not self.linked_document_id:
            raise ValidationError(_("Choisissez une page ou un document."))
