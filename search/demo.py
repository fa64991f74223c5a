"""Demo: the catalogue is indexed once the demo pages exist; one promotion as an example."""

from collections.abc import Callable

from search.backends import get_database_backend, get_search_backend, uses_separate_engine
from search.services import search_index_ensure

Logger = Callable[[str], None]


def load_search_demo(*, log: Logger) -> None:
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from media_literacy.models import CampaignPage

    campaign = CampaignPage.objects.live().filter(title__icontains="presse").first()
    if campaign is not None:
        query = Query.objects.filter(query_string="semaine de la presse").first()
        if query is None:
            query = Query.objects.create(query_string="semaine de la presse")
        if not SearchPromotion.objects.filter(query=query, page=campaign).exists():
            SearchPromotion.objects.create(
                query=query,
                page=campaign,
                sort_order=0,
                description=campaign.summary,
            )
    engines = [get_database_backend()]
    if uses_separate_engine():
        engines.append(get_search_backend())
    rebuilt = search_index_ensure(backends=engines)
    names = ", ".join(rebuilt) if rebuilt else "already up to date"
    log(f"search: catalogue index {names}.")
