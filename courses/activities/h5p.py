"""H5P activity: an uploaded package played in a framed page; xAPI results make attempts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from courses.activity_types import GRADED_RULES, ActivityType, register
from courses.models.structure import Activity

__all__ = ["H5PActivity"]


class H5PActivity(Activity):
    intro = models.TextField(_("consigne"), blank=True)
    package = models.ForeignKey(
        "courses.H5PPackage",
        verbose_name=_("paquet H5P"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    frame_height = models.PositiveSmallIntegerField(_("hauteur du cadre (px)"), default=520)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("package"),
        FieldPanel("frame_height"),
    ]
    template = "courses/h5p_activity.html"

    class Meta:
        verbose_name = _("activité H5P")
        verbose_name_plural = _("activités H5P")


register(
    ActivityType(
        key="h5p",
        page_model=H5PActivity,
        completion_rules=GRADED_RULES,
        graded=True,
    )
)
