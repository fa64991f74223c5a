"""The demo content covers what the editorial templates need."""

import pytest
from django.core.management import call_command

from cms.models import Audience
from media_literacy.models import CampaignPage, CampaignStatus, ResourcePage

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_demo_has_current_upcoming_and_past_campaigns_and_resources_for_every_audience():
    call_command("load_demo", verbosity=0)
    statuses = sorted(page.status for page in CampaignPage.objects.live())
    assert statuses == sorted(
        [CampaignStatus.CURRENT, CampaignStatus.UPCOMING, CampaignStatus.ENDED]
    )
    assert ResourcePage.objects.live().count() >= 15
    for audience in Audience.objects.all():
        assert ResourcePage.objects.live().filter(audiences=audience).exists(), audience.slug


def test_demo_pages_render(client):
    call_command("load_demo", verbosity=0)
    for page in (*CampaignPage.objects.live(), *ResourcePage.objects.live()[:3]):
        assert client.get(page.url).status_code == 200, page.url
    for url in ("/campagnes/", "/ressources/", "/flux/rss/", "/flux/atom/"):
        assert client.get(url).status_code == 200, url
