"""The demo content covers what the editorial templates need."""

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import SearchPromotion

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


def test_demo_promotes_the_press_week_for_its_name():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent: still one promotion
    promotion = SearchPromotion.objects.get(query__query_string="semaine de la presse")
    assert isinstance(promotion.page.specific, CampaignPage)
    assert "presse" in promotion.page.title.lower()


def test_demo_resources_and_scenarios_are_the_data_files():
    import json

    from media_literacy.demo import DEMO_CONTENT
    from media_literacy.scenarios.models import ScenarioPage

    call_command("load_demo", verbosity=0)
    for name, model in (("resources.json", ResourcePage), ("scenarios.json", ScenarioPage)):
        items = json.loads((DEMO_CONTENT / name).read_text(encoding="utf-8"))
        slugs = set(model.objects.live().values_list("slug", flat=True))
        assert {item["slug"] for item in items} <= slugs, name
    adaptation = ScenarioPage.objects.get(slug="vrai-ou-faux-en-images-cycle-4")
    assert adaptation.adapted_from.slug == "vrai-ou-faux-en-images"
    assert adaptation.adapted_from_author == "Mme Lefèvre"  # the CC BY-SA credit is kept
    assert [link.page.slug for link in adaptation.linked_pages.all()] == ["demeler-le-vrai-du-faux"]
