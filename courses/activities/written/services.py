"""Writes of written work: handing it in, marking it, a learner's data and its erasure.

Each hand-in and each mark goes through ``courses.completion.services.attempt_record``
with the submission's registration, so the one attempt is updated in place and the
completion follows the activity's rule (handed in, or the mark reaching the pass mark).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.activities.written.models import WrittenActivity, WrittenSubmission
from courses.activities.written.selectors import may_review
from courses.completion.services import attempt_record


class SubmissionRefused(Exception):
    """The pupil may not hand this in; the message is for them, in French."""


def _file_delete_on_commit(name: str) -> None:
    if name:
        storage = WrittenSubmission._meta.get_field("image").storage
        transaction.on_commit(lambda: storage.delete(name))


def _locked_submission(*, activity: WrittenActivity, pupil, text: str) -> WrittenSubmission:
    """The pupil's submission, created if needed, locked: two hand-ins at once (a double
    click) make one submission and one attempt."""
    try:
        with transaction.atomic():
            WrittenSubmission.objects.get_or_create(
                activity=activity,
                pupil=pupil,
                defaults={"text": text, "submitted_at": timezone.now()},
            )
    except IntegrityError:  # created concurrently by the other request: fine
        pass
    return WrittenSubmission.objects.select_for_update().get(activity=activity, pupil=pupil)


@transaction.atomic
def submission_save(
    *,
    activity: WrittenActivity,
    pupil,
    text: str,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> WrittenSubmission:
    """Hand in ``text`` (already checked by the form), or hand it in again until marked.

    ``image`` must have passed ``cms.uploads.upload_check``; it replaces the previous one.
    """
    if image is not None and not activity.image_allowed:
        raise SubmissionRefused(_("Cette activité n'accepte pas d'image."))
    submission = _locked_submission(activity=activity, pupil=pupil, text=text)
    if submission.is_marked:
        raise SubmissionRefused(
            _("Votre enseignant a déjà corrigé ce texte : il ne peut plus être modifié.")
        )
    previous_image = submission.image.name if submission.image else ""
    submission.text = text
    submission.submitted_at = timezone.now()
    if image is not None:
        submission.image.save(image.name, image, save=False)
    elif remove_image:
        submission.image = ""
    try:
        submission.save()
        submission.attempt = attempt_record(
            activity=activity,
            user=pupil,
            score_raw=None,
            score_max=None,
            score_scaled=None,
            registration=submission.registration,
        )
        submission.save(update_fields=["attempt"])
    except BaseException:
        if image is not None:  # the new file was stored before the rows that name it
            submission.image.storage.delete(submission.image.name)
        raise
    if previous_image and previous_image != (submission.image.name or ""):
        _file_delete_on_commit(previous_image)
    return submission


@transaction.atomic
def submission_mark(
    *, submission: WrittenSubmission, teacher, mark: Decimal, comment: str = ""
) -> WrittenSubmission:
    """The teacher's mark (on the activity's scale) and comment; marking again replaces them."""
    submission = WrittenSubmission.objects.select_for_update().get(pk=submission.pk)
    activity = WrittenActivity.objects.get(pk=submission.activity_id)
    if not may_review(teacher=teacher, activity=activity, pupil=submission.pupil):
        raise PermissionDenied
    scale = Decimal(activity.mark_scale)
    if not Decimal(0) <= mark <= scale:
        raise ValueError(f"mark {mark} is outside 0–{scale}")
    submission.attempt = attempt_record(
        activity=activity,
        user=submission.pupil,
        score_raw=mark,
        score_max=scale,
        score_scaled=mark / scale,
        success=mark >= activity.pass_mark,
        registration=submission.registration,
    )
    submission.mark = mark
    submission.teacher_comment = (comment or "").strip()
    submission.marked_by = teacher
    submission.marked_at = timezone.now()
    submission.save()
    return submission


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def learner_data(*, user) -> dict:
    """The pupil's texts, images (by name), marks and comments, for the privacy export."""
    return {
        "submissions": [
            {
                "activity": s.activity.title,
                "text": s.text,
                "image": s.image.name.rsplit("/", 1)[-1] if s.image else None,
                "submitted_at": _iso(s.submitted_at),
                "mark": None if s.mark is None else str(s.mark),
                "mark_scale": s.activity.mark_scale,
                "teacher_comment": s.teacher_comment,
                "marked_at": _iso(s.marked_at),
            }
            for s in WrittenSubmission.objects.filter(pupil=user)
            .select_related("activity")
            .order_by("submitted_at", "pk")
        ]
    }


@transaction.atomic
def learner_erase(*, user) -> None:
    """Delete the pupil's texts and their images (the attempts' scores stay, anonymous)."""
    WrittenSubmission.objects.filter(pupil=user).delete()


def submission_image_forget(sender, instance: WrittenSubmission, **kwargs) -> None:
    """``post_delete``: a deleted submission (erasure, a deleted page) takes its image along,
    once the deletion is committed."""
    _file_delete_on_commit(instance.image.name if instance.image else "")
