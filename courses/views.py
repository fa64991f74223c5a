"""Thin views: xAPI statements, enrolment, activities, certificates, the H5P player."""

import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from courses.certificates import certificate_pdf, open_badge
from courses.h5p_l10n import h5p_player_translations
from courses.models import CourseCompletion, H5PPackage, XapiStatement
from courses.selectors import learner_courses
from courses.services import (
    AttemptRefused,
    activity_mark_done,
    activity_view_record,
    enrolment_create,
    enrolment_end,
    is_enrolled,
    quiz_attempt_submit,
)
from courses.xapi import (
    ACTIVITY_EXTENSION,
    XAPI_VERSION,
    StatementError,
    statements_parse,
    statements_store,
)

VERSION_HEADER = "X-Experience-API-Version"


def _xapi_error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response[VERSION_HEADER] = XAPI_VERSION
    return response


@require_http_methods(["GET", "POST", "PUT"])
def xapi_statements(request):
    """POST one statement or a list; PUT one with ?statementId=; GET own by ?statementId=."""
    if not request.user.is_authenticated:
        return _xapi_error(_("Connectez-vous pour enregistrer votre progression."), 401)
    if not request.headers.get(VERSION_HEADER, "").startswith("1.0"):
        return _xapi_error(_("En-tête X-Experience-API-Version 1.0.x manquant."), 400)
    if request.method == "GET":
        return _statement_get(request)
    try:
        payload = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _xapi_error(_("Le corps de la requête n'est pas du JSON valide."), 400)
    try:
        statements = statements_parse(payload)
        if request.method == "PUT":
            statement_id = _statement_id_param(request)
            if len(statements) != 1 or isinstance(payload, list):
                raise StatementError(_("PUT attend une seule déclaration."))
            if statements[0].id not in (None, statement_id):
                raise StatementError(_("L'identifiant du corps diffère de statementId."))
            statements[0].id = statement_id
        ids = statements_store(
            user=request.user, statements=statements, home_page=request.build_absolute_uri("/")
        )
    except StatementError as error:
        return _xapi_error(str(error), error.status)
    if request.method == "PUT":
        response = HttpResponse(status=204)
    else:
        response = JsonResponse([str(i) for i in ids], safe=False, status=200)
    response[VERSION_HEADER] = XAPI_VERSION
    return response


def _statement_id_param(request) -> uuid.UUID:
    try:
        return uuid.UUID(request.GET.get("statementId", ""))
    except ValueError:
        raise StatementError(_("Paramètre statementId manquant ou invalide.")) from None


def _statement_get(request):
    try:
        statement_id = _statement_id_param(request)
    except StatementError as error:
        return _xapi_error(str(error), 400)
    statement = XapiStatement.objects.filter(statement_id=statement_id, user=request.user).first()
    if statement is None:  # another learner's statement is as absent as a missing one
        return _xapi_error(_("Déclaration introuvable."), 404)
    response = JsonResponse(statement.payload)
    response[VERSION_HEADER] = XAPI_VERSION
    return response


def course_enrol(request, *, course):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    enrolment_create(course=course, user=request.user)
    messages.success(request, _("Vous êtes inscrit à ce parcours."))
    return redirect(course.url)


def course_unenrol(request, *, course):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    enrolment_end(course=course, user=request.user)
    messages.info(
        request, _("Vous n'êtes plus inscrit à ce parcours ; votre historique est conservé.")
    )
    return redirect(course.url)


def activity_show(request, *, activity):
    """Render an activity; for an enrolled learner, record that it was viewed."""
    if request.user.is_authenticated and is_enrolled(course=activity.course, user=request.user):
        activity_view_record(activity=activity, user=request.user)
    return activity.render(request)


def activity_done(request, *, activity):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(activity.url)
    if not is_enrolled(course=activity.course, user=request.user):
        messages.error(request, _("Inscrivez-vous au parcours pour enregistrer votre progression."))
        return redirect(activity.url)
    activity_mark_done(
        activity=activity, user=request.user, done=request.POST.get("done", "1") == "1"
    )
    return redirect(activity.url)


def quiz_submit(request, *, quiz):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    if not is_enrolled(course=quiz.course, user=request.user):
        messages.error(request, _("Inscrivez-vous au parcours pour enregistrer votre progression."))
        return redirect(quiz.url)
    answers = {
        question.id: (
            request.POST.getlist(f"q-{question.id}")
            if question.block_type == "multiple_choice"
            else request.POST.get(f"q-{question.id}")
        )
        for question in quiz.questions
    }
    try:
        attempt = quiz_attempt_submit(quiz=quiz, user=request.user, answers=answers)
    except AttemptRefused as error:
        messages.error(request, str(error))
        return redirect(quiz.url)
    return redirect(quiz.url + quiz.reverse_subpage("attempt_review", args=[attempt.number]))


def quiz_review(request, *, quiz, number: int):
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    attempt = quiz.attempts.filter(user=request.user, number=number).first()
    if attempt is None:  # another learner's attempt is as absent as a missing one
        raise Http404
    review = [(question, attempt.responses.get(question.id, {})) for question in quiz.questions]
    return quiz.render(
        request,
        template="courses/quiz_review.html",
        context_overrides={"attempt": attempt, "review": review},
    )


@login_required
def learner_dashboard(request):
    from courses.class_reports import pupil_todo

    return render(
        request,
        "courses/dashboard.html",
        {"dashboard": learner_courses(user=request.user), "todo": pupil_todo(user=request.user)},
    )


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


XAPI_STATEMENTS_URL = "/xapi/statements"


@require_GET
@xframe_options_sameorigin
def h5p_player(request, pk: int):
    """A standalone page playing one package with h5p-standalone, meant for an iframe.

    ``?activity=<id>`` tells the xAPI bridge which activity it reports for. Statements
    are sent only for signed-in users: anonymous visitors try activities untracked.
    The page must be framed by our own pages only, hence SAMEORIGIN (production
    denies framing everywhere else).
    """
    package = get_object_or_404(H5PPackage, pk=pk)
    activity = request.GET.get("activity", "")
    activity_id = int(activity) if activity.isdigit() else None
    config = {
        "player": {
            "h5pJsonPath": package.content_url,
            "frameJs": static("vendor/h5p-standalone/frame.bundle.js"),
            "frameCss": static("vendor/h5p-standalone/styles/h5p.css"),
            "id": f"h5p-{package.pk}",
            "translations": h5p_player_translations(),
        },
        "title": package.title,
        "activity": activity_id,
        "tracking": request.user.is_authenticated,
        "statementsUrl": getattr(
            settings, "REPERES_COURSES_XAPI_STATEMENTS_URL", XAPI_STATEMENTS_URL
        ),
        "activityExtension": ACTIVITY_EXTENSION,
        "storageKey": f"reperes.xapi.pending.{activity if activity_id is not None else 'none'}",
        "csrfToken": get_token(request),
    }
    if request.user.is_authenticated and activity_id is not None:
        config["player"].update(h5p_resume_options(request, activity_id=activity_id))
    return render(request, "courses/h5p_player.html", {"package": package, "config": config})


USER_DATA_SALT = "courses.h5p.user-data"
USER_DATA_TOKEN_MAX_AGE = 12 * 60 * 60


def h5p_resume_options(request, *, activity_id: int) -> dict:
    """h5p-standalone options to restore and save the learner's state (resume).

    H5P core posts its user data with plain form fields and no CSRF header: the URL
    carries a token signed for this user and activity, checked by ``h5p_user_data``.
    """
    from django.core import signing

    from courses.models import ActivityUserData

    token = signing.dumps({"user": request.user.pk, "activity": activity_id}, salt=USER_DATA_SALT)
    saved: dict[int, dict[str, str]] = {}
    documents = ActivityUserData.objects.filter(
        user=request.user, activity_id=activity_id, preload=True
    )
    for document in documents:
        index = int(document.sub_content_id) if document.sub_content_id.isdigit() else 0
        saved.setdefault(index, {})[document.data_type] = document.data
    return {
        "saveFreq": settings.REPERES_COURSES_H5P_SAVE_FREQUENCY,
        "user": {"name": request.user.first_name or request.user.get_username(), "mail": ""},
        "contentUserData": [saved.get(index, {}) for index in range(max(saved, default=0) + 1)],
        "ajax": {
            "contentUserDataUrl": reverse(
                "courses:h5p_user_data", args=[activity_id, ":dataType", ":subContentId"]
            )
            + f"?token={token}"
        },
    }


@csrf_exempt  # the signed token in the URL is the CSRF protection (see h5p_resume_options)
@require_http_methods(["GET", "POST"])
def h5p_user_data(request, activity_id: int, data_type: str, sub_content_id: str):
    """H5P core's content user data endpoint: GET a saved document, POST to save it."""
    from django.core import signing

    from courses.models import Activity, ActivityUserData
    from courses.services import activity_user_data_save

    try:
        claims = signing.loads(
            request.GET.get("token", ""), salt=USER_DATA_SALT, max_age=USER_DATA_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return JsonResponse(
            {"success": False, "message": _("Jeton invalide ou expiré.")}, status=403
        )
    if not request.user.is_authenticated or claims != {
        "user": request.user.pk,
        "activity": activity_id,
    }:
        return JsonResponse(
            {"success": False, "message": _("Jeton invalide ou expiré.")}, status=403
        )
    activity = get_object_or_404(Activity, pk=activity_id)
    if request.method == "GET":
        document = ActivityUserData.objects.filter(
            user=request.user, activity=activity, data_type=data_type, sub_content_id=sub_content_id
        ).first()
        return JsonResponse({"success": True, "data": document.data if document else False})
    try:
        activity_user_data_save(
            activity=activity,
            user=request.user,
            data_type=data_type,
            sub_content_id=sub_content_id,
            data=request.POST.get("data", ""),
            preload=request.POST.get("preload") == "1",
        )
    except ValueError as error:
        return JsonResponse({"success": False, "message": str(error)}, status=400)
    return JsonResponse({"success": True})


def course_report(request, course_id: int):
    """Admin report of a course: completion grid and answers, with CSV/XLSX export.

    Learner data: only for users holding ``courses.view_course_report`` (not editors).
    """
    from django.core.exceptions import PermissionDenied

    from courses.models import CoursePage
    from courses.reports import course_answers, course_completion_grid, table_export

    if not request.user.has_perm("courses.view_course_report"):
        raise PermissionDenied
    course = get_object_or_404(CoursePage, pk=course_id)
    grid = course_completion_grid(course=course)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        if request.GET.get("table") == "answers":
            headers, rows = course_answers(course=course)
            return table_export(
                headers=headers, rows=rows, file_format=export, filename=f"{course.slug}-reponses"
            )
        headers, rows = grid.table()
        return table_export(
            headers=headers, rows=rows, file_format=export, filename=f"{course.slug}-achevement"
        )
    headers, rows = grid.table()
    return render(
        request,
        "courses/admin/course_report.html",
        {"course": course, "headers": headers, "rows": rows},
    )
