"""Admin for the shared taxonomies: one menu group, one viewset each."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Audience, Competence, Level, Theme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"


class LevelViewSet(TaxonomyViewSet):
    model = Level
    icon = "order"


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tick-inverse"
    list_display = ["code", "name", "domain"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    copy_view_enabled = False


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (AudienceViewSet, LevelViewSet, ThemeViewSet, CompetenceViewSet)


register_snippet(TaxonomyGroup)
