"""Lesson: content to read, completed when viewed or marked done."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from courses.structure.models import Activity

__all__ = ["LessonActivity"]


class LessonActivity(Activity):
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "courses/lesson_activity.html"

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("leçon")
        verbose_name_plural = _("leçons")
