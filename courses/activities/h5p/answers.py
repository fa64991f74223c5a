"""An H5P attempt's answers in words, one row per question, from its xAPI statements.

One player load is one attempt: the bridge gives every statement of the load the same
``context.registration``, and the attempt keeps it. The questions of the attempt are the
statements of that registration that answer an interaction: the main object's own (a
single H5P.MultiChoice) and its sub-contents' (the questions of a Question Set, an
Interactive Video, a Course Presentation: ``is_main_object=False``, with the main object
as context parent). A question answered twice in one load counts with its last answer.
An attempt without a registration (a tool posting its own statements) has the rows of
its scoring statement only.
"""

from collections import defaultdict

from django.utils.translation import get_language

from courses.activities.h5p.interactions import statement_answer
from courses.activity_types import AnswerRow
from courses.xapi.models import XapiStatement


def h5p_answer_rows_many(*, activity, attempts) -> dict[int, list[AnswerRow]]:
    """The rows of each attempt at ``activity``, by attempt pk, in two queries at most."""
    attempts = list(attempts)
    language = get_language() or "fr"
    registered = [attempt for attempt in attempts if attempt.registration]
    by_registration: dict[tuple[int, str], list[dict]] = defaultdict(list)
    if registered:
        statements = (
            XapiStatement.objects.filter(
                activity_id=activity.pk,
                user_id__in={attempt.user_id for attempt in registered},
                payload__context__registration__in=[
                    str(attempt.registration) for attempt in registered
                ],
                payload__result__has_key="response",
            )
            .order_by("timestamp", "pk")
            .values_list("user_id", "payload")
        )
        for user_id, payload in statements:
            registration = str(payload["context"]["registration"]).lower()
            by_registration[(user_id, registration)].append(payload)
    unregistered = {attempt.statement_id for attempt in attempts if not attempt.registration} - {
        None
    }
    own = (
        dict(XapiStatement.objects.filter(pk__in=unregistered).values_list("pk", "payload"))
        if unregistered
        else {}
    )
    rows = {}
    for attempt in attempts:
        if attempt.registration:
            payloads = by_registration[(attempt.user_id, str(attempt.registration).lower())]
        else:
            payloads = [own[attempt.statement_id]] if attempt.statement_id in own else []
        rows[attempt.pk] = _rows(payloads, language=language)
    return rows


def h5p_answer_rows(*, activity, attempt) -> list[AnswerRow]:
    """The rows of one attempt (the ``answer_rows`` hook)."""
    return h5p_answer_rows_many(activity=activity, attempts=[attempt])[attempt.pk]


def _rows(payloads: list[dict], *, language: str) -> list[AnswerRow]:
    """One row per question, in the order first answered, with the last answer."""
    latest: dict[str, AnswerRow] = {}
    for payload in payloads:  # oldest first; a dict keeps each question's first position
        row = statement_answer(payload, language=language)
        if row is not None:
            latest[row.question_id] = row
    return list(latest.values())
