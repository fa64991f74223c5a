"""Public views of learning content: the H5P player page, framed by activity pages."""

from django.conf import settings
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from courses.models import H5PPackage

XAPI_STATEMENTS_URL = "/xapi/statements"
# Context extension carrying the activity id (an IRI as xAPI wants, stable across hosts).
XAPI_ACTIVITY_EXTENSION = "urn:reperes:xapi:extension:activity-id"


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
        },
        "title": package.title,
        "activity": activity_id,
        "tracking": request.user.is_authenticated,
        "statementsUrl": getattr(
            settings, "REPERES_COURSES_XAPI_STATEMENTS_URL", XAPI_STATEMENTS_URL
        ),
        "activityExtension": XAPI_ACTIVITY_EXTENSION,
        "storageKey": f"reperes.xapi.pending.{activity if activity_id is not None else 'none'}",
        "csrfToken": get_token(request),
    }
    return render(request, "courses/h5p_player.html", {"package": package, "config": config})
