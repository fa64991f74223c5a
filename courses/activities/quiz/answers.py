"""A quiz attempt's answers in words, one row per question, for reports.

An attempt stores what the form posted (see ``courses.activities.quiz.grading``):
choice indices, "true"/"false", the text typed. They are read against the quiz as it is
now: questions added since the attempt are left out, questions removed since are listed
last under « Question supprimée ». Rows written by other code paths are tolerated too:
a bare value instead of the ``{"response": …, "correct": …}`` detail, integer indices,
booleans for true/false.
"""

from django.utils.translation import gettext as _

from courses.activities.quiz.models import QuizActivity
from courses.activity_types import AnswerRow

CHOICE_KINDS = {"single_choice", "multiple_choice"}


def quiz_answer_rows(*, activity: QuizActivity, attempt) -> list[AnswerRow]:
    """The rows of one attempt at ``activity`` (the ``answer_rows`` hook)."""
    responses = attempt.responses if isinstance(attempt.responses, dict) else {}
    if not responses:
        return []
    rows = []
    for question in activity.questions:
        if question.id not in responses:
            continue  # added after this attempt
        response, correct = _detail(responses[question.id])
        rows.append(
            AnswerRow(
                question_id=question.id,
                question=question.value["prompt"],
                answer=answer_in_words(question.block_type, question.value, response),
                correct=correct,
            )
        )
    current = {question.id for question in activity.questions}
    for question_id, detail in responses.items():
        if question_id not in current:
            response, correct = _detail(detail)
            rows.append(
                AnswerRow(
                    question_id=question_id,
                    question=_("Question supprimée"),
                    answer=_raw_in_words(response),
                    correct=correct,
                )
            )
    return rows


def answer_in_words(kind: str, value, response) -> str:
    """What the learner answered to one question (``kind`` its block type)."""
    if kind in CHOICE_KINDS:
        return _choices_in_words(value["choices"], response)
    if kind == "true_false":
        return _true_false_in_words(response)
    return _raw_in_words(response)


def _detail(detail) -> tuple[object, bool | None]:
    if isinstance(detail, dict):
        correct = detail.get("correct")
        return detail.get("response"), correct if isinstance(correct, bool) else None
    return detail, None


def _choices_in_words(choices, response) -> str:
    given = response if isinstance(response, list | tuple) else [response]
    indices = []
    for item in given:
        if isinstance(item, bool) or item is None or str(item).strip() == "":
            continue
        text = str(item).strip()
        indices.append(int(text) if text.isdigit() else text)
    if not indices:
        return _("Sans réponse")
    words = []
    for index in sorted(indices, key=lambda i: (isinstance(i, str), i)):
        if isinstance(index, int) and index < len(choices):
            words.append(choices[index]["text"])
        else:  # a choice removed since, or a value the form never sends
            words.append(_("réponse n° %(number)s (supprimée)") % {"number": index})
    return ", ".join(words)


def _true_false_in_words(response) -> str:
    if response is True or response == "true":
        return _("Vrai")
    if response is False or response == "false":
        return _("Faux")
    return _raw_in_words(response)


def _raw_in_words(response) -> str:
    if isinstance(response, list | tuple):
        text = ", ".join(str(item).strip() for item in response if str(item).strip())
    else:
        text = "" if response is None else str(response).strip()
    return text or _("Sans réponse")
