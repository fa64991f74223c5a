"""Course reports (selectors): the completion grid and the per-question answers, plus
CSV/XLSX export. Each report runs a fixed number of queries whatever its size."""

from dataclasses import dataclass

from courses.models import (
    Activity,
    ActivityCompletion,
    Attempt,
    CoursePage,
    Enrolment,
    XapiStatement,
)


@dataclass
class CompletionGrid:
    activities: list[Activity]
    rows: list[tuple[object, list[ActivityCompletion | None]]]

    def table(self) -> tuple[list[str], list[list[str]]]:
        headers = ["Élève", *[activity.title for activity in self.activities]]
        body = []
        for user, cells in self.rows:
            row = [user.get_username()]
            for cell in cells:
                if cell is None:
                    row.append("Pas commencée")
                else:
                    grade = "" if cell.grade is None else f" ({round(cell.grade * 100)} %)"
                    row.append(f"{cell.get_state_display()}{grade}")
            body.append(row)
        return headers, body


def course_completion_grid(*, course: CoursePage) -> CompletionGrid:
    activities = list(Activity.objects.live().descendant_of(course).order_by("path"))
    learners = [
        enrolment.user
        for enrolment in Enrolment.objects.filter(course=course)
        .select_related("user")
        .order_by("user__username")
    ]
    completions = {
        (c.user_id, c.activity_id): c
        for c in ActivityCompletion.objects.filter(activity__in=activities, user__in=learners)
    }
    rows = [
        (user, [completions.get((user.pk, activity.pk)) for activity in activities])
        for user in learners
    ]
    return CompletionGrid(activities=activities, rows=rows)


def course_answers(*, course: CoursePage) -> tuple[list[str], list[list[str]]]:
    """Every answer given: quiz questions (from attempts) and H5P questions (from xAPI)."""
    from courses.activities.quiz.models import QuizActivity

    headers = ["Élève", "Activité", "Tentative", "Question", "Réponse", "Correcte"]
    activities = Activity.objects.descendant_of(course)
    quizzes = {quiz.pk: quiz for quiz in QuizActivity.objects.descendant_of(course)}
    prompts = {
        quiz_pk: {question.id: question.value["prompt"] for question in quiz.questions}
        for quiz_pk, quiz in quizzes.items()
    }
    rows = []
    attempts = (
        Attempt.objects.filter(activity__in=activities)
        .select_related("user", "activity")
        .order_by("activity__path", "user__username", "number")
    )
    for attempt in attempts:
        for question_id, detail in (attempt.responses or {}).items():
            response = detail.get("response")
            rows.append(
                [
                    attempt.user.get_username(),
                    attempt.activity.title,
                    str(attempt.number),
                    prompts.get(attempt.activity_id, {}).get(question_id, question_id),
                    ", ".join(response) if isinstance(response, list) else str(response or ""),
                    "oui" if detail.get("correct") else "non",
                ]
            )
    statements = (
        XapiStatement.objects.filter(
            activity__in=activities, is_main_object=False, payload__result__isnull=False
        )
        .select_related("user", "activity")
        .order_by("activity__path", "user__username", "timestamp")
    )
    for statement in statements:
        definition = statement.payload.get("object", {}).get("definition") or {}
        name = definition.get("description") or definition.get("name") or {}
        result = statement.payload.get("result", {})
        rows.append(
            [
                statement.user.get_username() if statement.user else "anonyme",
                statement.activity.title,
                "",
                next(iter(name.values()), statement.object_id)
                if isinstance(name, dict)
                else str(name),
                str(result.get("response", "")),
                {True: "oui", False: "non"}.get(result.get("success"), ""),
            ]
        )
    return headers, rows
