"""Who may see a class: its teachers only (everyone else gets 403 or 404)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cms.roles import is_teacher
from courses.classes.models import Classroom


def teacher_required(request) -> None:
    if not is_teacher(request.user):
        raise PermissionDenied


def own_classroom(request, pk: int) -> Classroom:
    teacher_required(request)
    return get_object_or_404(
        Classroom.objects.select_related("school", "level"), pk=pk, teachers=request.user
    )
