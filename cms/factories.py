"""factory_boy factories for the cms app, shared by the tests and the demo content."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from cms.models import Audience, HomePage, Level, StandardPage, Theme


class UserFactory(DjangoModelFactory):
    """A user with a usable password ("password" unless given)."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = ""
    password = factory.django.Password("password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class TaxonomyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Terme {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class AudienceFactory(TaxonomyFactory):
    class Meta:
        model = Audience


class LevelFactory(TaxonomyFactory):
    class Meta:
        model = Level


class ThemeFactory(TaxonomyFactory):
    class Meta:
        model = Theme


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Repères"
    hero_title = "Des repères pour grandir avec les médias et en ligne"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    summary = factory.Faker("sentence", locale="fr_FR")

    class Meta:
        model = StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """An image whose file is generated in memory (no network, no fixture file)."""
