"""Learners' rights: download or erase one's data, a teacher doing it for a pupil, the notice."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.classes.access import own_classroom
from courses.classes.models import ClassMembership, Classroom
from courses.privacy.services import learner_data_export, learner_erase

# --- Learners' rights -------------------------------------------------------------------------


def _json_download(data: dict, filename: str) -> HttpResponse:

    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_data(request):
    """A learner downloads their data or erases their account (password confirmed)."""

    if request.GET.get("format") == "json":
        return _json_download(learner_data_export(user=request.user), "mes-donnees-reperes")
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            learner_erase(user=request.user)

            logout(request)
            return render(request, "courses/privacy/erased.html")
        error = _("Mot de passe incorrect : le compte n'a pas été effacé.")
    return render(
        request, "courses/privacy/my_data.html", {"error": error}, status=400 if error else 200
    )


def _own_pupil(request, pk: int, pupil_id: int) -> tuple[Classroom, ClassMembership]:
    classroom = own_classroom(request, pk)
    membership = get_object_or_404(
        ClassMembership.objects.select_related("pupil"), classroom=classroom, pupil_id=pupil_id
    )
    return classroom, membership


@login_required
def pupil_data(request, pk: int, pupil_id: int):
    """The teacher, on a pupil's behalf: their data as JSON, or their account erased."""

    classroom, membership = _own_pupil(request, pk, pupil_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "effacer":
            messages.error(request, _("Cochez la confirmation pour effacer le compte."))
            return redirect("courses:pupil_data", pk=classroom.pk, pupil_id=pupil_id)
        learner_erase(user=membership.pupil)
        messages.success(request, _("Le compte de l'élève a été effacé."))
        return redirect("courses:classroom_detail", pk=classroom.pk)
    if request.GET.get("format") == "json":
        return _json_download(
            learner_data_export(user=membership.pupil), f"donnees-{membership.pupil.pk}"
        )
    return render(
        request,
        "courses/privacy/pupil_data.html",
        {"classroom": classroom, "membership": membership},
    )


def privacy_notice(request):

    return render(
        request,
        "courses/privacy/notice.html",
        {"retention_days": settings.REPERES_COURSES_PUPIL_RETENTION_DAYS},
    )
