"""Admin for H5P packages: upload (checked), list, inspect."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.activities.h5p.forms import H5PPackageForm
from courses.activities.h5p.models import H5PPackage


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "media"
    menu_label = _("Paquets H5P")
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("main_library_label", label=_("Bibliothèque principale")),
        "uploaded_at",
    ]
    search_fields = ["title", "main_library"]
    ordering = ["-uploaded_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "main_library",
        "main_library_major",
        "main_library_minor",
        "embed_type",
        "sha256",
        "storage_path",
        "size",
        "uploaded_at",
    ]
    edit_handler = ObjectList(
        [FieldPanel("upload"), FieldPanel("title")], base_form_class=H5PPackageForm
    )


register_snippet(H5PPackageViewSet)
