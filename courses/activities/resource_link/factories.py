"""factory_boy factory for resource links, for the tests and the demo content."""

import factory
import wagtail_factories

from courses.activities.resource_link.models import ResourceLinkActivity


class ResourceLinkActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressource {n}")

    class Meta:
        model = ResourceLinkActivity
