"""Teachers may assign a campaign: its linked courses, as they stand when assigned.

Imported by ``MediaLiteracyConfig.ready`` (``courses.api`` needs the models loaded).
"""

from courses.api import AssignableTarget, register_assignable
from media_literacy.campaigns.models import CampaignPage


def campaign_target(campaign: CampaignPage) -> AssignableTarget:
    links = campaign.related_courses.select_related("page")
    return AssignableTarget(
        courses=[link.page.specific for link in links if link.page and link.page.live]
    )


def register_assignables() -> None:
    register_assignable(CampaignPage, campaign_target)
