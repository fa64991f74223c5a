"""factory_boy factories for written activities, for the tests and the demo content."""

from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.activities.written.models import MarkScale, WrittenActivity, WrittenSubmission
from courses.choices import CompletionRule


class WrittenActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Production écrite {n}")
    completion_rule = CompletionRule.SUBMITTED
    instructions = (
        "<p>Racontez en quelques lignes comment vous vérifiez une information "
        "avant de la partager.</p>"
    )
    max_characters = 1000
    mark_scale = MarkScale.OUT_OF_20
    pass_mark = Decimal(10)

    class Meta:
        model = WrittenActivity


class WrittenSubmissionFactory(DjangoModelFactory):
    """A text handed in as a plain row; tests of the flow go through the services."""

    activity = factory.SubFactory(WrittenActivityFactory)
    pupil = factory.SubFactory("cms.factories.UserFactory")
    text = "Je regarde qui a publié l'information et je cherche une autre source."
    submitted_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = WrittenSubmission
