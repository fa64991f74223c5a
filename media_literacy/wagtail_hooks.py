"""Admin for editorial content: schools' registrations (with CSV/XLSX export)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from media_literacy.models import CampaignIndexPage, CampaignRegistration, ResourceIndexPage
from media_literacy.services import editorial_workflow_assign


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
    list_export = [
        "campaign",
        "school_name",
        "school_uai",
        "commune",
        "contact_name",
        "contact_email",
        "class_count",
        "message",
        "created_at",
    ]
    export_filename = "inscriptions-campagnes"
    form_fields = [
        "campaign",
        "school_name",
        "school_uai",
        "commune",
        "contact_name",
        "contact_email",
        "class_count",
        "message",
    ]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_campaign_registrations():
    return CampaignRegistrationViewSet("campaign_registrations")


@hooks.register("after_create_page")
def put_new_index_pages_under_the_editorial_workflow(request, page):
    if isinstance(page.specific, CampaignIndexPage | ResourceIndexPage):
        editorial_workflow_assign(page=page)
