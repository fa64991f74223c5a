"""Writes of completion: every change to what a learner did (view, mark, attempt) goes
through ``completion_recompute``, which also updates the course completion. Attempts for
one learner and activity are serialised by locking their completion row, so concurrent
submissions get distinct numbers and one completion."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.completion.models import ActivityCompletion, Attempt, CourseCompletion
from courses.completion.progress import course_complete
from courses.completion.rules import attempts_grade, completion_state
from courses.completion.selectors import course_activities, learner_states
from courses.completion.signals import course_completed
from courses.structure.models import Activity, CoursePage, Enrolment

User = get_user_model()


class AttemptRefused(Exception):
    """The learner may not make another attempt; the message is for them, in French."""


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
    return completion_recompute(activity=activity, user=user, completion=completion)


@transaction.atomic
def activity_mark_done(*, activity: Activity, user, done: bool = True) -> ActivityCompletion:
    completion = _locked_completion(activity=activity, user=user)
    completion.marked_done = done
    completion.save(update_fields=["marked_done"])
    return completion_recompute(activity=activity, user=user, completion=completion)


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
    registration=None,
) -> Attempt:
    """Record a finished attempt; refused (AttemptRefused) beyond the maximum number."""
    completion = _locked_completion(activity=activity, user=user)
    if score_scaled is None and score_raw is not None and score_max:
        score_scaled = score_raw / score_max
    if registration is not None:
        ongoing = Attempt.objects.filter(
            user=user, activity_id=activity.pk, registration=registration
        ).first()
        if ongoing is not None:  # a later statement of the same attempt: its result wins
            ongoing.score_raw, ongoing.score_max, ongoing.success = score_raw, score_max, success
            ongoing.score_scaled = (
                None if score_scaled is None else Decimal(score_scaled).quantize(Decimal("0.00001"))
            )
            ongoing.statement, ongoing.completed_at = statement or ongoing.statement, timezone.now()
            ongoing.save()
            completion_recompute(activity=activity, user=user, completion=completion)
            return ongoing
    count = Attempt.objects.filter(user=user, activity_id=activity.pk).count()
    if activity.max_attempts and count >= activity.max_attempts:
        raise AttemptRefused(
            _("Vous avez utilisé vos %(max)s tentatives pour cette activité.")
            % {"max": activity.max_attempts}
        )
    attempt = Attempt.objects.create(
        registration=registration,
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
    completion_recompute(activity=activity, user=user, completion=completion)
    return attempt


@transaction.atomic
def completion_recompute(
    *, activity: Activity, user, completion: ActivityCompletion | None = None
) -> ActivityCompletion:
    """Recompute from views, marks and attempts; pass ``completion`` if already locked."""
    completion = completion or _locked_completion(activity=activity, user=user)
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


@transaction.atomic
def course_completion_recompute(*, course: CoursePage, user) -> CourseCompletion | None:
    """Complete when every activity that counts is done and the course grade (mean of the
    live activities' grades) reaches its minimum. Removing the completion never touches a
    certificate already issued: that is a durable record."""
    activities = course_activities(courses=[course])[course.pk]
    states = learner_states(user_ids=[user.pk], activity_ids=[a.pk for a in activities])
    progress = states.progress(user.pk, activities)
    grades = [g for a in activities if (g := states.grade(user.pk, a.pk)) is not None]
    course_grade = (sum(grades) / len(grades)).quantize(Decimal("0.00001")) if grades else None
    complete = course_complete(
        progress=progress, grade=course_grade, min_grade=course.min_course_grade
    )
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
    completion = CourseCompletion.objects.create(
        user=user, course=course, grade=course_grade, completed_at=timezone.now()
    )
    # In the same transaction: a certificate exists exactly when its completion was saved.
    course_completed.send(sender=CourseCompletion, completion=completion)
    return completion


def course_completions_recompute(*, course: CoursePage) -> int:
    """After the course changed (an activity added, removed, its rule changed): recompute
    the course completion of everyone enrolled or with a completion."""
    users = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True)) | set(
        CourseCompletion.objects.filter(course=course).values_list("user_id", flat=True)
    )
    for user in User.objects.filter(pk__in=users):
        course_completion_recompute(course=course, user=user)
    return len(users)


def activity_completions_recompute(*, activity: Activity) -> int:
    """After a rule change: recompute every learner's completion of ``activity``."""
    completions = list(
        ActivityCompletion.objects.filter(activity_id=activity.pk).select_related("user")
    )
    for completion in completions:
        completion_recompute(activity=activity, user=completion.user)
    return len(completions)
