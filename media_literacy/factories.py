"""factory_boy factories for editorial content, shared by the tests and the demo content."""

import datetime

import factory
import wagtail_factories

from media_literacy.models import (
    CampaignIndexPage,
    CampaignPage,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
)


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campagnes"
    slug = "campagnes"
    summary = "Les grandes opérations nationales d'éducation aux médias et à la sécurité en ligne."

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campagne {n}")
    strapline = factory.Faker("sentence", locale="fr_FR")
    summary = factory.Faker("sentence", locale="fr_FR")
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))

    class Meta:
        model = CampaignPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ressources"
    slug = "ressources"
    summary = "Fiches pratiques, guides, vidéos et affiches pour chaque public."

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressource {n}")
    summary = factory.Faker("sentence", locale="fr_FR")
    resource_kind = ResourceKind.FACT_SHEET

    class Meta:
        model = ResourcePage
