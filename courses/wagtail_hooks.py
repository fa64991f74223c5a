"""Admin for learning: the CRCN competences."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import Competence


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tick-inverse"
    list_display = ["code", "name", "domain"]
    search_fields = ["code", "name"]
    ordering = ["code"]


register_snippet(CompetenceViewSet)
