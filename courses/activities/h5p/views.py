"""The H5P player (separate origin, sandboxed) and its resume data endpoint."""

from django.conf import settings
from django.core import signing
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from courses.activities.h5p.l10n import h5p_player_translations
from courses.activities.h5p.models import H5PPackage
from courses.activities.h5p.services import activity_user_data_save
from courses.structure.models import Activity
from courses.xapi.models import ActivityUserData
from courses.xapi.statements import (
    ACTIVITY_EXTENSION,
)


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
        "statementsUrl": settings.REPERES_COURSES_XAPI_STATEMENTS_URL,
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
