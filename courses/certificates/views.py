"""Public certificate verification, the learner's PDF and the Open Badge assertion."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from courses.certificates.documents import certificate_pdf, open_badge
from courses.models import CourseCompletion


def certificate_verify(request, code: str):
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("course"), certificate_code=code
    )
    return render(request, "courses/certificate_verify.html", {"completion": completion})


def certificate_download(request, code: str):
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("course", "user"), certificate_code=code
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user != completion.user and not request.user.is_staff:
        raise Http404  # someone else's certificate names them: as absent as a missing one
    verify_url = request.build_absolute_uri(reverse("courses:certificate_verify", args=[code]))
    response = HttpResponse(
        certificate_pdf(completion=completion, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificat-{completion.course.slug}.pdf"'
    )
    return response


def certificate_badge(request, code: str):
    completion = get_object_or_404(
        CourseCompletion.objects.select_related("course"), certificate_code=code
    )
    badge = open_badge(
        completion=completion,
        verify_url=request.build_absolute_uri(reverse("courses:certificate_verify", args=[code])),
        course_url=completion.course.get_full_url(request),
        site_url=request.build_absolute_uri("/"),
    )
    return JsonResponse(badge, json_dumps_params={"ensure_ascii": False})
