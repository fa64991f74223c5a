"""What the resource pages need beyond their fields (reached through ``page_views``)."""

from django.http import HttpRequest

from media_literacy.listing import filtered_listing_context
from media_literacy.resources.forms import ResourceFilterForm
from media_literacy.resources.models import ResourceIndexPage
from media_literacy.resources.selectors import resources_for_listing


def listing_context(request: HttpRequest, index: ResourceIndexPage) -> dict:
    """The resources listing: its filters and the requested page of resources."""
    return filtered_listing_context(
        request,
        form_class=ResourceFilterForm,
        items=lambda filters: resources_for_listing(index=index, **filters),
        per_page=index.page_size,
    )
