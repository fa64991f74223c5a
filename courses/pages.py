"""The learner's side of course and activity pages (the views their routes hand over to:
enrolment, viewing, marking done, page context) and the learner's dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.certificates.selectors import certificate_for, learner_certificates
from courses.classes.selectors import pupil_todo
from courses.completion.selectors import activity_progress, course_outline, learner_courses
from courses.completion.services import activity_mark_done, activity_view_record
from courses.structure.services import enrolment_create, enrolment_end, is_enrolled


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


def activity_post_refusal(request, activity) -> HttpResponse | None:
    """Why a learner's POST to ``activity`` cannot be recorded, as the response to send:
    not a POST, not signed in, or not enrolled in its course. None: go ahead."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(activity.url)
    if not is_enrolled(course=activity.course, user=request.user):
        messages.error(request, _("Inscrivez-vous au parcours pour enregistrer votre progression."))
        return redirect(activity.url)
    return None


def activity_done(request, *, activity):
    if refusal := activity_post_refusal(request, activity):
        return refusal
    activity_mark_done(
        activity=activity, user=request.user, done=request.POST.get("done", "1") == "1"
    )
    return redirect(activity.url)


@login_required
def learner_dashboard(request):
    return render(
        request,
        "courses/dashboard.html",
        {
            "dashboard": learner_courses(user=request.user),
            "todo": pupil_todo(user=request.user),
            "certificates": learner_certificates(user=request.user),
        },
    )


def course_context(request, course) -> dict:
    """What a course page shows beyond its fields: the outline with the learner's
    progress, and their certificate if one was issued."""
    return {
        "outline": course_outline(course=course, user=request.user),
        "certificate": certificate_for(user=request.user, course=course),
    }


def activity_context(request, activity) -> dict:
    return {
        "course": activity.course,
        "progress": activity_progress(activity=activity, user=request.user),
    }
