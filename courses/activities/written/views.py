"""Written work's views: the pupil hands in, the teacher reads and marks, both see the image.

Only the pupil and a teacher of a class of theirs that was given the activity (or its
course) see a pupil's work; for everyone else signed in it does not exist (404).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.activities.written.forms import MarkForm, SubmissionForm
from courses.activities.written.models import WrittenActivity, WrittenSubmission
from courses.activities.written.selectors import may_see_submission, review_memberships
from courses.activities.written.services import (
    SubmissionRefused,
    submission_mark,
    submission_save,
)
from courses.completion.services import AttemptRefused
from courses.pages import activity_post_refusal

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def written_context(request, activity: WrittenActivity) -> dict:
    """The pupil's submission, and the form while it is not marked."""
    submission = (
        WrittenSubmission.objects.filter(activity=activity, pupil=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {"submission": submission}
    if not (submission and submission.is_marked):
        context["form"] = SubmissionForm(activity=activity, submission=submission)
    return context


def written_submit(request, *, activity: WrittenActivity):
    if refusal := activity_post_refusal(request, activity):
        return refusal
    submission = WrittenSubmission.objects.filter(activity=activity, pupil=request.user).first()
    form = SubmissionForm(request.POST, request.FILES, activity=activity, submission=submission)
    if form.is_valid():
        try:
            submission_save(
                activity=activity,
                pupil=request.user,
                text=form.cleaned_data["text"],
                image=form.cleaned_data.get("image"),
                remove_image=form.cleaned_data.get("remove_image", False),
            )
        except (SubmissionRefused, AttemptRefused) as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("Votre texte est rendu. Votre enseignant va le lire et le corriger.")
            )
        return redirect(activity.url)
    response = activity.render(request, context_overrides={"form": form})
    response.status_code = 400
    return response


@login_required
def written_review(request, activity_id: int, pupil_id: int):
    activity = get_object_or_404(WrittenActivity, pk=activity_id)
    pupil = get_object_or_404(get_user_model(), pk=pupil_id)
    memberships = list(review_memberships(teacher=request.user, activity=activity, pupil=pupil))
    if not memberships:
        raise Http404
    submission = WrittenSubmission.objects.filter(activity=activity, pupil=pupil).first()
    form = None
    status = 200
    if submission is not None:
        # "15,5" rather than the field's "15,50".
        initial = {"mark": submission.mark_display, "comment": submission.teacher_comment}
        form = MarkForm(request.POST or None, activity=activity, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                submission_mark(
                    submission=submission,
                    teacher=request.user,
                    mark=form.cleaned_data["mark"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("Correction enregistrée : l'élève la voit désormais."))
                return redirect(request.path)
            status = 400
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "courses/written_review.html",
        {
            "activity": activity,
            "course": activity.course,
            "membership": memberships[0],
            "memberships": memberships,
            "submission": submission,
            "form": form,
        },
        status=status,
    )


@login_required
def written_image(request, pk: int):
    submission = get_object_or_404(WrittenSubmission.objects.select_related("activity"), pk=pk)
    if not submission.image or not may_see_submission(user=request.user, submission=submission):
        raise Http404
    name = submission.image.name
    content_type = IMAGE_TYPES.get(name[name.rfind(".") :].lower())
    if content_type is None:
        raise Http404
    response = FileResponse(submission.image.open("rb"), content_type=content_type)
    response["Content-Disposition"] = 'inline; filename="image"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
