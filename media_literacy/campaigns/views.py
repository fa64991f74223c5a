"""The campaign pages' views and listing (reached through the pages' ``page_views``)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from media_literacy.campaigns.forms import CampaignFilterForm, CampaignRegistrationForm
from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage
from media_literacy.campaigns.selectors import campaigns_for_listing
from media_literacy.campaigns.services import campaign_registration_create
from media_literacy.listing import filtered_listing_context


def listing_context(request: HttpRequest, index: CampaignIndexPage) -> dict:
    """The campaigns listing: its filters and the requested page of campaigns."""
    return filtered_listing_context(
        request,
        form_class=CampaignFilterForm,
        items=lambda filters: campaigns_for_listing(
            index=index, audience=filters.get("audience"), theme=filters.get("theme")
        ),
        per_page=index.page_size,
    )


def campaign(request: HttpRequest, page: CampaignPage) -> HttpResponse:
    """The campaign, with the schools' registration form while registrations are open."""
    form = CampaignRegistrationForm() if page.accepts_registrations else None
    return page.render(request, context_overrides={"registration_form": form})


def campaign_registration(request: HttpRequest, page: CampaignPage) -> HttpResponse:
    """The schools' registration form (POST), re-rendered with its errors when invalid."""
    if not page.accepts_registrations:
        return page.render(request, context_overrides={"registration_closed": True})
    if request.method != "POST":
        return redirect(page.url + "#inscription")
    form = CampaignRegistrationForm(request.POST)
    if not form.is_valid():
        return page.render(request, context_overrides={"registration_form": form})
    try:
        campaign_registration_create(campaign=page, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return page.render(request, context_overrides={"registration_form": form})
    return redirect(page.url + "?inscription=merci#inscription")
