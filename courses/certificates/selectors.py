"""Reads of certificates."""

from courses.certificates.models import Certificate


def learner_certificates(*, user) -> list[Certificate]:
    return list(Certificate.objects.filter(user=user).order_by("-issued_at"))


def certificate_for(*, user, course) -> Certificate | None:
    if not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, course=course).first()
