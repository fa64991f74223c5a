"""Class reports (selectors): the teacher's progress grid, assignment summaries, the pupil's
to-do list. Each runs a fixed number of queries whatever the class size: no query per
pupil, per activity or per cell. What is done, late or optional is decided by
``courses.completion``; these only lay it out."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.activity_types import answer_rows_by_attempt, review_urls_for
from courses.classes.models import Assignment, ClassMembership, Classroom, DeadlineExtension
from courses.completion.models import Attempt, CompletionState
from courses.completion.progress import (
    AssignmentStatus,
    activity_counts,
    grade_percent,
    percent,
    state_is_done,
)
from courses.completion.selectors import assignment_targets, learner_states
from courses.structure.models import Activity, CoursePage


@dataclass
class Cell:
    """One pupil × one activity: ``state`` a CompletionState value, or "" when the
    activity is not assigned to that pupil. ``optional`` activities do not count."""

    state: str
    grade: Decimal | None = None
    optional: bool = False

    @property
    def assigned(self) -> bool:
        return self.state != ""

    @property
    def done(self) -> bool:
        return state_is_done(self.state)

    @property
    def percent(self) -> int | None:
        return grade_percent(self.grade)

    @property
    def label(self) -> str:
        return _cell_label(self.state, self.percent, self.optional, get_language())


@lru_cache(maxsize=256)
def _cell_label(state: str, percent: int | None, optional: bool, language: str | None) -> str:
    """A cell's text (thousands of cells, a handful of distinct texts: computed once)."""
    if not state:
        return _("Non concerné")
    text = str(CompletionState(state).label)
    if percent is not None:
        text = f"{text} ({percent} %)"
    return f"{text} — {_('facultative')}" if optional else text


@dataclass
class AssignmentColumn:
    assignment: Assignment
    activities: list[Activity]
    pupil_ids: set[int]
    completion_rate: int | None = None
    """Percent of the pupils concerned whose assignment is done; None: nobody."""
    average_score: int | None = None
    """Mean grade (percent) over the graded completions; None: no grade yet."""

    @property
    def optional(self) -> list[bool]:
        return [not activity_counts(activity) for activity in self.activities]


@dataclass
class PupilRow:
    membership: ClassMembership
    cells: list[Cell]
    late: list[Assignment] = field(default_factory=list)
    statuses: list[AssignmentStatus | None] = field(default_factory=list)
    """One per column: None when the assignment does not concern the pupil."""


@dataclass
class AssignmentRow:
    membership: ClassMembership
    status: AssignmentStatus
    reviews: list[tuple[Activity, str]]


@dataclass
class ProgressGrid:
    classroom: Classroom
    columns: list[AssignmentColumn]
    rows: list[PupilRow]

    @property
    def activities(self) -> list[tuple[AssignmentColumn, Activity]]:
        return [(column, activity) for column in self.columns for activity in column.activities]

    @property
    def headers(self) -> list[tuple[AssignmentColumn, Activity, bool]]:
        """(column, activity, optional) for each activity column."""
        return [
            (column, activity, optional)
            for column in self.columns
            for activity, optional in zip(column.activities, column.optional, strict=True)
        ]

    def assignment_rows(self, assignment_id: int) -> list["AssignmentRow"]:
        """The class report of one assignment: each pupil concerned, their status, and
        where to read their work when the activity type offers it."""
        index = next(i for i, c in enumerate(self.columns) if c.assignment.pk == assignment_id)
        column = self.columns[index]
        concerned = [row for row in self.rows if row.statuses[index] is not None]
        pupils = [row.membership.pupil for row in concerned]
        urls = [
            (activity, review_urls_for(activity=activity, pupils=pupils))
            for activity in column.activities
        ]
        return [
            AssignmentRow(
                row.membership,
                row.statuses[index],
                [
                    (activity, by_pupil[row.membership.pupil_id])
                    for activity, by_pupil in urls
                    if row.membership.pupil_id in by_pupil
                ],
            )
            for row in concerned
        ]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows for exports: each assignment's status, then one column per
        activity (optional ones said so)."""
        headers = [_("Élève"), _("Identifiant")]
        headers += [
            _("%(title)s — statut") % {"title": c.assignment.page.title} for c in self.columns
        ]
        for column, activity in self.activities:
            optional = f" ({_('facultative')})" if not activity_counts(activity) else ""
            headers.append(f"{column.assignment.page.title} — {activity.title}{optional}")
        body = [
            [row.membership.display_name, row.membership.pupil.get_username()]
            + [status.label if status else _("Non concerné") for status in row.statuses]
            + [cell.label for cell in row.cells]
            for row in self.rows
        ]
        return headers, body


def _due_for(assignment: Assignment, pupil_id: int, extensions: dict) -> datetime:
    return extensions.get((assignment.pk, pupil_id), assignment.due_at)


def class_progress(*, classroom: Classroom) -> ProgressGrid:
    """Pupils × assigned activities, with per-assignment completion rate and mean score.

    Eight queries: pupils, assignments, their courses, their pupils, the activities of the
    courses, completions, course completions, deadline extensions.
    """
    memberships = list(
        ClassMembership.objects.filter(classroom=classroom)
        .select_related("pupil")
        .order_by("display_name", "pk")
    )
    assignments = list(
        Assignment.objects.filter(classroom=classroom)
        .select_related("page", "activity")
        .prefetch_related("courses", "pupils")
        .order_by("due_at", "pk")
    )
    targets = assignment_targets(assignments)
    all_ids = {m.pupil_id for m in memberships}
    columns = []
    for assignment in assignments:
        chosen = {pupil.pk for pupil in assignment.pupils.all()}
        columns.append(
            AssignmentColumn(
                assignment, targets[assignment.pk].activities, (chosen or all_ids) & all_ids
            )
        )
    states = learner_states(
        user_ids=all_ids,
        activity_ids={a.pk for column in columns for a in column.activities},
        course_ids={pk for target in targets.values() for pk in target.course_ids},
    )
    extensions = (
        {
            (e.assignment_id, e.pupil_id): e.due_at
            for e in DeadlineExtension.objects.filter(assignment__classroom=classroom)
        }
        if assignments
        else {}
    )

    now = timezone.now()
    rows = []
    column_targets = [targets[column.assignment.pk] for column in columns]
    for membership in memberships:
        pupil_id = membership.pupil_id
        row = PupilRow(membership, [])
        for column, target in zip(columns, column_targets, strict=True):
            if pupil_id not in column.pupil_ids:
                row.cells += [Cell("") for _activity in column.activities]
                row.statuses.append(None)
                continue
            row.cells += [
                Cell(*states.state_and_grade(pupil_id, activity.pk), is_optional)
                for activity, is_optional in zip(column.activities, target.optional, strict=True)
            ]
            status = target.status(
                states,
                user_id=pupil_id,
                due_at=_due_for(column.assignment, pupil_id, extensions),
                now=now,
            )
            row.statuses.append(status)
            if status.late:
                row.late.append(column.assignment)
        rows.append(row)

    offset = 0
    for index, column in enumerate(columns):
        width = len(column.activities)
        concerned_rows = [row for row in rows if row.statuses[index] is not None]
        if concerned_rows:
            done = sum(row.statuses[index].done for row in concerned_rows)
            column.completion_rate = percent(done, len(concerned_rows))
        grades = [
            cell.grade
            for row in concerned_rows
            for cell in row.cells[offset : offset + width]
            if cell.grade is not None
        ]
        if grades:
            column.average_score = grade_percent(sum(grades) / len(grades))
        offset += width
    return ProgressGrid(classroom=classroom, columns=columns, rows=rows)


@dataclass
class MissedQuestion:
    activity: Activity
    prompt: str
    missed: int
    answered: int


def assignment_missed_questions(*, assignment: Assignment, limit: int = 5) -> list[MissedQuestion]:
    """The questions the pupils concerned got wrong most often (last attempt each), for
    every activity type that reports its answers (quiz, H5P)."""
    activities = [a.pk for a in assignment_targets([assignment])[assignment.pk].activities]
    if not activities:
        return []
    chosen = assignment.pupils.values("pk")
    pupils = (
        ClassMembership.objects.filter(classroom=assignment.classroom_id).values("pupil_id")
        if not assignment.pupils.exists()
        else chosen
    )
    latest: dict[tuple[int, int], Attempt] = {}
    for attempt in Attempt.objects.filter(activity_id__in=activities, user_id__in=pupils).order_by(
        "number"
    ):
        latest[(attempt.user_id, attempt.activity_id)] = attempt
    if not latest:
        return []
    by_activity: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in latest.values():
        by_activity[attempt.activity_id].append(attempt)
    pages = {page.pk: page for page in Activity.objects.filter(pk__in=by_activity).specific()}
    missed: Counter = Counter()
    answered: Counter = Counter()
    prompts: dict[tuple[int, str], str] = {}
    for activity_id, attempts in by_activity.items():
        rows = answer_rows_by_attempt(activity=pages[activity_id], attempts=attempts)
        for attempt_rows in rows.values():
            for row in attempt_rows:
                key = (activity_id, row.question_id)
                prompts.setdefault(key, row.question)
                answered[key] += 1
                if row.correct is False:
                    missed[key] += 1
    ranked = sorted(missed.items(), key=lambda item: (-item[1], item[0]))
    return [
        MissedQuestion(pages[key[0]], prompts[key], count, answered[key])
        for key, count in ranked[:limit]
        if count
    ]


@dataclass
class TodoItem:
    assignment: Assignment
    status: AssignmentStatus

    @property
    def due_at(self) -> datetime:
        return self.status.due_at

    @property
    def activities_total(self) -> int:
        return self.status.progress.required

    @property
    def activities_done(self) -> int:
        return self.status.progress.done

    @property
    def done(self) -> bool:
        return self.status.done

    @property
    def late(self) -> bool:
        return self.status.late

    @property
    def due_soon(self) -> bool:
        return not self.done and not self.late and (self.due_at - timezone.now()).days < 3


def pupil_todo(*, user) -> list[TodoItem]:
    """The pupil's assignments that are open, soonest due first (done ones last)."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    assignments = list(
        Assignment.objects.filter(
            classroom__memberships__pupil=user, classroom__archived=False, opens_at__lte=now
        )
        .filter(Q(pupils__isnull=True) | Q(pupils=user))
        .select_related("page", "activity", "classroom")
        .prefetch_related("courses")
        .distinct()
    )
    if not assignments:
        return []
    targets = assignment_targets(assignments)
    states = learner_states(
        user_ids=[user.pk],
        activity_ids={a.pk for target in targets.values() for a in target.activities},
        course_ids={pk for target in targets.values() for pk in target.course_ids},
    )
    extensions = dict(
        DeadlineExtension.objects.filter(pupil=user).values_list("assignment_id", "due_at")
    )
    items = [
        TodoItem(
            assignment,
            targets[assignment.pk].status(
                states,
                user_id=user.pk,
                due_at=extensions.get(assignment.pk, assignment.due_at),
                now=now,
            ),
        )
        for assignment in assignments
    ]
    return sorted(items, key=lambda item: (item.done, item.due_at))


def classrooms_by_page(*, page_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each course or activity page, the classes that were given it to work on.

    A class counts for a page when one of its assignments is that page or resolved to it
    (a course given through a campaign), or gave the whole course the activity belongs
    to. Only class ids come out, so callers can count without ever
    naming a class. Three queries whatever the number of pages.
    """

    page_ids = set(page_ids)
    if not page_ids:
        return {}
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))
    prefixes = {
        path[:length]
        for path in paths.values()
        for length in range(Page.steplen, len(path), Page.steplen)
    }
    course_by_path = dict(CoursePage.objects.filter(path__in=prefixes).values_list("path", "pk"))
    covering = {
        page_id: {page_id}
        | {
            course_by_path[path[:length]]
            for length in range(Page.steplen, len(path), Page.steplen)
            if path[:length] in course_by_path
        }
        for page_id, path in paths.items()
    }
    wanted = set().union(*covering.values())
    classes_of: dict[int, set[int]] = defaultdict(set)
    for classroom_id, page_id, activity_id in Assignment.objects.filter(
        Q(page_id__in=wanted) | Q(activity_id__in=wanted)
    ).values_list("classroom_id", "page_id", "activity_id"):
        classes_of[page_id].add(classroom_id)
        if activity_id:
            classes_of[activity_id].add(classroom_id)
    # A whole course given (directly or through a campaign); an assignment of one of its
    # activities counts for that activity, not for the course.
    for classroom_id, course_id in Assignment.courses.through.objects.filter(
        coursepage_id__in=wanted, assignment__activity__isnull=True
    ).values_list("assignment__classroom_id", "coursepage_id"):
        classes_of[course_id].add(classroom_id)
    return {
        page_id: set().union(*(classes_of.get(each, set()) for each in pages))
        for page_id, pages in covering.items()
    }
