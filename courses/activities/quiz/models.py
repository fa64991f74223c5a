"""Native quiz: single and multiple choice, true/false and short answer questions."""

import random
import unicodedata
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.structure.models import Activity

__all__ = ["QuizActivity", "grade_quiz"]


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Réponse"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Bonne réponse"), required=False)
    feedback = blocks.CharBlock(
        label=_("Retour affiché après la réponse"), required=False, max_length=500
    )


class ChoiceQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Réponses"), min_num=2)
    explanation = blocks.TextBlock(label=_("Explication"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": blocks.ListBlockValidationError(
                        non_block_errors=[_("Cochez au moins une bonne réponse.")]
                    )
                }
            )
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Choix unique")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "tasks"
        label = _("Choix multiples")


class TrueFalseBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Affirmation"))
    answer = blocks.BooleanBlock(label=_("L'affirmation est vraie"), required=False)
    feedback_true = blocks.CharBlock(label=_("Retour si l'élève répond « vrai »"), required=False)
    feedback_false = blocks.CharBlock(label=_("Retour si l'élève répond « faux »"), required=False)

    class Meta:
        icon = "success"
        label = _("Vrai ou faux")


class ShortAnswerBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"))
    accepted = blocks.ListBlock(
        blocks.CharBlock(label=_("Réponse acceptée")), label=_("Réponses acceptées"), min_num=1
    )
    feedback = blocks.CharBlock(label=_("Retour"), required=False)

    class Meta:
        icon = "edit"
        label = _("Réponse courte")


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_answer = ShortAnswerBlock()


class QuizActivity(Activity):
    intro = models.TextField(_("consigne"), blank=True)
    shuffle = models.BooleanField(_("mélanger les questions"), default=False)
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("shuffle"),
        FieldPanel("questions"),
    ]
    template = "courses/quiz_activity.html"

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")

    @path("tentative/", name="attempt_submit")
    def attempt_submit(self, request):
        from courses.activities.quiz.views import quiz_submit

        return quiz_submit(request, quiz=self)

    @path("tentative/<int:number>/", name="attempt_review")
    def attempt_review(self, request, number):
        from courses.activities.quiz.views import quiz_review

        return quiz_review(request, quiz=self, number=number)

    def questions_for(self, *, seed: int) -> list:
        """The questions in display order: shuffled with a per-learner seed when asked."""
        questions = list(self.questions)
        if self.shuffle:
            random.Random(seed).shuffle(questions)  # noqa: S311 - display order, not security
        return questions


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: « Désinformation » == "desinformation"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def grade_quiz(quiz: QuizActivity, answers: dict[str, object]) -> tuple[Decimal, Decimal, dict]:
    """Score ``answers`` (question id → choice index(es), "true"/"false" or text).

    Returns (raw score, max score, per-question detail). Each question is worth one
    point; multiple choice earns it only with exactly the right set of answers.
    """
    raw, detail = Decimal(0), {}
    for question in quiz.questions:
        given = answers.get(question.id)
        value = question.value
        if question.block_type in {"single_choice", "multiple_choice"}:
            correct = {str(i) for i, choice in enumerate(value["choices"]) if choice["correct"]}
            chosen = {str(given)} if isinstance(given, str | int) else {str(g) for g in given or []}
            ok = (
                chosen == correct
                if question.block_type == "multiple_choice"
                else chosen <= correct and len(chosen) == 1
            )
            feedback = [
                value["choices"][int(i)]["feedback"]
                for i in sorted(chosen)
                if i.isdigit() and int(i) < len(value["choices"])
            ]
        elif question.block_type == "true_false":
            ok = given in {"true", "false"} and (given == "true") == bool(value["answer"])
            feedback = (
                [value["feedback_true"] if given == "true" else value["feedback_false"]]
                if given
                else []
            )
        else:
            ok = isinstance(given, str) and normalise(given) in {
                normalise(a) for a in value["accepted"]
            }
            feedback = [value["feedback"]]
        raw += 1 if ok else 0
        detail[question.id] = {
            "response": given,
            "correct": ok,
            "feedback": [f for f in feedback if f],
        }
    return raw, Decimal(len(quiz.questions)), detail
