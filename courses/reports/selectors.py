"""Course reports (selectors): the completion grid and the per-question answers, plus
CSV/XLSX export. Neither runs more queries for more learners."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.activity_types import AnswerRow, answer_rows_by_attempt
from courses.completion.models import Attempt, CompletionState
from courses.completion.progress import Progress, activity_counts, grade_percent
from courses.completion.selectors import LearnerStates, course_activities, learner_states
from courses.structure.models import Activity, CoursePage, Enrolment


@dataclass
class CompletionGrid:
    """Learners × activities of one course, with each learner's course standing."""

    course: CoursePage
    activities: list[Activity]
    states: LearnerStates
    learners: list

    @property
    def rows(self) -> list[tuple[object, Progress, bool, list[tuple[str, str]]]]:
        """(learner, progress, course complete, [(state, label)] per activity)."""
        return [
            (
                user,
                self.states.progress(user.pk, self.activities),
                self.states.course_complete(user.pk, self.course.pk),
                [self._cell(user.pk, activity) for activity in self.activities],
            )
            for user in self.learners
        ]

    def _cell(self, user_id: int, activity: Activity) -> tuple[str, str]:
        state = self.states.state(user_id, activity.pk)
        grade = grade_percent(self.states.grade(user_id, activity.pk))
        label = str(CompletionState(state).label)
        return state, label if grade is None else f"{label} ({grade} %)"

    def table(self) -> tuple[list[str], list[list[str]]]:
        headers = [_("Élève"), _("Parcours"), _("Activités terminées")]
        for activity in self.activities:
            optional = "" if activity_counts(activity) else f" ({_('facultative')})"
            headers.append(f"{activity.title}{optional}")
        body = [
            [
                user.get_username(),
                _("Terminé") if complete else _("En cours"),
                f"{progress.done}/{progress.required}",
                *[label for _state, label in cells],
            ]
            for user, progress, complete, cells in self.rows
        ]
        return headers, body


def course_completion_grid(*, course: CoursePage) -> CompletionGrid:
    """Four queries whatever the number of learners and activities."""
    activities = course_activities(courses=[course])[course.pk]
    learners = [
        enrolment.user
        for enrolment in Enrolment.objects.filter(course=course)
        .select_related("user")
        .order_by("user__username")
    ]
    states = learner_states(
        user_ids=[user.pk for user in learners],
        activity_ids=[activity.pk for activity in activities],
        course_ids=[course.pk],
    )
    return CompletionGrid(course=course, activities=activities, states=states, learners=learners)


def course_answers(*, course: CoursePage) -> tuple[list[str], list[list[str]]]:
    """Every answer given, one row per learner × attempt × question, in words.

    Each activity type turns its attempts into rows (``answer_rows_by_attempt``): the
    quiz from the attempt's stored responses, H5P from the attempt's xAPI statements.
    Queries: the activities (one per activity type), the attempts, then what each type
    needs per activity (none for a quiz, one for an H5P activity) — never per learner.
    """
    headers = [
        _("Élève"),
        _("Activité"),
        _("Tentative"),
        _("Question"),
        _("Réponse"),
        _("Correcte"),
    ]
    activities = {
        activity.pk: activity for activity in Activity.objects.descendant_of(course).specific()
    }
    attempts = list(
        Attempt.objects.filter(activity_id__in=activities)
        .select_related("user")
        .order_by("activity__path", "user__username", "number")
    )
    by_activity: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_activity[attempt.activity_id].append(attempt)
    answers: dict[int, list[AnswerRow]] = {}
    for activity_id, activity_attempts in by_activity.items():
        answers.update(
            answer_rows_by_attempt(activity=activities[activity_id], attempts=activity_attempts)
        )
    verdicts = {True: _("oui"), False: _("non"), None: ""}
    return headers, [
        [
            attempt.user.get_username(),
            activities[attempt.activity_id].title,
            str(attempt.number),
            row.question,
            row.answer,
            verdicts[row.correct],
        ]
        for attempt in attempts
        for row in answers.get(attempt.pk, [])
    ]
