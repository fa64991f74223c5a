"""Admin for editorial content: schools' registrations (with CSV/XLSX export), retours
d'expérience, local actors, disciplines; new listings go under the editorial workflow."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from media_literacy.campaigns.models import CampaignRegistration
from media_literacy.local_actors.models import LocalActor, LocalService
from media_literacy.scenarios.models import Discipline, ScenarioFeedback
from media_literacy.services import editorial_workflow_assign, is_editorial_index_page


class CampaignRegistrationViewSet(ModelViewSet):
    model = CampaignRegistration
    icon = "list-ul"
    menu_label = _("Inscriptions aux campagnes")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "school_name",
        "commune",
        "campaign",
        "class_count",
        "contact_name",
        "created_at",
    ]
    list_filter = ["campaign"]
    search_fields = ["school_name", "commune", "contact_name"]
    list_export = ["campaign", *CampaignRegistration.SCHOOL_FIELDS, "created_at"]
    export_filename = "inscriptions-campagnes"
    form_fields = ["campaign", *CampaignRegistration.SCHOOL_FIELDS]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_campaign_registrations():
    return CampaignRegistrationViewSet("campaign_registrations")


class ScenarioFeedbackViewSet(ModelViewSet):
    """Moderation of teachers' retours d'expérience: publish or refuse each written one."""

    model = ScenarioFeedback
    icon = "comment"
    menu_label = _("Retours d'expérience")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["scenario", "score", "comment", "author_name", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["comment", "author_name"]
    ordering = ["status", "-updated_at"]
    # Moderators publish or refuse a retour; they never rewrite a teacher's words.
    form_fields = ["status"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_scenario_feedback():
    return ScenarioFeedbackViewSet("scenario_feedback")


@hooks.register("after_create_page")
def put_new_index_pages_under_the_editorial_workflow(request, page):
    if is_editorial_index_page(page):
        editorial_workflow_assign(page=page)


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


class DisciplineViewSet(SnippetViewSet):
    model = Discipline
    icon = "tag"
    menu_label = _("Disciplines")
    list_display = ["name", "slug"]
    ordering = ["sort_order", "name"]


register_snippet(DisciplineViewSet)
