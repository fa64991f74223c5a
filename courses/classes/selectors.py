"""Class reports (selectors): the teacher's progress grid, assignment summaries, the pupil's
to-do list. Each runs a fixed number of queries whatever the class size: no query per
pupil, per activity or per cell."""

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

from courses.models import (
    Activity,
    ActivityCompletion,
    Assignment,
    Attempt,
    ClassMembership,
    Classroom,
    CompletionState,
    CoursePage,
    DeadlineExtension,
)

DONE_STATES = {CompletionState.COMPLETE, CompletionState.PASSED}


@dataclass
class Cell:
    """One pupil × one activity: ``state`` a CompletionState value, or "" when the
    activity is not assigned to that pupil."""

    state: str
    grade: Decimal | None = None

    @property
    def assigned(self) -> bool:
        return self.state != ""

    @property
    def done(self) -> bool:
        return self.state in DONE_STATES

    @property
    def percent(self) -> int | None:
        return None if self.grade is None else round(self.grade * 100)

    @property
    def label(self) -> str:
        return _cell_label(self.state, self.percent, get_language())


@lru_cache(maxsize=256)
def _cell_label(state: str, percent: int | None, language: str | None) -> str:
    """A cell's text (thousands of cells, a handful of distinct texts: computed once)."""
    if not state:
        return _("Non concerné")
    text = str(CompletionState(state).label)
    return text if percent is None else f"{text} ({percent} %)"


@dataclass
class AssignmentColumn:
    assignment: Assignment
    activities: list[Activity]
    pupil_ids: set[int]
    completion_rate: int | None = None
    """Percent of the pupils concerned who completed every activity; None: nobody."""
    average_score: int | None = None
    """Mean grade (percent) over the graded completions; None: no grade yet."""


@dataclass
class PupilRow:
    membership: ClassMembership
    cells: list[Cell]
    late: list[Assignment] = field(default_factory=list)


@dataclass
class ProgressGrid:
    classroom: Classroom
    columns: list[AssignmentColumn]
    rows: list[PupilRow]

    @property
    def activities(self) -> list[tuple[AssignmentColumn, Activity]]:
        return [(column, activity) for column in self.columns for activity in column.activities]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows for exports: one column per activity of each assignment."""
        headers = [_("Élève"), _("Identifiant")]
        headers += [f"{column.assignment.page.title} — {a.title}" for column, a in self.activities]
        body = [
            [row.membership.display_name, row.membership.pupil.get_username()]
            + [cell.label for cell in row.cells]
            for row in self.rows
        ]
        return headers, body


def _under(pages, paths: set[str]):
    """``pages`` restricted to the descendants of the pages at ``paths`` (one query)."""
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return pages.filter(condition)


def _activities_by_course(assignments: list[Assignment]) -> dict[str, list[Activity]]:
    """The live activities of the assignments' courses, by course path, in page order
    (one query; assignments of a single activity need none)."""
    paths = {c.path for a in assignments if a.activity_id is None for c in a.courses.all()}
    by_course: dict[str, list[Activity]] = defaultdict(list)
    if paths:
        for activity in _under(Activity.objects.live(), paths).order_by("path"):
            for path in paths:
                if activity.path.startswith(path):
                    by_course[path].append(activity)
    return by_course


def _due_for(assignment: Assignment, pupil_id: int, extensions: dict) -> datetime:
    return extensions.get((assignment.pk, pupil_id), assignment.due_at)


def class_progress(*, classroom: Classroom) -> ProgressGrid:
    """Pupils × assigned activities, with per-assignment completion rate and mean score.

    Seven queries: pupils, assignments, their courses, their pupils, the activities of the
    courses, completions, deadline extensions.
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
    activities_by_course = _activities_by_course(assignments)
    all_ids = {m.pupil_id for m in memberships}
    columns = []
    for assignment in assignments:
        if assignment.activity is not None:
            activities = [assignment.activity]
        else:
            activities = [
                activity
                for course in assignment.courses.all()
                for activity in activities_by_course.get(course.path, [])
            ]
        chosen = {pupil.pk for pupil in assignment.pupils.all()}
        columns.append(AssignmentColumn(assignment, activities, (chosen or all_ids) & all_ids))

    activity_ids = {a.pk for column in columns for a in column.activities}
    # Plain tuples: thousands of rows, no model instance needed.
    completions = (
        {
            (user_id, activity_id): (state, grade)
            for user_id, activity_id, state, grade in ActivityCompletion.objects.filter(
                activity_id__in=activity_ids, user_id__in=all_ids
            ).values_list("user_id", "activity_id", "state", "grade")
        }
        if activity_ids and all_ids
        else {}
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
    for membership in memberships:
        pupil_id = membership.pupil_id
        cells, late = [], []
        for column in columns:
            concerned = pupil_id in column.pupil_ids
            column_cells = []
            for activity in column.activities:
                completion = completions.get((pupil_id, activity.pk))
                if not concerned:
                    column_cells.append(Cell(""))
                elif completion is None:
                    column_cells.append(Cell(CompletionState.NOT_STARTED))
                else:
                    column_cells.append(Cell(*completion))
            cells += column_cells
            if concerned and not all(cell.done for cell in column_cells):
                if _due_for(column.assignment, pupil_id, extensions) < now:
                    late.append(column.assignment)
        rows.append(PupilRow(membership, cells, late))

    offset = 0
    for column in columns:
        width = len(column.activities)
        concerned_rows = [row for row in rows if row.membership.pupil_id in column.pupil_ids]
        if concerned_rows and width:
            done = sum(
                all(cell.done for cell in row.cells[offset : offset + width])
                for row in concerned_rows
            )
            column.completion_rate = round(100 * done / len(concerned_rows))
        grades = [
            cell.grade
            for row in concerned_rows
            for cell in row.cells[offset : offset + width]
            if cell.grade is not None
        ]
        if grades:
            column.average_score = round(100 * sum(grades) / len(grades))
        offset += width
    return ProgressGrid(classroom=classroom, columns=columns, rows=rows)


@dataclass
class MissedQuestion:
    activity: Activity
    prompt: str
    missed: int
    answered: int


def assignment_missed_questions(*, assignment: Assignment, limit: int = 5) -> list[MissedQuestion]:
    """The quiz questions the pupils concerned got wrong most often (last attempt each)."""
    from courses.activities.quiz.models import QuizActivity

    if assignment.activity_id:
        quizzes = QuizActivity.objects.filter(pk=assignment.activity_id)
    else:
        paths = {course.path for course in assignment.courses.all()}
        quizzes = _under(QuizActivity.objects.live(), paths) if paths else []
    quizzes = {quiz.pk: quiz for quiz in quizzes}
    if not quizzes:
        return []
    chosen = assignment.pupils.values("pk")
    pupils = (
        ClassMembership.objects.filter(classroom=assignment.classroom_id).values("pupil_id")
        if not assignment.pupils.exists()
        else chosen
    )
    latest: dict[tuple[int, int], Attempt] = {}
    for attempt in Attempt.objects.filter(activity_id__in=quizzes, user_id__in=pupils).order_by(
        "number"
    ):
        latest[(attempt.user_id, attempt.activity_id)] = attempt
    missed: Counter = Counter()
    answered: Counter = Counter()
    for attempt in latest.values():
        for question_id, detail in (attempt.responses or {}).items():
            key = (attempt.activity_id, question_id)
            answered[key] += 1
            if not detail.get("correct"):
                missed[key] += 1
    prompts = {
        (quiz.pk, question.id): question.value["prompt"]
        for quiz in quizzes.values()
        for question in quiz.questions
    }
    ranked = sorted(missed.items(), key=lambda item: (-item[1], item[0]))
    return [
        MissedQuestion(quizzes[key[0]], prompts.get(key, key[1]), count, answered[key])
        for key, count in ranked[:limit]
        if count
    ]


@dataclass
class TodoItem:
    assignment: Assignment
    due_at: datetime
    activities_total: int
    activities_done: int

    @property
    def done(self) -> bool:
        return self.activities_total > 0 and self.activities_done >= self.activities_total

    @property
    def late(self) -> bool:
        return not self.done and self.due_at < timezone.now()

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
    by_course = _activities_by_course(assignments)
    done = set(
        ActivityCompletion.objects.filter(user=user, state__in=DONE_STATES).values_list(
            "activity_id", flat=True
        )
    )
    extensions = dict(
        DeadlineExtension.objects.filter(pupil=user).values_list("assignment_id", "due_at")
    )
    items = []
    for assignment in assignments:
        if assignment.activity_id:
            ids = [assignment.activity_id]
        else:
            ids = [a.pk for c in assignment.courses.all() for a in by_course.get(c.path, [])]
        items.append(
            TodoItem(
                assignment,
                extensions.get(assignment.pk, assignment.due_at),
                len(ids),
                sum(pk in done for pk in ids),
            )
        )
    return sorted(items, key=lambda item: (item.done, item.due_at))


def classrooms_by_page(*, page_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each course or activity page, the classes that were given it to work on.

    A class counts for a page when one of its assignments is that page or resolved to it
    (a course given through a campaign), or gave the whole course the activity belongs
    to. Only class ids come out, so callers can count without ever
    naming a class. Three queries whatever the number of pages.
    """
    from wagtail.models import Page

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
