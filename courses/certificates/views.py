"""Public certificate verification, the learner's PDF and the Open Badge credential."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from courses.certificates.documents import certificate_pdf, open_badge
from courses.certificates.models import Certificate


def certificate_verify(request, code: str):
    certificate = get_object_or_404(Certificate.objects.select_related("course"), code=code)
    return render(request, "courses/certificate_verify.html", {"certificate": certificate})


def certificate_download(request, code: str):
    certificate = get_object_or_404(Certificate.objects.select_related("course", "user"), code=code)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user != certificate.user and not request.user.is_staff:
        raise Http404  # someone else's certificate names them: as absent as a missing one
    verify_url = request.build_absolute_uri(reverse("courses:certificate_verify", args=[code]))
    response = HttpResponse(
        certificate_pdf(certificate=certificate, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificat-{slugify(certificate.course_title)}.pdf"'
    )
    return response


def certificate_badge(request, code: str):
    certificate = get_object_or_404(Certificate.objects.select_related("course"), code=code)
    verify_url = request.build_absolute_uri(reverse("courses:certificate_verify", args=[code]))
    if certificate.revoked:  # a verifier must not accept it; the page says why
        return JsonResponse(
            {"id": verify_url, "revoked": True, "revocationReason": certificate.revoked_reason},
            status=410,
            json_dumps_params={"ensure_ascii": False},
        )
    badge = open_badge(
        certificate=certificate,
        verify_url=verify_url,
        course_url=certificate.course.get_full_url(request) if certificate.course else verify_url,
        site_url=request.build_absolute_uri("/"),
    )
    return JsonResponse(badge, json_dumps_params={"ensure_ascii": False})
