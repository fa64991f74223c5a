"""Reusable reads for learning: a course outline with the learner's progress.

``course_outline`` runs a fixed number of queries whatever the number of activities.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from courses.models import (
    Activity,
    ActivityCompletion,
    CompletionRule,
    CourseCompletion,
    CoursePage,
    CourseSectionPage,
    Enrolment,
)


@dataclass
class OutlineActivity:
    activity: Activity
    kind: str
    completion: ActivityCompletion | None

    @property
    def tracked(self) -> bool:
        return self.activity.completion_rule != CompletionRule.NONE

    @property
    def state(self) -> str:
        return self.completion.state if self.completion else "not_started"

    @property
    def state_label(self) -> str:
        return (
            self.completion.get_state_display()
            if self.completion
            else ActivityCompletion().get_state_display()
        )


@dataclass
class OutlineSection:
    section: CourseSectionPage
    activities: list[OutlineActivity] = field(default_factory=list)


@dataclass
class CourseOutline:
    sections: list[OutlineSection]
    enrolled: bool
    completion: CourseCompletion | None
    required_total: int = 0
    required_done: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.required_done / self.required_total) if self.required_total else 0


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    sections = list(CourseSectionPage.objects.child_of(course).live().order_by("path"))
    activities = list(Activity.objects.descendant_of(course).live().order_by("path"))
    completions, enrolled, course_completion = {}, False, None
    if user.is_authenticated:
        enrolled = Enrolment.objects.filter(
            user=user, course=course, status=Enrolment.Status.ACTIVE
        ).exists()
        completions = {
            c.activity_id: c
            for c in ActivityCompletion.objects.filter(
                user=user, activity__in=[a.pk for a in activities]
            )
        }
        course_completion = CourseCompletion.objects.filter(user=user, course=course).first()
    by_section = {section.path: OutlineSection(section=section) for section in sections}
    outline = CourseOutline(
        sections=list(by_section.values()), enrolled=enrolled, completion=course_completion
    )
    for activity in activities:
        section = by_section.get(activity.path[: -activity.steplen])
        if section is None:
            continue
        model = ContentType.objects.get_for_id(activity.content_type_id).model_class()
        item = OutlineActivity(
            activity=activity,
            kind=model._meta.verbose_name,
            completion=completions.get(activity.pk),
        )
        section.activities.append(item)
        if activity.required and item.tracked:
            outline.required_total += 1
            outline.required_done += bool(item.completion and item.completion.is_complete)
    return outline


def activity_progress(*, activity: Activity, user) -> dict:
    """What an activity page shows the learner: enrolment, completion, attempts."""
    if not user.is_authenticated:
        return {"enrolled": False, "completion": None, "attempts": []}
    from courses.structure.services import is_enrolled

    course = activity.course
    return {
        "enrolled": is_enrolled(course=course, user=user),
        "completion": ActivityCompletion.objects.filter(user=user, activity_id=activity.pk).first(),
        "attempts": list(activity.attempts.filter(user=user).order_by("number")),
    }


@dataclass
class DashboardCourse:
    course: CoursePage
    required_total: int
    required_done: int
    completion: CourseCompletion | None

    @property
    def percent(self) -> int:
        return round(100 * self.required_done / self.required_total) if self.required_total else 0


@dataclass
class LearnerDashboard:
    in_progress: list[DashboardCourse]
    completed: list[DashboardCourse]


def learner_courses(*, user) -> LearnerDashboard:
    """The learner's active courses with progress, in a fixed number of queries."""
    from functools import reduce
    from operator import or_

    from django.db.models import Q

    enrolments = list(
        Enrolment.objects.filter(user=user, status=Enrolment.Status.ACTIVE)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    courses = [enrolment.course for enrolment in enrolments]
    if not courses:
        return LearnerDashboard(in_progress=[], completed=[])
    required = list(
        Activity.objects.live()
        .filter(reduce(or_, [Q(path__startswith=course.path) for course in courses]), required=True)
        .exclude(completion_rule=CompletionRule.NONE)
        .values_list("pk", "path")
    )
    done = set(
        ActivityCompletion.objects.filter(
            user=user, activity__in=[pk for pk, _path in required], state__in=["complete", "passed"]
        ).values_list("activity_id", flat=True)
    )
    completions = {
        c.course_id: c for c in CourseCompletion.objects.filter(user=user, course__in=courses)
    }
    dashboard = LearnerDashboard(in_progress=[], completed=[])
    for course in courses:
        mine = [pk for pk, path in required if path.startswith(course.path)]
        entry = DashboardCourse(
            course=course,
            required_total=len(mine),
            required_done=sum(pk in done for pk in mine),
            completion=completions.get(course.pk),
        )
        (dashboard.completed if entry.completion else dashboard.in_progress).append(entry)
    return dashboard
