"""Keep completions true when editors change a course: publishing, unpublishing or
deleting an activity, or changing the course's own rules, recomputes what depends on it."""

from django.db import transaction

from courses.completion.services import activity_completions_recompute, course_completions_recompute
from courses.structure.models import Activity, CoursePage


def _course_of(page) -> CoursePage | None:
    """The course above ``page``, found by path (works for a page being deleted)."""
    ancestors = [page.path[:n] for n in range(page.steplen, len(page.path), page.steplen)]
    return CoursePage.objects.filter(path__in=ancestors).first()


def page_changed(sender, instance, **kwargs):
    """An activity's rule or presence changed, or a course's minimum grade did."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, Activity):
        activity_completions_recompute(activity=page)
        course = _course_of(page)
    elif isinstance(page, CoursePage):
        course = page
    else:
        return
    if course is not None:
        course_completions_recompute(course=course)


def activity_deleted(sender, instance, **kwargs):
    course = _course_of(instance)
    if course is not None:
        transaction.on_commit(lambda: course_completions_recompute(course=course))
