"""Views of the classroom flow: teachers' classes, pupils joining, assignments, progress.

Thin: parse, check the permission matrix, call one service or selector, render.
Teachers see their own classes only (another class: 404); pupils, editors and anonymous
users never reach a teacher view (403 or the login page)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from cms.exports import table_export
from cms.roles import TEACHER_GROUP
from courses.classes import services as classrooms
from courses.classes.access import own_classroom, teacher_required
from courses.classes.forms import (
    AssignmentForm,
    ClassroomForm,
    ExtensionForm,
    JoinForm,
    RosterForm,
)
from courses.classes.login_cards import login_cards_pdf
from courses.classes.models import Assignment, ClassMembership, Classroom
from courses.classes.selectors import assignment_missed_questions, class_progress
from courses.classes.services import ClassroomRefused, LoginCard


@login_required
def classroom_list(request):
    teacher_required(request)
    form = ClassroomForm(request.POST or None, teacher=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = classrooms.classroom_create(teacher=request.user, **form.cleaned_data)
        except ClassroomRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Classe créée. Donnez le code à vos élèves."))
            return redirect("courses:classroom_detail", pk=classroom.pk)
    taught = (
        Classroom.objects.filter(teachers=request.user)
        .select_related("school")
        .order_by("archived", "-academic_year", "name")
    )
    return render(
        request,
        "courses/classrooms/list.html",
        {
            "active": [c for c in taught if not c.archived],
            "archived": [c for c in taught if c.archived],
            "form": form,
            "has_school": form.fields["school"].queryset.exists(),
        },
    )


@login_required
def classroom_detail(request, pk: int):
    classroom = own_classroom(request, pk)
    teachers = list(classroom.teachers.order_by("username"))
    colleagues = classroom.school.teachers.filter(groups__name=TEACHER_GROUP).exclude(
        pk__in=[t.pk for t in teachers]
    )
    return render(
        request,
        "courses/classrooms/detail.html",
        {
            "classroom": classroom,
            "teachers": teachers,
            "colleagues": colleagues.order_by("username"),
            "grid": class_progress(classroom=classroom),
            "roster_form": RosterForm(),
            "code_open": classrooms.join_code_open(classroom),
        },
    )


@login_required
@require_POST
def classroom_coteacher(request, pk: int):
    """Add a teacher of the same school to the class."""

    classroom = own_classroom(request, pk)
    colleague = get_user_model().objects.filter(pk=request.POST.get("teacher") or 0).first()
    try:
        if colleague is None:
            raise ClassroomRefused(_("Choisissez un enseignant de l'établissement."))
        classrooms.classroom_teacher_add(
            classroom=classroom, teacher=request.user, colleague=colleague
        )
    except ClassroomRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("%(name)s enseigne aussi dans cette classe.") % {"name": colleague}
        )
    return redirect("courses:classroom_detail", pk=classroom.pk)


@login_required
@require_POST
def classroom_code(request, pk: int):
    classroom = own_classroom(request, pk)
    if request.POST.get("action") == "close":
        classrooms.join_code_close(classroom=classroom)
        messages.success(request, _("Le code est fermé : plus personne ne peut rejoindre."))
    else:
        try:
            classroom = classrooms.join_code_regenerate(classroom=classroom)
        except ClassroomRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("courses:classroom_detail", pk=classroom.pk)
        messages.success(
            request,
            _("Nouveau code : %(code)s (l'ancien ne fonctionne plus).")
            % {"code": classroom.join_code},
        )
    return redirect("courses:classroom_detail", pk=classroom.pk)


@login_required
def classroom_roster(request, pk: int):
    classroom = own_classroom(request, pk)
    form = RosterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cards = classrooms.roster_add(
                classroom=classroom, teacher=request.user, names=form.cleaned_data["names"]
            )
        except ClassroomRefused as refusal:
            form.add_error("names", str(refusal))
        else:
            return _cards_page(request, classroom, cards)
    return render(request, "courses/classrooms/roster.html", {"classroom": classroom, "form": form})


def _cards_page(request, classroom: Classroom, cards: list[LoginCard]):
    return render(
        request,
        "courses/classrooms/login_cards.html",
        {"classroom": classroom, "cards": cards, "login_url": _login_url(request)},
    )


def _login_url(request) -> str:
    return request.build_absolute_uri(reverse("login"))


@login_required
@require_POST
def classroom_cards_pdf(request, pk: int):
    """The cards just shown, as a PDF. Passphrases are never stored in clear: the page
    posts back what it shows, and only pupils of this class are printed."""
    classroom = own_classroom(request, pk)
    usernames = request.POST.getlist("username")
    passwords = request.POST.getlist("password")
    members = {
        m.pupil.get_username(): m.display_name
        for m in classroom.memberships.select_related("pupil").filter(pupil__username__in=usernames)
    }
    cards = [
        LoginCard(members[username], username, password, str(classroom))
        for username, password in zip(usernames, passwords, strict=False)
        if username in members and password
    ]
    if not cards:
        messages.error(request, _("Aucune carte à imprimer."))
        return redirect("courses:classroom_detail", pk=classroom.pk)
    response = HttpResponse(
        login_cards_pdf(cards=cards, login_url=_login_url(request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="cartes-{classroom.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def classroom_password_reset(request, pk: int, pupil_id: int):
    classroom = own_classroom(request, pk)
    membership = get_object_or_404(
        ClassMembership.objects.select_related("pupil"), classroom=classroom, pupil_id=pupil_id
    )
    card = classrooms.pupil_password_reset(
        classroom=classroom, teacher=request.user, pupil=membership.pupil
    )
    return _cards_page(request, classroom, [card])


def _assignable_pages():
    return (
        Page.objects.live()
        .type(*classrooms.assignable_page_types())
        .order_by("content_type", "path")
    )


@login_required
def assignment_create(request, pk: int):
    classroom = own_classroom(request, pk)
    form = AssignmentForm(request.POST or None, classroom=classroom, pages=_assignable_pages())
    if request.method == "POST" and form.is_valid():
        try:
            classrooms.assignment_create(
                classroom=classroom, teacher=request.user, **form.cleaned_data
            )
        except ClassroomRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Contenu donné à la classe."))
            return redirect("courses:classroom_detail", pk=classroom.pk)
    return render(
        request, "courses/classrooms/assignment_form.html", {"classroom": classroom, "form": form}
    )


@login_required
def assignment_detail(request, pk: int, assignment_id: int):
    classroom = own_classroom(request, pk)
    assignment = get_object_or_404(
        Assignment.objects.select_related("page"), pk=assignment_id, classroom=classroom
    )
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = get_object_or_404(
            ClassMembership.objects.select_related("pupil"),
            classroom=classroom,
            pupil_id=form.cleaned_data["pupil"],
        )
        try:
            classrooms.deadline_extend(
                assignment=assignment,
                teacher=request.user,
                pupil=membership.pupil,
                due_at=form.cleaned_data["due_at"],
            )
        except ClassroomRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Date limite prolongée pour %(name)s.") % {"name": membership.display_name},
            )
            return redirect(
                "courses:assignment_detail", pk=classroom.pk, assignment_id=assignment.pk
            )
    grid = class_progress(classroom=classroom)
    column = next(c for c in grid.columns if c.assignment.pk == assignment.pk)
    return render(
        request,
        "courses/classrooms/assignment_detail.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "column": column,
            "grid": grid,
            "report": grid.assignment_rows(assignment.pk),
            "missed": assignment_missed_questions(assignment=assignment),
        },
    )


@login_required
def classroom_export(request, pk: int, file_format: str):
    classroom = own_classroom(request, pk)
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    headers, rows = class_progress(classroom=classroom).table()
    return table_export(
        headers=headers,
        rows=rows,
        file_format=file_format,
        filename=f"progression-classe-{classroom.pk}",
    )


@login_required
def classroom_print(request, pk: int):
    classroom = own_classroom(request, pk)
    return render(
        request,
        "courses/classrooms/print.html",
        {"classroom": classroom, "grid": class_progress(classroom=classroom)},
    )


def _join_limited(request, code: str) -> bool:

    by_address = is_ratelimited(
        request,
        group="courses.join.ip",
        key="ip",
        rate=settings.REPERES_COURSES_JOIN_RATE_PER_IP,
        method="POST",
        increment=True,
    )
    by_code = is_ratelimited(
        request,
        group="courses.join.code",
        key=lambda _group, _request: classrooms.join_code_normalize(code) or "-",
        rate=settings.REPERES_COURSES_JOIN_RATE_PER_CODE,
        method="POST",
        increment=True,
    )
    return by_address or by_code


def class_join(request):
    """Pupils join a class with its code: a new account, or theirs when signed in."""
    signed_in = request.user.is_authenticated
    form = JoinForm(request.POST or None, signed_in=signed_in)
    status = 200
    if request.method == "POST":
        if _join_limited(request, request.POST.get("code", "")):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Trop d'essais en peu de temps. Attends quelques minutes avant de "
                    "réessayer, ou demande l'aide de ton enseignant."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                joined = classrooms.class_join(
                    code=form.cleaned_data["code"],
                    display_name=form.cleaned_data["display_name"],
                    password=form.cleaned_data.get("password", ""),
                    user=request.user if signed_in else None,
                )
            except ClassroomRefused as refusal:
                form.add_error(None, str(refusal))
                status = 400
            else:
                pupil = joined.membership.pupil
                if joined.created_account:
                    login(request, pupil, backend="django.contrib.auth.backends.ModelBackend")
                return render(
                    request,
                    "courses/classrooms/joined.html",
                    {"membership": joined.membership, "created": joined.created_account},
                )
        else:
            status = 400
    return render(request, "courses/classrooms/join.html", {"form": form}, status=status)
