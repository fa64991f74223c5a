"""Reads of completion, for every surface: a fixed number of queries whatever the size.

Each function here decides nothing new: the rules are in ``courses.completion.progress``
(what counts, what is done, percentages, assignment states); these only gather rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from courses.completion.models import ActivityCompletion, CompletionState, CourseCompletion
from courses.completion.progress import (
    AssignmentStatus,
    Progress,
    activity_counts,
    assignment_state,
    grade_percent,
    state_is_done,
)
from courses.structure.models import (
    Activity,
    CompletionRule,
    CoursePage,
    CourseSectionPage,
    Enrolment,
)


def _under(pages, paths: Iterable[str]):
    """``pages`` restricted to the descendants of the pages at ``paths`` (one query)."""
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return pages.filter(condition)


def course_activities(*, courses: Iterable[CoursePage]) -> dict[int, list[Activity]]:
    """The live activities of each course, in page order (one query for all courses)."""
    courses = list(courses)
    by_course: dict[int, list[Activity]] = {course.pk: [] for course in courses}
    if not courses:
        return by_course
    paths = {course.path: course.pk for course in courses}
    for activity in _under(Activity.objects.live(), paths).order_by("path"):
        for path, course_pk in paths.items():
            if activity.path.startswith(path):
                by_course[course_pk].append(activity)
    return by_course


NOT_STARTED = (CompletionState.NOT_STARTED, None)


@dataclass
class LearnerStates:
    """Learners' activity states and completed courses, read in two queries."""

    activities: dict[tuple[int, int], tuple[str, Decimal | None]] = field(default_factory=dict)
    completed_courses: set[tuple[int, int]] = field(default_factory=set)

    def state_and_grade(self, user_id: int, activity_id: int) -> tuple[str, Decimal | None]:
        return self.activities.get((user_id, activity_id), NOT_STARTED)

    def state(self, user_id: int, activity_id: int) -> str:
        return self.activities.get((user_id, activity_id), NOT_STARTED)[0]

    def grade(self, user_id: int, activity_id: int) -> Decimal | None:
        return self.activities.get((user_id, activity_id), NOT_STARTED)[1]

    def done(self, user_id: int, activity_id: int) -> bool:
        return state_is_done(self.state(user_id, activity_id))

    def course_complete(self, user_id: int, course_id: int) -> bool:
        return (user_id, course_id) in self.completed_courses

    def progress(self, user_id: int, activities: Iterable[Activity]) -> Progress:
        return self.counted_progress(user_id, [a.pk for a in activities if activity_counts(a)])

    def counted_progress(self, user_id: int, counted_ids: list[int]) -> Progress:
        """Progress over activities already known to count (``activity_counts``)."""
        return Progress(sum(self.done(user_id, pk) for pk in counted_ids), len(counted_ids))


def learner_states(
    *, user_ids: Iterable[int], activity_ids: Iterable[int], course_ids: Iterable[int] = ()
) -> LearnerStates:
    user_ids, activity_ids, course_ids = set(user_ids), set(activity_ids), set(course_ids)
    states = LearnerStates()
    if not user_ids:
        return states
    if activity_ids:
        # Plain tuples: thousands of rows, no model instance needed.
        states.activities = {
            (user_id, activity_id): (state, grade)
            for user_id, activity_id, state, grade in ActivityCompletion.objects.filter(
                activity_id__in=activity_ids, user_id__in=user_ids
            ).values_list("user_id", "activity_id", "state", "grade")
        }
    if course_ids:
        states.completed_courses = set(
            CourseCompletion.objects.filter(
                course_id__in=course_ids, user_id__in=user_ids
            ).values_list("user_id", "course_id")
        )
    return states


@dataclass
class AssignmentTarget:
    """What an assignment asks: one activity, or the courses (all their live activities
    are shown, the counted ones decide)."""

    activities: list[Activity]
    course_ids: list[int]
    single_activity: bool

    def __post_init__(self):
        # Computed once per assignment, not once per pupil (a grid has thousands of cells).
        self.optional = [not activity_counts(a) for a in self.activities]
        self.counted_ids = [a.pk for a in self.activities if activity_counts(a)]

    def status(self, states: LearnerStates, *, user_id: int, due_at: datetime, now: datetime):
        if self.single_activity:
            (activity,) = self.activities
            done = states.done(user_id, activity.pk)
            progress, complete = Progress(int(done), 1), done
        else:
            progress = states.counted_progress(user_id, self.counted_ids)
            complete = bool(self.course_ids) and all(
                states.course_complete(user_id, course_id) for course_id in self.course_ids
            )
        return AssignmentStatus(
            progress=progress,
            state=assignment_state(complete=complete, due_at=due_at, now=now),
            due_at=due_at,
        )


def assignment_targets(assignments) -> dict[int, AssignmentTarget]:
    """Each assignment's target (assignments with ``courses`` prefetched; one query)."""
    courses = {c.pk: c for a in assignments if a.activity_id is None for c in a.courses.all()}
    by_course = course_activities(courses=courses.values())
    targets = {}
    for assignment in assignments:
        if assignment.activity_id is not None:
            targets[assignment.pk] = AssignmentTarget([assignment.activity], [], True)
        else:
            ids = [c.pk for c in assignment.courses.all()]
            targets[assignment.pk] = AssignmentTarget(
                [a for pk in ids for a in by_course.get(pk, [])], ids, False
            )
    return targets


# ---- The learner's own views -------------------------------------------------------


class ShowsProgress:
    """What templates read of a ``progress`` (a ``Progress``): done, required, percent."""

    progress: Progress

    @property
    def percent(self) -> int:
        return self.progress.percent

    @property
    def required_done(self) -> int:
        return self.progress.done

    @property
    def required_total(self) -> int:
        return self.progress.required


@dataclass
class OutlineActivity:
    activity: Activity
    kind: str
    completion: ActivityCompletion | None

    @property
    def tracked(self) -> bool:
        return self.activity.completion_rule != CompletionRule.NONE

    @property
    def counts(self) -> bool:
        return activity_counts(self.activity)

    @property
    def optional(self) -> bool:
        return not self.counts

    @property
    def state(self) -> str:
        return self.completion.state if self.completion else CompletionState.NOT_STARTED

    @property
    def done(self) -> bool:
        return state_is_done(self.state)

    @property
    def state_label(self) -> str:
        return str(CompletionState(self.state).label)

    @property
    def grade_percent(self) -> int | None:
        return grade_percent(self.completion.grade) if self.completion else None


@dataclass
class OutlineSection:
    section: CourseSectionPage
    activities: list[OutlineActivity] = field(default_factory=list)


@dataclass
class CourseOutline(ShowsProgress):
    sections: list[OutlineSection]
    enrolled: bool
    completion: CourseCompletion | None
    progress: Progress = Progress(0, 0)

    @property
    def complete(self) -> bool:
        return self.completion is not None


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    """Sections, activities and the learner's progress; constant queries."""
    sections = list(CourseSectionPage.objects.child_of(course).live().order_by("path"))
    activities = course_activities(courses=[course])[course.pk]
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
    counted, done = 0, 0
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
        if item.counts:
            counted += 1
            done += item.done
    return CourseOutline(
        sections=list(by_section.values()),
        enrolled=enrolled,
        completion=course_completion,
        progress=Progress(done, counted),
    )


def activity_progress(*, activity: Activity, user) -> dict:
    """What an activity page shows the learner: enrolment, completion, attempts."""
    if not user.is_authenticated:
        return {"enrolled": False, "completion": None, "attempts": [], "optional": False}
    course = activity.course
    return {
        "enrolled": Enrolment.objects.filter(
            user=user, course=course, status=Enrolment.Status.ACTIVE
        ).exists(),
        "completion": ActivityCompletion.objects.filter(user=user, activity_id=activity.pk).first(),
        "attempts": list(activity.attempts.filter(user=user).order_by("number")),
        "optional": not activity_counts(activity),
    }


@dataclass
class DashboardCourse(ShowsProgress):
    course: CoursePage
    progress: Progress
    completion: CourseCompletion | None


@dataclass
class LearnerDashboard:
    in_progress: list[DashboardCourse]
    completed: list[DashboardCourse]


def learner_courses(*, user) -> LearnerDashboard:
    """The learner's active courses with progress, in a fixed number of queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status=Enrolment.Status.ACTIVE)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    courses = [enrolment.course for enrolment in enrolments]
    if not courses:
        return LearnerDashboard(in_progress=[], completed=[])
    activities = course_activities(courses=courses)
    states = learner_states(
        user_ids=[user.pk],
        activity_ids=[a.pk for items in activities.values() for a in items],
    )
    completions = {
        c.course_id: c for c in CourseCompletion.objects.filter(user=user, course__in=courses)
    }
    dashboard = LearnerDashboard(in_progress=[], completed=[])
    for course in courses:
        entry = DashboardCourse(
            course=course,
            progress=states.progress(user.pk, activities[course.pk]),
            completion=completions.get(course.pk),
        )
        (dashboard.completed if entry.completion else dashboard.in_progress).append(entry)
    return dashboard
