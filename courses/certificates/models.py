"""A certificate is a durable record: once issued it keeps its code, its verification
page and its PDF, whatever later happens to the course or to the learner's completion.

Only an explicit, logged and reversible revocation by an editor changes what its
verification page says.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Certificate"]

CERTIFICATE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


def certificate_code() -> str:
    return "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(10))


class Certificate(models.Model):
    code = models.CharField(
        _("code"), max_length=12, unique=True, default=certificate_code, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
        help_text="Kept empty if the course page is deleted: the certificate stays.",
    )
    course_title = models.CharField(_("parcours"), max_length=255)
    course_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("version du parcours attestée"),
    )
    grade = models.DecimalField(max_digits=6, decimal_places=5, null=True)
    issued_at = models.DateTimeField(_("délivré le"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_reason = models.TextField(_("motif de la révocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "courses"
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        permissions = [("revoke_certificate", _("Peut révoquer et rétablir un certificat"))]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.course_title}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
