"""Reads for written work: who may review a pupil's text, and the text as a report row."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.roles import is_teacher
from courses.activities.written.models import WrittenActivity, WrittenSubmission
from courses.activity_types import AnswerRow
from courses.classes.models import ClassMembership
from courses.classes.selectors import classrooms_by_page
from courses.completion.models import Attempt


def review_memberships(*, teacher, activity, pupil) -> QuerySet[ClassMembership]:
    """The pupil's places in the classes ``teacher`` teaches that were given ``activity``
    (itself, or its course, directly or through a campaign). Empty: no right to review."""
    if not is_teacher(teacher):
        return ClassMembership.objects.none()
    classes = classrooms_by_page(page_ids=[activity.pk]).get(activity.pk, set())
    return (
        ClassMembership.objects.filter(
            classroom_id__in=classes, classroom__teachers=teacher, pupil=pupil
        )
        .select_related("classroom")
        .order_by("-classroom__academic_year", "classroom__name")
        .distinct()
    )


def may_review(*, teacher, activity, pupil) -> bool:
    return review_memberships(teacher=teacher, activity=activity, pupil=pupil).exists()


def may_see_submission(*, user, submission: WrittenSubmission) -> bool:
    """The pupil who wrote it, and the teachers who may review it."""
    if not user.is_authenticated:
        return False
    return submission.pupil_id == user.pk or may_review(
        teacher=user, activity=submission.activity, pupil=submission.pupil
    )


def review_urls(*, activity, pupils) -> dict[int, str]:
    """The marking page of each pupil's text, for those who handed one in (one query).

    The page itself checks who asks."""
    handed_in = WrittenSubmission.objects.filter(
        activity_id=activity.pk, pupil__in=[pupil.pk for pupil in pupils]
    ).values_list("pupil_id", flat=True)
    return {
        pupil_id: reverse(
            "courses:written_review", kwargs={"activity_id": activity.pk, "pupil_id": pupil_id}
        )
        for pupil_id in handed_in
    }


def _answer_row(activity, submission: WrittenSubmission) -> AnswerRow:
    return AnswerRow(
        question_id="text",
        question=_("Production écrite : %(title)s") % {"title": activity.title},
        answer=submission.text,
        correct=None if submission.mark is None else submission.mark >= activity.pass_mark,
    )


def answer_rows_many(*, activity: WrittenActivity, attempts) -> dict[int, list[AnswerRow]]:
    """The text as the one answer of each attempt (one query); correct is None until it is
    marked, then whether the mark reaches the pass mark. An erased text has no row."""
    by_registration = {a.registration: a.pk for a in attempts if a.registration}
    if not by_registration:
        return {}
    return {
        by_registration[submission.registration]: [_answer_row(activity, submission)]
        for submission in WrittenSubmission.objects.filter(
            activity_id=activity.pk, registration__in=by_registration
        )
    }


def answer_rows(*, activity: WrittenActivity, attempt: Attempt) -> list[AnswerRow]:
    return answer_rows_many(activity=activity, attempts=[attempt]).get(attempt.pk, [])
