"""Writes with side effects for learning: enrolment, views, attempts, completion.

Completion is derived here, never in views: every change to what a learner did (view,
mark, attempt) goes through ``completion_recompute``, which also updates the course
completion. Attempts for one learner and activity are serialised by locking their
completion row, so concurrent submissions get distinct numbers and one completion.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.services import listing_page_ensure
from courses.models import (
    Activity,
    ActivityCompletion,
    Attempt,
    CompletionRule,
    CompletionState,
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    GradingMethod,
    QuizActivity,
    grade_quiz,
)


def course_index_ensure(*, home):
    """The site's course listing, created and published under ``home`` if missing."""
    return listing_page_ensure(
        model=CourseIndexPage,
        home=home,
        title="Parcours",
        slug="parcours",
        summary="Des modules courts pour apprendre à se protéger en ligne et à s'informer.",
    )


class AttemptRefused(Exception):
    """The learner may not make another attempt; the message is for them, in French."""


@transaction.atomic
def enrolment_create(*, course: CoursePage, user, source: str = Enrolment.Source.SELF) -> Enrolment:
    """Enrol ``user`` (again) in ``course``; an ended enrolment is reactivated, history kept."""
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        user=user, course=course, defaults={"source": source}
    )
    if not created and enrolment.status != Enrolment.Status.ACTIVE:
        enrolment.status, enrolment.ended_at = Enrolment.Status.ACTIVE, None
        enrolment.save(update_fields=["status", "ended_at"])
    return enrolment


@transaction.atomic
def enrolment_end(*, course: CoursePage, user) -> Enrolment | None:
    """Unenrol: the enrolment is marked ended; attempts and completions are kept."""
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment and enrolment.status == Enrolment.Status.ACTIVE:
        enrolment.status, enrolment.ended_at = Enrolment.Status.ENDED, timezone.now()
        enrolment.save(update_fields=["status", "ended_at"])
    return enrolment


def is_enrolled(*, course: CoursePage, user) -> bool:
    return (
        user.is_authenticated
        and Enrolment.objects.filter(
            user=user, course=course, status=Enrolment.Status.ACTIVE
        ).exists()
    )


def _locked_completion(*, activity: Activity, user) -> ActivityCompletion:
    """The learner's completion row for ``activity``, created if needed and locked."""
    try:
        with transaction.atomic():
            ActivityCompletion.objects.get_or_create(user=user, activity_id=activity.pk)
    except IntegrityError:  # created concurrently by another request: fine
        pass
    return ActivityCompletion.objects.select_for_update().get(user=user, activity_id=activity.pk)


@transaction.atomic
def activity_view_record(*, activity: Activity, user) -> ActivityCompletion:
    completion = _locked_completion(activity=activity, user=user)
    if not completion.viewed:
        completion.viewed = True
        completion.save(update_fields=["viewed"])
    return completion_recompute(activity=activity, user=user)


@transaction.atomic
def activity_mark_done(*, activity: Activity, user, done: bool = True) -> ActivityCompletion:
    completion = _locked_completion(activity=activity, user=user)
    completion.marked_done = done
    completion.save(update_fields=["marked_done"])
    return completion_recompute(activity=activity, user=user)


@transaction.atomic
def attempt_record(
    *,
    activity: Activity,
    user,
    score_raw: Decimal | None,
    score_max: Decimal | None,
    score_scaled: Decimal | None,
    success: bool | None = None,
    responses: dict | None = None,
    statement=None,
) -> Attempt:
    """Record a finished attempt; refused (AttemptRefused) beyond the maximum number."""
    completion = _locked_completion(activity=activity, user=user)
    count = Attempt.objects.filter(user=user, activity_id=activity.pk).count()
    if activity.max_attempts and count >= activity.max_attempts:
        raise AttemptRefused(
            _("Vous avez utilisé vos %(max)s tentatives pour cette activité.")
            % {"max": activity.max_attempts}
        )
    if score_scaled is None and score_raw is not None and score_max:
        score_scaled = score_raw / score_max
    attempt = Attempt.objects.create(
        user=user,
        activity_id=activity.pk,
        number=count + 1,
        score_raw=score_raw,
        score_max=score_max,
        score_scaled=None
        if score_scaled is None
        else Decimal(score_scaled).quantize(Decimal("0.00001")),
        success=success,
        responses=responses or {},
        statement=statement,
        completed_at=timezone.now(),
    )
    completion.viewed = True
    completion.save(update_fields=["viewed"])
    completion_recompute(activity=activity, user=user)
    return attempt


@transaction.atomic
def quiz_attempt_submit(*, quiz: QuizActivity, user, answers: dict) -> Attempt:
    raw, maximum, detail = grade_quiz(quiz, answers)
    return attempt_record(
        activity=quiz,
        user=user,
        score_raw=raw,
        score_max=maximum,
        score_scaled=(raw / maximum) if maximum else None,
        success=(raw / maximum * 100 >= quiz.pass_score) if maximum else None,
        responses=detail,
    )


def attempts_grade(*, scores: list[Decimal], method: str) -> Decimal | None:
    """The activity grade (0–1) from its attempts' scaled scores, oldest first."""
    if not scores:
        return None
    if method == GradingMethod.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.00001"))
    if method == GradingMethod.FIRST:
        return scores[0]
    if method == GradingMethod.LAST:
        return scores[-1]
    return max(scores)


def completion_state(*, activity: Activity, completion: ActivityCompletion) -> str:
    """Apply the activity's completion rule to what the learner did."""
    rule, grade = activity.completion_rule, completion.grade
    percent = None if grade is None else grade * 100
    started = completion.viewed or completion.attempt_count > 0
    fallback = CompletionState.IN_PROGRESS if started else CompletionState.NOT_STARTED
    out_of_attempts = (
        bool(activity.max_attempts) and completion.attempt_count >= activity.max_attempts
    )
    if rule == CompletionRule.VIEWED:
        return CompletionState.COMPLETE if completion.viewed else fallback
    if rule == CompletionRule.MARKED_DONE:
        return CompletionState.COMPLETE if completion.marked_done else fallback
    if rule == CompletionRule.SUBMITTED:
        return CompletionState.COMPLETE if completion.attempt_count else fallback
    if rule == CompletionRule.MIN_SCORE:
        if percent is not None and activity.min_score is not None and percent >= activity.min_score:
            return CompletionState.COMPLETE
        return CompletionState.FAILED if out_of_attempts else fallback
    if rule == CompletionRule.PASSED:
        if percent is None:
            return fallback
        return CompletionState.PASSED if percent >= activity.pass_score else CompletionState.FAILED
    return fallback  # CompletionRule.NONE: not tracked


@transaction.atomic
def completion_recompute(*, activity: Activity, user) -> ActivityCompletion:
    completion = _locked_completion(activity=activity, user=user)
    scores = list(
        Attempt.objects.filter(user=user, activity_id=activity.pk, score_scaled__isnull=False)
        .order_by("number")
        .values_list("score_scaled", flat=True)
    )
    completion.attempt_count = Attempt.objects.filter(user=user, activity_id=activity.pk).count()
    completion.grade = attempts_grade(scores=scores, method=activity.grading_method)
    was_complete = completion.is_complete
    completion.state = completion_state(activity=activity, completion=completion)
    if completion.is_complete and not was_complete:
        completion.completed_at = timezone.now()
    elif not completion.is_complete:
        completion.completed_at = None
    completion.save()
    course_completion_recompute(course=activity.course, user=user)
    return completion


def course_required_activities(course: CoursePage):
    return (
        Activity.objects.live()
        .descendant_of(course)
        .filter(required=True)
        .exclude(completion_rule=CompletionRule.NONE)
    )


@transaction.atomic
def course_completion_recompute(*, course: CoursePage, user) -> CourseCompletion | None:
    """Complete when every required activity is, and the course grade reaches its minimum."""
    required = list(course_required_activities(course).values_list("pk", flat=True))
    completions = ActivityCompletion.objects.filter(
        user=user, activity__in=Activity.objects.descendant_of(course)
    )
    done = {c.activity_id for c in completions if c.is_complete}
    grades = [c.grade for c in completions if c.grade is not None]
    course_grade = (sum(grades) / len(grades)).quantize(Decimal("0.00001")) if grades else None
    complete = bool(required) and set(required) <= done
    if complete and course.min_course_grade is not None:
        complete = course_grade is not None and course_grade * 100 >= course.min_course_grade
    existing = CourseCompletion.objects.filter(user=user, course=course).first()
    if not complete:
        if existing:
            existing.delete()
        return None
    if existing:
        if existing.grade != course_grade:
            existing.grade = course_grade
            existing.save(update_fields=["grade"])
        return existing
    return CourseCompletion.objects.create(
        user=user, course=course, grade=course_grade, completed_at=timezone.now()
    )


def activity_completions_recompute(*, activity: Activity) -> int:
    """After a rule change: recompute every learner's completion of ``activity``."""
    users = (
        ActivityCompletion.objects.filter(activity_id=activity.pk)
        .select_related("user")
        .values_list("user", flat=True)
    )
    from django.contrib.auth import get_user_model

    count = 0
    for user in get_user_model().objects.filter(pk__in=list(users)):
        completion_recompute(activity=activity, user=user)
        count += 1
    return count
