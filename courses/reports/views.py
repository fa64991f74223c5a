"""The admin course report."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from cms.exports import table_export
from courses.reports.selectors import course_answers, course_completion_grid
from courses.structure.models import CoursePage


def course_report(request, course_id: int):
    """Admin report of a course: completion grid and answers, with CSV/XLSX export.

    Learner data: only for users holding ``courses.view_course_report`` (not editors).
    """

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
    answer_headers, answer_rows = course_answers(course=course)
    return render(
        request,
        "courses/admin/course_report.html",
        {
            "course": course,
            "headers": headers,
            "rows": rows,
            "answer_headers": answer_headers,
            "answer_rows": answer_rows,
        },
    )
