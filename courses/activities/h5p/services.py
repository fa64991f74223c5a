"""H5P content user data: what a package saves to resume where the learner stopped."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.structure.models import Activity
from courses.xapi.models import ActivityUserData

USER_DATA_MAX_LENGTH = 256 * 1024


@transaction.atomic
def activity_user_data_save(
    *, activity: Activity, user, data_type: str, sub_content_id: str, data: str, preload: bool
) -> ActivityUserData | None:
    """Save (or, for H5P's "0", delete) one resume document of a learner."""
    key = {
        "user": user,
        "activity_id": activity.pk,
        "data_type": data_type,
        "sub_content_id": sub_content_id,
    }
    if data == "0":
        ActivityUserData.objects.filter(**key).delete()
        return None
    if len(data) > USER_DATA_MAX_LENGTH:
        raise ValueError(_("Les données à enregistrer sont trop volumineuses."))
    document, _created = ActivityUserData.objects.update_or_create(
        **key, defaults={"data": data, "preload": preload}
    )
    return document
