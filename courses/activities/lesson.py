"""Lesson: content to read, completed when viewed or marked done."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from courses.activity_types import READ_RULES, ActivityType, register
from courses.models.structure import Activity

__all__ = ["LessonActivity"]


class LessonActivity(Activity):
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "courses/lesson_activity.html"

    class Meta:
        verbose_name = _("leçon")
        verbose_name_plural = _("leçons")


register(
    ActivityType(
        key="lesson",
        page_model=LessonActivity,
        completion_rules=READ_RULES,
    )
)
