"""Teachers may assign a campaign: its linked courses, as they stand when assigned."""


def campaign_target(campaign):
    from courses.classes.services import AssignableTarget

    links = campaign.related_courses.select_related("page")
    return AssignableTarget(
        courses=[link.page.specific for link in links if link.page and link.page.live]
    )


def register_assignables() -> None:
    from courses.classes.services import register_assignable
    from media_literacy.models import CampaignPage

    register_assignable(CampaignPage, campaign_target)
