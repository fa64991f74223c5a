"""What the local actors page needs beyond its fields (reached through ``page_views``)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from media_literacy.listing import paginate
from media_literacy.local_actors.forms import LocalActorFilterForm
from media_literacy.local_actors.models import LocalActorIndexPage
from media_literacy.local_actors.selectors import (
    local_actor_departement_choices,
    local_actors_filter,
    local_service_choices,
)

LOCAL_ACTORS_PER_PAGE = 20


def listing_context(request: HttpRequest, page: LocalActorIndexPage) -> dict:
    """The filters, the requested page of actors and the map's markers and settings."""
    form = LocalActorFilterForm(
        request.GET,
        departements=local_actor_departement_choices(),
        services=local_service_choices(),
    )
    form.is_valid()  # invalid values are reported and ignored, never fatal
    departement = form.cleaned_data.get("departement") or None
    service = form.cleaned_data.get("service") or None
    actors = local_actors_filter(departement=departement, service=service)
    page_obj = paginate(actors, request=request, per_page=LOCAL_ACTORS_PER_PAGE)
    return {
        "filter_form": form,
        "is_filtered": bool(departement or service),
        "page_obj": page_obj,
        "actors": page_obj.object_list,
        "map_markers": [actor.map_marker() for actor in page_obj if actor.has_coordinates],
        "map_config": {
            "tilesUrl": settings.REPERES_MAP_TILES_URL,
            "attribution": settings.REPERES_MAP_TILES_ATTRIBUTION,
            "labels": {
                "zoomIn": _("Zoom avant"),
                "zoomOut": _("Zoom arrière"),
                "closePopup": _("Fermer"),
                "noTiles": _(
                    "Fond de carte indisponible : les repères sont placés selon leurs coordonnées."
                ),
            },
        },
    }
