"""xAPI storage: pseudonymous learner identities, statements kept once per id, and the
state documents interactive content saves to resume."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ActivityUserData", "LearnerIdentity", "XapiStatement"]


class LearnerIdentity(models.Model):
    """The pseudonymous xAPI account of a user: statements never carry a username."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_identity"
    )
    account_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("identité d'apprenant")
        verbose_name_plural = _("identités d'apprenants")


class XapiStatement(models.Model):
    """An xAPI statement, stored once per id, exactly as validated."""

    statement_id = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="xapi_statements",
    )
    activity = models.ForeignKey(
        "courses.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="xapi_statements",
    )
    verb = models.CharField(max_length=255)
    object_id = models.CharField(max_length=2048)
    is_main_object = models.BooleanField(
        default=True, help_text="False for a sub-question (a statement with a parent activity)."
    )
    payload = models.JSONField()
    timestamp = models.DateTimeField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "activity"])]
        verbose_name = _("déclaration xAPI")
        verbose_name_plural = _("déclarations xAPI")


class ActivityUserData(models.Model):
    """What an interactive activity saves to resume where the learner stopped (H5P's
    content user data: one document per data type and sub-content)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_user_data"
    )
    activity = models.ForeignKey(
        "courses.Activity", on_delete=models.CASCADE, related_name="user_data"
    )
    data_type = models.CharField(max_length=127)
    sub_content_id = models.CharField(max_length=64, default="0")
    data = models.TextField()
    preload = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity", "data_type", "sub_content_id"],
                name="one_user_data_document",
            )
        ]
