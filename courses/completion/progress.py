"""The one truth of "done", in plain functions and value objects (no queries here).

Every surface (course page, "Mes parcours", the pupil's to-do, the class grid and report,
the admin report, exports, certificates, the demo) asks these; none compares completion
states or counts activities on its own.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.completion.models import DONE_STATES
from courses.structure.models import CompletionRule


def state_is_done(state: str | None) -> bool:
    """Whether an activity completion state counts as done."""
    return state in DONE_STATES


def activity_counts(activity) -> bool:
    """Whether ``activity`` counts towards its course's completion: required and tracked.

    The others are shown as optional everywhere.
    """
    return bool(activity.required) and activity.completion_rule != CompletionRule.NONE


def percent(done: int, total: int) -> int:
    """A whole percentage, rounded half up (2 of 3 → 67), 0 when there is nothing to do."""
    if not total:
        return 0
    return int((Decimal(100 * done) / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP))


@lru_cache(maxsize=4096)  # grids show thousands of grades, few distinct ones
def grade_percent(grade: Decimal | None) -> int | None:
    """A grade (0–1) as a whole percentage, rounded half up."""
    if grade is None:
        return None
    return int((Decimal(grade) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def course_complete(*, progress: "Progress", grade: Decimal | None, min_grade) -> bool:
    """A course is complete when it has activities that count, all done, and its grade
    reaches the course's minimum (if it sets one)."""
    if not progress.required or progress.done < progress.required:
        return False
    return min_grade is None or (grade is not None and grade * 100 >= min_grade)


@dataclass(frozen=True)
class Progress:
    """A learner's progress in a course (or an assignment): done out of required."""

    done: int
    required: int

    @property
    def percent(self) -> int:
        return percent(self.done, self.required)


class AssignmentState(models.TextChoices):
    DONE = "done", _("Terminé")
    LATE = "late", _("En retard")
    OPEN = "open", _("À faire")


def assignment_state(*, complete: bool, due_at: datetime, now: datetime) -> str:
    """An assignment is done once its target is complete: never late after that."""
    if complete:
        return AssignmentState.DONE
    return AssignmentState.LATE if due_at < now else AssignmentState.OPEN


@dataclass(frozen=True)
class AssignmentStatus:
    """One pupil's standing on one assignment."""

    progress: Progress
    state: str
    due_at: datetime

    @property
    def done(self) -> bool:
        return self.state == AssignmentState.DONE

    @property
    def late(self) -> bool:
        return self.state == AssignmentState.LATE

    @property
    def label(self) -> str:
        return str(AssignmentState(self.state).label)
