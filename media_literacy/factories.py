"""factory_boy factories for editorial content, shared by the tests and the demo content."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage
from media_literacy.local_actors.models import LocalActor, LocalActorIndexPage, LocalService
from media_literacy.resources.models import ResourceIndexPage, ResourceKind, ResourcePage


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


class LocalServiceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = LocalService
        django_get_or_create = ("slug",)


class LocalActorFactory(DjangoModelFactory):
    """A local actor; pass ``services=[...]`` and ``audiences=[...]`` to link them."""

    name = factory.Sequence(lambda n: f"Médiathèque {n}")
    kind = LocalActor.Kind.MEDIATHEQUE
    address = "1 place de la Mairie"
    postcode = "75011"
    commune = "Paris"
    slug = factory.LazyAttribute(
        lambda obj: LocalActor.slug_for(name=obj.name, commune=obj.commune)
    )

    class Meta:
        model = LocalActor
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)


class LocalActorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Acteurs près de chez vous"
    slug = "acteurs-locaux"

    class Meta:
        model = LocalActorIndexPage
