"""Campaigns: status by date in Europe/Paris, listing order and filters, registrations."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.factories import AudienceFactory, ThemeFactory, UserFactory
from media_literacy.campaigns.selectors import campaigns_for_listing
from media_literacy.factories import CampaignPageFactory
from media_literacy.models import CampaignRegistration, CampaignStatus, campaign_status

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(iso: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(iso).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "moment", "expected"),
    [
        # Winter time (UTC+1): the last day ends at 23:00 UTC.
        ("2026-03-16", "2026-03-22", "2026-03-22T22:59:59", CampaignStatus.CURRENT),
        ("2026-03-16", "2026-03-22", "2026-03-22T23:00:00", CampaignStatus.ENDED),
        # Summer time (UTC+2): the last day ends at 22:00 UTC.
        ("2026-07-01", "2026-07-10", "2026-07-10T21:59:59", CampaignStatus.CURRENT),
        ("2026-07-01", "2026-07-10", "2026-07-10T22:00:00", CampaignStatus.ENDED),
        # Starting on the night clocks go back (25 October 2026): Paris midnight is 22:00 UTC.
        ("2026-10-25", "2026-10-31", "2026-10-24T21:59:59", CampaignStatus.UPCOMING),
        ("2026-10-25", "2026-10-31", "2026-10-24T22:00:00", CampaignStatus.CURRENT),
        # One-day campaign.
        ("2026-02-10", "2026-02-10", "2026-02-10T12:00:00", CampaignStatus.CURRENT),
        # Open-ended periods.
        (None, "2026-02-10", "2020-01-01T00:00:00", CampaignStatus.CURRENT),
        ("2026-02-10", None, "2030-01-01T00:00:00", CampaignStatus.CURRENT),
        (None, None, "2030-01-01T00:00:00", CampaignStatus.CURRENT),
    ],
)
def test_campaign_status_follows_paris_calendar_days(start, end, moment, expected):
    start = datetime.date.fromisoformat(start) if start else None
    end = datetime.date.fromisoformat(end) if end else None
    assert campaign_status(start=start, end=end, at=at(moment)) == expected


def test_campaign_end_cannot_precede_start(campaign_index):
    page = CampaignPageFactory.build(
        start_date=datetime.date(2026, 5, 2), end_date=datetime.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        campaign_index.add_child(instance=page)
    assert "end_date" in error.value.message_dict


def test_hero_image_requires_alt_text(campaign_index):
    from cms.factories import ImageFactory

    page = CampaignPageFactory.build(hero_image=ImageFactory(), hero_image_alt=" ")
    with pytest.raises(ValidationError) as error:
        campaign_index.add_child(instance=page)
    assert "hero_image_alt" in error.value.message_dict


def make_campaign(index, title, start_offset, end_offset, **kwargs):
    today = timezone.localdate()
    return CampaignPageFactory(
        parent=index,
        title=title,
        start_date=today + datetime.timedelta(days=start_offset),
        end_date=today + datetime.timedelta(days=end_offset),
        **kwargs,
    )


def test_listing_shows_current_then_upcoming_then_past(campaign_index):
    make_campaign(campaign_index, "Passée récente", -20, -5)
    make_campaign(campaign_index, "À venir lointaine", 40, 50)
    make_campaign(campaign_index, "En cours longue", -10, 30)
    make_campaign(campaign_index, "Passée ancienne", -100, -90)
    make_campaign(campaign_index, "À venir proche", 3, 8)
    make_campaign(campaign_index, "En cours courte", -1, 2)
    unpublished = make_campaign(campaign_index, "Brouillon", -1, 2)
    unpublished.unpublish()

    titles = [
        c.title for c in campaigns_for_listing(index=campaign_index, today=timezone.localdate())
    ]
    assert titles == [
        "En cours courte",
        "En cours longue",
        "À venir proche",
        "À venir lointaine",
        "Passée récente",
        "Passée ancienne",
    ]


def test_listing_filters_by_audience_and_theme(client, campaign_index):
    parents = AudienceFactory(slug="parents")
    pupils = AudienceFactory(slug="eleves")
    harassment = ThemeFactory(slug="cyberharcelement", name="Cyberharcèlement")
    for_parents = make_campaign(campaign_index, "Pour les parents", -1, 5)
    for_parents.audiences.set([parents])
    for_parents.themes.set([harassment])
    for_parents.save_revision().publish()
    for_pupils = make_campaign(campaign_index, "Pour les élèves", -1, 5)
    for_pupils.audiences.set([pupils])
    for_pupils.save_revision().publish()

    html = client.get(campaign_index.url, {"audience": "parents"}).content.decode()
    assert "Pour les parents" in html and "Pour les élèves" not in html
    html = client.get(
        campaign_index.url, {"audience": "eleves", "theme": "cyberharcelement"}
    ).content.decode()
    assert "Aucune campagne ne correspond à ces filtres." in html


def test_listing_ignores_unknown_filter_values_with_a_message(client, campaign_index):
    make_campaign(campaign_index, "Visible", -1, 5)
    response = client.get(campaign_index.url, {"audience": "martiens", "page": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce filtre n&#x27;existe pas : il a été ignoré." in html
    assert "Visible" in html


def test_listing_is_paginated(client, campaign_index):
    for number in range(14):
        make_campaign(campaign_index, f"Campagne {number:02d}", -1, number + 1)
    first = client.get(campaign_index.url).content.decode()
    assert first.count('class="card__title"') == 12
    assert 'rel="next"' in first
    last = client.get(
        campaign_index.url, {"page": "99"}
    ).content.decode()  # clamped to the last page
    assert last.count('class="card__title"') == 2


REGISTRATION = {
    "school_name": "École Jules-Ferry",
    "school_uai": "0751234a",
    "commune": "Paris",
    "contact_name": "Mme Durand",
    "contact_email": "direction@ecole.invalid",
    "class_count": "3",
    "message": "",
}


def registration_url(campaign) -> str:
    return campaign.url + "inscription/"


def test_school_registers_to_an_open_campaign(client, campaign_index):
    campaign = make_campaign(campaign_index, "Ouverte", -1, 5, registration_open=True)
    response = client.post(registration_url(campaign), REGISTRATION)
    assert response.status_code == 302
    assert response["Location"].endswith("?inscription=merci#inscription")
    registration = CampaignRegistration.objects.get()
    assert (registration.school_uai, registration.class_count) == ("0751234A", 3)
    assert (
        "inscription de votre établissement est enregistrée"
        in client.get(response["Location"]).content.decode()
    )


def test_registration_errors_are_shown_and_nothing_is_saved(client, campaign_index):
    campaign = make_campaign(campaign_index, "Ouverte", -1, 5, registration_open=True)
    response = client.post(
        registration_url(campaign), {**REGISTRATION, "school_uai": "12", "class_count": "0"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le code UAI compte 7 chiffres suivis d&#x27;une lettre" in html
    assert 'aria-invalid="true"' in html
    assert CampaignRegistration.objects.count() == 0


def test_a_school_registers_only_once(client, campaign_index):
    campaign = make_campaign(campaign_index, "Ouverte", -1, 5, registration_open=True)
    client.post(registration_url(campaign), REGISTRATION)
    response = client.post(
        registration_url(campaign), {**REGISTRATION, "school_name": "école jules-ferry"}
    )
    assert response.status_code == 200
    assert "Cet établissement est déjà inscrit à cette campagne." in response.content.decode()
    assert CampaignRegistration.objects.count() == 1


def test_no_registration_once_the_campaign_is_over(client, campaign_index):
    campaign = CampaignPageFactory(
        parent=campaign_index,
        registration_open=True,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 1, 2),
    )
    response = client.post(registration_url(campaign), REGISTRATION)
    assert response.status_code == 200
    assert "Les inscriptions à cette campagne sont closes." in response.content.decode()
    assert CampaignRegistration.objects.count() == 0


def test_editors_export_registrations_as_csv(client, campaign_index):
    from django.contrib.auth.models import Group

    campaign = make_campaign(campaign_index, "Ouverte", -1, 5, registration_open=True)
    client.post(registration_url(campaign), REGISTRATION)
    editor = UserFactory(username="editrice", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get("/admin/campaign_registrations/", {"export": "csv"})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "École Jules-Ferry" in content and "direction@ecole.invalid" in content


@pytest.mark.parametrize("username", [None, "eleve"])
def test_registrations_are_not_visible_to_others(client, campaign_index, username):
    if username:
        client.force_login(UserFactory(username=username))
    response = client.get("/admin/campaign_registrations/", {"export": "csv"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_feeds_list_published_campaigns_and_resources(client, campaign_index):
    make_campaign(campaign_index, "Campagne publiée", -1, 5)
    make_campaign(campaign_index, "Campagne retirée", -1, 5).unpublish()
    for url in ("/flux/rss/", "/flux/atom/"):
        xml = client.get(url).content.decode()
        assert "Campagne publiée" in xml
        assert "Campagne retirée" not in xml


def test_campaign_page_has_open_graph_tags(client, campaign_index):
    from cms.factories import ImageFactory

    campaign = make_campaign(
        campaign_index, "Partagée", -1, 5, hero_image=ImageFactory(), hero_image_alt="Une affiche"
    )
    html = client.get(campaign.url).content.decode()
    assert '<meta property="og:title" content="Partagée">' in html
    assert re.search(r'<meta property="og:image" content="http://[^"]+fill-1200x630', html)
    assert f'<link rel="canonical" href="{campaign.full_url}">' in html
