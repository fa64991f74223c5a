"""Writes for certificates: issue once, revoke and restore explicitly, each logged."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.roles import EDITORS_GROUP
from courses.certificates.models import Certificate
from courses.completion.models import CourseCompletion


class CertificateRefused(Exception):
    """The action is refused; the message is for the editor, in French."""


def certificate_issue(*, completion: CourseCompletion) -> Certificate:
    """The learner's certificate for the course, issued on first completion and kept for
    good: completing again (after the course changed) keeps the same code."""
    existing = Certificate.objects.filter(user=completion.user, course=completion.course).first()
    if existing is not None:
        return existing
    course = completion.course
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=completion.user,
                course=course,
                course_title=course.title,
                course_revision_id=course.live_revision_id,
                grade=completion.grade,
                issued_at=completion.completed_at,
            )
    except IntegrityError:  # issued concurrently by another request: that one stands
        return Certificate.objects.get(user=completion.user, course=course)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise CertificateRefused(_("Indiquez le motif de la révocation."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked:
        raise CertificateRefused(_("Ce certificat est déjà révoqué."))
    certificate.revoked_at, certificate.revoked_by = timezone.now(), by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    log(certificate, "courses.certificate_revoke", user=by, data={"reason": reason})
    return certificate


@transaction.atomic
def certificate_restore(*, certificate: Certificate, by) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked:
        reason = certificate.revoked_reason
        certificate.revoked_at, certificate.revoked_by, certificate.revoked_reason = None, None, ""
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        log(certificate, "courses.certificate_restore", user=by, data={"reason": reason})
    return certificate


def revocation_permission_grant() -> None:
    """Editors revoke and restore certificates (an editorial decision, logged)."""

    # Django creates model permissions after this runs on the first migrate: make sure.
    permission, _created = Permission.objects.get_or_create(
        codename="revoke_certificate",
        content_type=ContentType.objects.get_for_model(Certificate),
        defaults={"name": "Can revoke and restore a certificate"},
    )
    # Wagtail's migrations create the group; after a test flush it may not exist yet.
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.add(permission)
