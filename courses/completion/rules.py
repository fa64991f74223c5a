"""Completion rules: how an activity's rule and grading method turn what a learner did
into a state and a grade. Pure functions, no queries."""

from decimal import Decimal

from courses.choices import CompletionRule, GradingMethod
from courses.completion.models import ActivityCompletion, CompletionState
from courses.structure.models import Activity


def attempts_grade(*, scores: list[Decimal], method: str) -> Decimal | None:
    """The activity grade (0–1) from its attempts' scaled scores, oldest first."""
    if not scores:
        return None
    if method == GradingMethod.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.00001"))
    if method == GradingMethod.FIRST:
        return scores[0]
    if method == GradingMethod.LAST:
        return scores[-1]
    return max(scores)


def completion_state(*, activity: Activity, completion: ActivityCompletion) -> str:
    """Apply the activity's completion rule to what the learner did."""
    rule, grade = activity.completion_rule, completion.grade
    percent = None if grade is None else grade * 100
    started = completion.viewed or completion.attempt_count > 0
    fallback = CompletionState.IN_PROGRESS if started else CompletionState.NOT_STARTED
    out_of_attempts = (
        bool(activity.max_attempts) and completion.attempt_count >= activity.max_attempts
    )
    if rule == CompletionRule.VIEWED:
        return CompletionState.COMPLETE if completion.viewed else fallback
    if rule == CompletionRule.MARKED_DONE:
        return CompletionState.COMPLETE if completion.marked_done else fallback
    if rule == CompletionRule.SUBMITTED:
        return CompletionState.COMPLETE if completion.attempt_count else fallback
    if rule == CompletionRule.MIN_SCORE:
        if percent is not None and activity.min_score is not None and percent >= activity.min_score:
            return CompletionState.COMPLETE
        return CompletionState.FAILED if out_of_attempts else fallback
    if rule == CompletionRule.PASSED:
        if percent is None:
            return fallback
        return CompletionState.PASSED if percent >= activity.pass_score else CompletionState.FAILED
    return fallback  # CompletionRule.NONE: not tracked
