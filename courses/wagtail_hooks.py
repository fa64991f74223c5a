"""Admin for learning: the course report and the schools."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.classes.forms import SchoolAdminForm
from courses.models import School


@hooks.register("register_admin_urls")
def register_course_report_urls():
    from django.urls import path

    from courses.reports.views import course_report

    return [path("parcours/<int:course_id>/rapport/", course_report, name="courses_course_report")]


@hooks.register("register_page_header_buttons")
def course_report_button(page, user, view_name=None, next_url=None):
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    from courses.models import CoursePage

    if isinstance(page.specific, CoursePage) and user.has_perm("courses.view_course_report"):
        yield Button(
            _("Rapport"),
            reverse("courses_course_report", args=[page.pk]),
            icon_name="table",
            priority=60,
        )


class SchoolViewSet(SnippetViewSet):
    """Schools and their teachers (administrators only: no learner data here)."""

    model = School
    icon = "home"
    menu_label = _("Établissements")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["name", "uai", "kind", "commune", "departement"]
    list_filter = ["kind", "academie"]
    search_fields = ["name", "uai", "commune"]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("uai"),
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("commune"),
            FieldPanel("departement"),
            FieldPanel("academie"),
            FieldPanel("teachers", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=SchoolAdminForm,
    )


register_snippet(SchoolViewSet)
