"""Native quiz: single and multiple choice, true/false and short answer questions."""

import random

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.structure.models import Activity

__all__ = ["QuizActivity"]


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
    page_views = "courses.activities.quiz.views"

    class Meta:
        app_label = "courses"  # the plugin keeps the tables and migrations it always had
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")

    @path("tentative/", name="attempt_submit")
    def attempt_submit(self, request):
        return self.page_view("quiz_submit")(request, quiz=self)

    @path("tentative/<int:number>/", name="attempt_review")
    def attempt_review(self, request, number):
        return self.page_view("quiz_review")(request, quiz=self, number=number)

    def questions_for(self, *, seed: int) -> list:
        """The questions in display order: shuffled with a per-learner seed when asked."""
        questions = list(self.questions)
        if self.shuffle:
            random.Random(seed).shuffle(questions)  # noqa: S311 - display order, not security
        return questions
