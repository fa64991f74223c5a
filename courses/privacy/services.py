"""Learners' rights (RGPD): their data as JSON, erasure, end-of-year archiving and purge.

Erasure keeps the class figures right: the account row stays, emptied and renamed, as
the anonymous actor its completions, attempts and statements now belong to; the xAPI
account in the statements is replaced by a new random one, so nothing links them back.
"""

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.activity_types import (
    answer_rows_by_attempt,
    learner_data_by_type,
    learner_erase_by_type,
)
from courses.certificates.models import Certificate
from courses.classes.models import ClassMembership, Classroom
from courses.classes.services import academic_year_of
from courses.completion.models import ActivityCompletion, Attempt, CourseCompletion
from courses.structure.models import Activity, Enrolment
from courses.xapi.models import ActivityUserData, LearnerIdentity, XapiStatement

ERASED_PREFIX = "efface-"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def learner_data_export(*, user) -> dict[str, Any]:
    """Everything Repères keeps about ``user`` as a learner (no query per attempt)."""
    identity = LearnerIdentity.objects.filter(user=user).first()
    return {
        "profile": {
            "username": user.get_username(),
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "xapi_account": str(identity.account_name) if identity else None,
        },
        "classes": [
            {
                "class": m.classroom.name,
                "school": m.classroom.school.name,
                "academic_year": m.classroom.academic_year,
                "display_name": m.display_name,
                "joined_at": _iso(m.joined_at),
            }
            for m in ClassMembership.objects.filter(pupil=user).select_related("classroom__school")
        ],
        "enrolments": [
            {
                "course": e.course.title,
                "status": e.status,
                "source": e.source,
                "enrolled_at": _iso(e.enrolled_at),
                "ended_at": _iso(e.ended_at),
            }
            for e in Enrolment.objects.filter(user=user).select_related("course")
        ],
        "completions": [
            {
                "activity": c.activity.title,
                "state": c.state,
                "grade": None if c.grade is None else str(c.grade),
                "completed_at": _iso(c.completed_at),
            }
            for c in ActivityCompletion.objects.filter(user=user).select_related("activity")
        ],
        "course_completions": [
            {
                "course": c.course.title,
                "completed_at": _iso(c.completed_at),
            }
            for c in CourseCompletion.objects.filter(user=user).select_related("course")
        ],
        "certificates": [
            {
                "code": c.code,
                "course": c.course_title,
                "issued_at": _iso(c.issued_at),
                "revoked_at": _iso(c.revoked_at),
                "revoked_reason": c.revoked_reason,
            }
            for c in Certificate.objects.filter(user=user)
        ],
        "attempts": _attempts_export(user=user),
        "statements": [s.payload for s in XapiStatement.objects.filter(user=user)],
        "saved_activity_state": [
            {"activity": d.activity.title, "data_type": d.data_type, "data": d.data}
            for d in ActivityUserData.objects.filter(user=user).select_related("activity")
        ],
        # What each activity type keeps about the learner on its own, by type.
        "activity_types": learner_data_by_type(user=user),
    }


def _attempts_export(*, user) -> list[dict[str, Any]]:
    """The learner's attempts, each with its answers in words as its activity type reads
    them (queries: the attempts, their activities, then per activity what its type needs)."""
    attempts = list(Attempt.objects.filter(user=user).order_by("completed_at", "pk"))
    pages = {
        page.pk: page
        for page in Activity.objects.filter(pk__in={a.activity_id for a in attempts}).specific()
    }
    answers: dict[int, list] = {}
    for activity_id, page in pages.items():
        answers.update(
            answer_rows_by_attempt(
                activity=page, attempts=[a for a in attempts if a.activity_id == activity_id]
            )
        )
    return [
        {
            "activity": pages[a.activity_id].title if a.activity_id in pages else None,
            "number": a.number,
            "score_scaled": None if a.score_scaled is None else str(a.score_scaled),
            "success": a.success,
            "responses": a.responses,
            "answers": [
                {"question": row.question, "answer": row.answer, "correct": row.correct}
                for row in answers.get(a.pk, [])
            ],
            "completed_at": _iso(a.completed_at),
        }
        for a in attempts
    ]


@transaction.atomic
def learner_erase(*, user) -> None:
    """Erase a learner's personal data; what they did stays, attributed to nobody."""
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    anonymous = f"{ERASED_PREFIX}{uuid.uuid4().hex[:12]}"
    old = LearnerIdentity.objects.filter(user=user).first()
    if old is not None:
        old.delete()
    new_account = str(LearnerIdentity.objects.create(user=user).account_name)
    statements = list(XapiStatement.objects.filter(user=user).only("pk", "payload"))
    for statement in statements:
        actor = statement.payload.get("actor") or {}
        account = actor.get("account") or {}
        statement.payload["actor"] = {
            "objectType": "Agent",
            "account": {"homePage": account.get("homePage", ""), "name": new_account},
        }
    XapiStatement.objects.bulk_update(statements, ["payload"], batch_size=500)
    ActivityUserData.objects.filter(user=user).delete()  # saved answers in progress
    learner_erase_by_type(user=user)
    ClassMembership.objects.filter(pupil=user).update(display_name="")
    user.username = anonymous
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def classrooms_archive(*, now=None) -> int:
    """Archive the classes of past school years; returns how many were archived."""
    now = now or timezone.now()
    current = academic_year_of(now)
    return Classroom.objects.filter(archived=False, academic_year__lt=current).update(
        archived=True, archived_at=now, join_code_closed=True
    )


def pupils_purge(*, now=None, retention_days: int | None = None) -> int:
    """Erase pupils whose classes were all archived more than the retention period ago."""
    now = now or timezone.now()
    days = (
        retention_days
        if retention_days is not None
        else settings.REPERES_COURSES_PUPIL_RETENTION_DAYS
    )
    limit = now - timedelta(days=days)
    expired = ClassMembership.objects.filter(
        classroom__archived=True, classroom__archived_at__lte=limit
    ).values("pupil_id")
    still_in_class = ClassMembership.objects.filter(
        classroom__archived=False
    ) | ClassMembership.objects.filter(classroom__archived_at__gt=limit)
    pupils = (
        get_user_model()
        .objects.filter(pk__in=expired)
        .exclude(pk__in=still_in_class.values("pupil_id"))
        .exclude(username__startswith=ERASED_PREFIX)
    )
    count = 0
    for pupil in pupils:
        learner_erase(user=pupil)
        count += 1
    return count
