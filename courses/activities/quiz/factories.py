"""factory_boy factory for quizzes (two questions by default), for the tests and the demo."""

import factory
import wagtail_factories

from courses.activities.quiz.models import QuizActivity
from courses.choices import CompletionRule


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
