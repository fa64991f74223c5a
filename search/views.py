"""The public search page: works without JavaScript; autocomplete is an enhancement."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from search import services
from search.forms import parse_search_parameters

FACET_TITLES = {
    "kind": _("Type de contenu"),
    "audience": _("Public"),
    "level": _("Niveau"),
    "theme": _("Thème"),
}


@require_GET
def search_page(request):
    labels = services.facet_labels()
    params = parse_search_parameters(request.GET, known_values=labels, strict=False)
    query = params.query(viewer=services.viewer_for(request.user))
    searched = bool(params.text or params.filters)
    catalogue = services.search_catalogue(query=query, record=searched)
    results = catalogue.results
    if results.count and params.page > results.page_count:
        # A page beyond the end (an old link, a hand-edited URL): show the last one.
        catalogue = services.search_catalogue(
            query=replace(query, page=results.page_count), record=False
        )
        results = catalogue.results
    paginator = Paginator(range(results.count), params.page_size)
    items = paginator.page(min(results.page, paginator.num_pages))
    context = {
        "query_text": params.text,
        "truncated": params.truncated,
        "searched": searched,
        "catalogue": catalogue,
        "results": results,
        "hits": [_hit_context(hit, labels) for hit in results.hits],
        "promoted": [_hit_context(hit, labels) for hit in catalogue.promoted],
        "facets": [
            {**facet, "title": FACET_TITLES[facet["name"]]}
            for facet in services.labelled_facets(results, labels, params.filters)
        ],
        "active_filters": _active_filters(params, labels),
        "selected_count": sum(len(v) for v in params.filters.values()),
        "items": items,
        "page_range": list(
            paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1)
        ),
        "kind_labels": labels["kind"],
    }
    return render(request, "search/search_page.html", context)


def _hit_context(hit, labels) -> dict:
    return {
        "hit": hit,
        "kind_label": labels["kind"].get(hit.kind, hit.kind),
        "audience_labels": [labels["audience"].get(slug, slug) for slug in hit.audience],
    }


def _active_filters(params, labels) -> list[dict]:
    """Each selected value with the URL that removes it (and keeps everything else)."""
    active = []
    for facet, values in params.filters.items():
        for value in values:
            remaining = [
                (name, v)
                for name, selected in params.filters.items()
                for v in selected
                if (name, v) != (facet, value)
            ]
            query = [("q", params.text)] if params.text else []
            active.append(
                {
                    "label": labels[facet].get(value, value),
                    "facet_title": FACET_TITLES[facet],
                    "url": "?" + urlencode(query + remaining),
                }
            )
    return active
