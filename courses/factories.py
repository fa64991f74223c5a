"""factory_boy factories for courses, shared by the tests and the demo content.

The activity types' own factories live in their plugins' folders; they are gathered here
for the tests' convenience (this module sits above the plugins, like the demo).
"""

import factory
import wagtail_factories

from courses.activities.lesson.factories import LessonActivityFactory
from courses.activities.quiz.factories import QuizActivityFactory, quiz_questions
from courses.activities.resource_link.factories import ResourceLinkActivityFactory
from courses.activities.written.factories import WrittenActivityFactory
from courses.structure.models import CourseIndexPage, CoursePage, CourseSectionPage

__all__ = [
    "CourseIndexPageFactory",
    "CoursePageFactory",
    "CourseSectionPageFactory",
    "LessonActivityFactory",
    "QuizActivityFactory",
    "ResourceLinkActivityFactory",
    "WrittenActivityFactory",
    "quiz_questions",
]


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Parcours"
    slug = "parcours"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Parcours {n}")
    summary = "Un parcours pour apprendre à se protéger en ligne."

    class Meta:
        model = CoursePage


class CourseSectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = CourseSectionPage
