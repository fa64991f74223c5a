"""factory_boy factory for lessons, for the tests and the demo content."""

import factory
import wagtail_factories

from courses.activities.lesson.models import LessonActivity
from courses.choices import CompletionRule


class LessonActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leçon {n}")
    completion_rule = CompletionRule.VIEWED
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Une leçon courte.</p>")])

    class Meta:
        model = LessonActivity
