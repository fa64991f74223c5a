"""Thin JSON endpoints over the catalogue search (read-only, anonymous-friendly)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import services
from search.forms import MAX_QUERY_LENGTH, SearchParameterError, parse_search_parameters


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def search_api(request):
    labels = services.facet_labels()
    try:
        params = parse_search_parameters(request.GET, known_values=labels, strict=True)
    except SearchParameterError as error:
        return _error(str(error))
    catalogue = services.search_catalogue(
        query=params.query(viewer=services.viewer_for(request.user)),
        record=bool(params.text),
    )
    results = catalogue.results
    if params.page > results.page_count:
        return _error(
            _("La page %(page)d n'existe pas : il y a %(count)d page(s) de résultats.")
            % {"page": params.page, "count": results.page_count}
        )

    def hit_json(hit, promoted=False) -> dict:
        return {
            "kind": hit.kind,
            "kind_label": labels["kind"].get(hit.kind, hit.kind),
            "title": hit.title,
            "url": request.build_absolute_uri(hit.url),
            "summary": hit.summary,
            "highlight": hit.highlight,
            "audience": [
                {"value": slug, "label": labels["audience"].get(slug, slug)}
                for slug in hit.audience
            ],
            "promoted": promoted,
        }

    facets = services.labelled_facets(results, labels, params.filters)
    return JsonResponse(
        {
            "count": results.count,
            "page": results.page,
            "page_size": results.page_size,
            "page_count": results.page_count,
            "query": params.text,
            "query_truncated": params.truncated,
            "results": [hit_json(hit, True) for hit in catalogue.promoted]
            + [hit_json(hit) for hit in results.hits],
            "facets": {
                facet["name"]: [
                    {"value": v["value"], "label": v["label"], "count": v["count"]}
                    for v in facet["values"]
                ]
                for facet in facets
            },
            "suggestion": results.suggestion or None,
            "engine": results.engine,
            "degraded": catalogue.degraded,
            "capabilities": services.capabilities_of(results.engine),
        }
    )


@require_GET
def autocomplete_api(request):
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if len(text) < 2:
        return JsonResponse({"query": text, "results": []})
    suggestions = services.search_suggest(text=text, viewer=services.viewer_for(request.user))
    return JsonResponse(
        {
            "query": text,
            "results": [
                {"title": s.title, "url": request.build_absolute_uri(s.url), "kind": s.kind}
                for s in suggestions
            ],
        }
    )
