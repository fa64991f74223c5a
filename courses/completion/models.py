"""What learners did and where they stand: enrolments, attempts, activity and course completions.

Views read completions through ``courses.completion.selectors``, never raw statements."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ActivityCompletion",
    "Attempt",
    "CompletionState",
    "CourseCompletion",
]


class Attempt(models.Model):
    """One graded try at an activity (a quiz submission, an H5P result)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    activity = models.ForeignKey(
        "courses.Activity", on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveIntegerField()
    score_raw = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    score_max = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    score_scaled = models.DecimalField(max_digits=6, decimal_places=5, null=True)
    success = models.BooleanField(null=True)
    responses = models.JSONField(default=dict, blank=True)
    statement = models.OneToOneField(
        "courses.XapiStatement", null=True, blank=True, on_delete=models.SET_NULL
    )
    registration = models.UUIDField(
        null=True,
        blank=True,
        help_text="xAPI registration: statements sharing it update one attempt.",
    )
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity", "number"], name="unique_attempt_number"
            )
        ]


class CompletionState(models.TextChoices):
    NOT_STARTED = "not_started", _("Pas commencée")
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETE = "complete", _("Terminée")
    PASSED = "passed", _("Réussie")
    FAILED = "failed", _("Non réussie")


DONE_STATES = frozenset({CompletionState.COMPLETE, CompletionState.PASSED})
"""The states that count as done (``courses.completion.progress.state_is_done``)."""


class ActivityCompletion(models.Model):
    """A learner's standing on one activity, recomputed from their views, marks and attempts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_completions"
    )
    activity = models.ForeignKey(
        "courses.Activity", on_delete=models.CASCADE, related_name="completions"
    )
    viewed = models.BooleanField(default=False)
    marked_done = models.BooleanField(default=False)
    attempt_count = models.PositiveIntegerField(default=0)
    grade = models.DecimalField(max_digits=6, decimal_places=5, null=True)
    state = models.CharField(
        max_length=12, choices=CompletionState.choices, default=CompletionState.NOT_STARTED
    )
    completed_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "activity"], name="one_completion_per_activity")
        ]

    @property
    def is_complete(self) -> bool:
        return self.state in DONE_STATES

    @property
    def grade_percent(self):
        return None if self.grade is None else round(self.grade * 100, 1)


class CourseCompletion(models.Model):
    """A course the learner has completed, as things stand now: recomputed (and removed)
    when the course or the learner's work changes. The certificate it led to is a separate,
    durable record (``courses.certificates``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completions"
    )
    grade = models.DecimalField(max_digits=6, decimal_places=5, null=True)
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_completion_per_course")
        ]
