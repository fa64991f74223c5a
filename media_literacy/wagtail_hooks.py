"""Admin for the media_literacy app: local actors and the services they offer."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from media_literacy.models import LocalActor, LocalService


class LocalActorViewSet(SnippetViewSet):
    model = LocalActor
    icon = "site"
    list_display = ["name", "kind", "commune", "departement"]
    list_filter = ["kind", "departement"]
    # No search_fields here: the admin search uses LocalActor.search_fields (name, commune,
    # description) through the search backend; restricting fields breaks the SQLite one.
    ordering = ["departement", "name"]
    list_per_page = 50


class LocalServiceViewSet(SnippetViewSet):
    model = LocalService
    icon = "list-ul"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    copy_view_enabled = False


class LocalActorGroup(SnippetViewSetGroup):
    menu_label = _("Acteurs locaux")
    menu_icon = "site"
    menu_order = 310
    items = (LocalActorViewSet, LocalServiceViewSet)


register_snippet(LocalActorGroup)
