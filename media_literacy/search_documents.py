"""What campaigns, resources and scenarios contribute to the catalogue search.

Imported by ``MediaLiteracyConfig.ready`` (it imports models).
"""

from django.utils.translation import gettext_lazy as _

from cms.models import stream_text
from media_literacy.campaigns.models import CampaignPage
from media_literacy.resources.models import ResourcePage
from media_literacy.scenarios.models import ScenarioPage
from search.registry import register_page_type


def campaign_search_document(page: CampaignPage) -> dict:
    return {
        "summary": page.summary or page.strapline,
        "body": " ".join(filter(None, [page.strapline, stream_text(page.body)])),
        "popularity": page.registrations.count(),
        **page.taxonomy_search_fields(),
    }


def resource_search_document(page: ResourcePage) -> dict:
    fields = page.taxonomy_search_fields()
    fields["keywords"] = f"{page.get_resource_kind_display()} {fields['keywords']}"
    return {"summary": page.summary, "body": stream_text(page.body), **fields}


def scenario_search_document(page: ScenarioPage) -> dict:
    fields = page.taxonomy_search_fields()
    disciplines = " ".join(d.name for d in page.disciplines.all())
    competences = " ".join(c.name for c in page.competences.all())
    fields["keywords"] = " ".join(
        filter(None, [disciplines, competences, page.author_name, fields["keywords"]])
    )
    return {
        "summary": page.summary,
        "body": " ".join(
            filter(None, [page.objectives, page.prerequisites, stream_text(page.steps)])
        ),
        # Adaptations and ratings both say teachers found it worth using.
        "popularity": page.adaptations.live().count() + page.feedback.count(),
        **fields,
    }


def register_with_search() -> None:
    register_page_type(
        CampaignPage,
        kind="campaign",
        label=_("Campagne"),
        to_search_document=campaign_search_document,
    )
    register_page_type(
        ResourcePage,
        kind="resource",
        label=_("Ressource"),
        to_search_document=resource_search_document,
    )
    register_page_type(
        ScenarioPage,
        kind="scenario",
        label=_("Scénario pédagogique"),
        to_search_document=scenario_search_document,
    )
