"""The roles of the permission matrix (ARCHITECTURE.md) as Django groups.

Teachers and pupils are front-end roles (no Wagtail admin); editors and moderators are
Wagtail's own groups. Group names are data: they stay as created by the first migrate.
"""

TEACHER_GROUP = "Enseignants"
STUDENT_GROUP = "Élèves"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"


def is_teacher(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=TEACHER_GROUP).exists()
    )


def is_pupil(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=STUDENT_GROUP).exists()
    )


def roles_context(request) -> dict:
    """``user_is_teacher`` / ``user_is_pupil`` for templates, computed only when used."""
    user = getattr(request, "user", None)
    return {
        "user_is_teacher": lambda: user is not None and is_teacher(user),
        "user_is_pupil": lambda: user is not None and is_pupil(user),
    }
