"""factory_boy factories for courses, shared by the tests and the demo content."""

import factory
import wagtail_factories

from courses.activities.lesson.models import LessonActivity
from courses.activities.quiz.models import QuizActivity
from courses.activities.resource_link.models import ResourceLinkActivity
from courses.choices import CompletionRule
from courses.structure.models import CourseIndexPage, CoursePage, CourseSectionPage


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


class LessonActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leçon {n}")
    completion_rule = CompletionRule.VIEWED
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Une leçon courte.</p>")])

    class Meta:
        model = LessonActivity


def quiz_questions():
    return [
        (
            "single_choice",
            {
                "prompt": "Que faire avant de partager une information ?",
                "choices": [
                    {"text": "Vérifier la source", "correct": True, "feedback": "Oui !"},
                    {
                        "text": "La partager vite",
                        "correct": False,
                        "feedback": "Non : vérifiez d'abord.",
                    },
                ],
                "explanation": "",
            },
        ),
        (
            "true_false",
            {
                "prompt": "Un mot de passe peut être partagé avec un ami.",
                "answer": False,
                "feedback_true": "",
                "feedback_false": "",
            },
        ),
    ]


class QuizActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Quiz {n}")
    completion_rule = CompletionRule.PASSED
    questions = factory.LazyFunction(quiz_questions)

    class Meta:
        model = QuizActivity


class ResourceLinkActivityFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressource {n}")

    class Meta:
        model = ResourceLinkActivity
