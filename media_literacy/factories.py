"""factory_boy factories for the media_literacy app, shared by the tests and the demo content."""

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from media_literacy.models import LocalActor, LocalActorIndexPage, LocalService


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
