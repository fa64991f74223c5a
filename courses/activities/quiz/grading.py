"""Quiz grading: a submission's answers scored question by question.

What ``grade_quiz`` returns per question is what an attempt stores in ``responses``:
``{question id: {"response": …, "correct": bool, "feedback": [str]}}``, where
``response`` is what the form posted — a choice index as a string ("0"), a list of
them for multiple choice, "true"/"false", or the text typed (``None`` or ``""`` when
the question was left blank). ``courses.activities.quiz.answers`` reads it back.
"""

import unicodedata
from decimal import Decimal

from courses.activities.quiz.models import QuizActivity

__all__ = ["grade_quiz", "normalise"]


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
            ok, feedback = _grade_choice(question.block_type, value, given)
        elif question.block_type == "true_false":
            ok, feedback = _grade_true_false(value, given)
        else:
            ok, feedback = _grade_short_answer(value, given)
        raw += 1 if ok else 0
        detail[question.id] = {
            "response": given,
            "correct": ok,
            "feedback": [f for f in feedback if f],
        }
    return raw, Decimal(len(quiz.questions)), detail


def _grade_choice(kind: str, value, given) -> tuple[bool, list[str]]:
    correct = {str(i) for i, choice in enumerate(value["choices"]) if choice["correct"]}
    chosen = {str(given)} if isinstance(given, str | int) else {str(g) for g in given or []}
    ok = chosen == correct if kind == "multiple_choice" else chosen <= correct and len(chosen) == 1
    feedback = [
        value["choices"][int(i)]["feedback"]
        for i in sorted(chosen)
        if i.isdigit() and int(i) < len(value["choices"])
    ]
    return ok, feedback


def _grade_true_false(value, given) -> tuple[bool, list[str]]:
    ok = given in {"true", "false"} and (given == "true") == bool(value["answer"])
    if not given:
        return ok, []
    return ok, [value["feedback_true"] if given == "true" else value["feedback_false"]]


def _grade_short_answer(value, given) -> tuple[bool, list[str]]:
    ok = isinstance(given, str) and normalise(given) in {normalise(a) for a in value["accepted"]}
    return ok, [value["feedback"]]
