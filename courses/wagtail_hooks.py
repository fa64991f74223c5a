"""Admin for learning: the course report and the schools."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.certificates import admin_views
from courses.classes.forms import SchoolAdminForm
from courses.classes.models import School
from courses.reports.views import course_report
from courses.structure.models import CoursePage


@hooks.register("register_admin_urls")
def register_course_report_urls():

    return [path("parcours/<int:course_id>/rapport/", course_report, name="courses_course_report")]


@hooks.register("register_page_header_buttons")
def course_report_button(page, user, view_name=None, next_url=None):

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


@hooks.register("register_admin_urls")
def register_certificate_urls():

    return [
        path("certificats/", admin_views.certificate_index, name="courses_certificate_index"),
        path(
            "certificats/<int:pk>/",
            admin_views.certificate_detail,
            name="courses_certificate_detail",
        ),
    ]


@hooks.register("register_admin_menu_item")
def certificate_menu_item():

    class CertificateMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("courses.revoke_certificate")

    return CertificateMenuItem(
        _("Certificats"), reverse("courses_certificate_index"), icon_name="tick", order=340
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "courses.certificate_revoke", _("Révoquer un certificat"), _("Certificat révoqué")
    )
    actions.register_action(
        "courses.certificate_restore", _("Rétablir un certificat"), _("Certificat rétabli")
    )
