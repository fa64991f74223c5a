"""Writes for the course structure: the course listing and enrolments."""

from django.db import transaction
from django.utils import timezone

from cms.services import listing_page_ensure
from courses.structure.models import CourseIndexPage, CoursePage, Enrolment


def course_index_ensure(*, home):
    """The site's course listing, created and published under ``home`` if missing."""
    return listing_page_ensure(
        model=CourseIndexPage,
        home=home,
        title="Parcours",
        slug="parcours",
        summary="Des modules courts pour apprendre à se protéger en ligne et à s'informer.",
    )


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
