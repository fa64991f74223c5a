"""``import_content`` support for classes (kind ``class``), the demo's and any other.

An item names its class by school and name (and school year, this one by default)::

    {"kind": "class",
     "school": {"uai": "0750654D", "name": "Collège Jean-Moulin", "kind": "college",
                "commune": "Paris", "departement": "75", "academie": "Paris"},
     "name": "5e B", "level": "cycle-4", "teacher": "enseignante",
     "pupils": [{"username": "lynx-bleu-42", "display_name": "Lynx"}, "Camille"],
     "assignments": [{"course": "se-proteger-en-ligne", "due_in_days": 14,
                      "instructions": "À terminer avant les vacances."}]}

``school`` may be just its UAI when the school exists. ``teacher`` is the username of a
teacher account. A pupil is an existing pupil account (``username``) with the name the
class sees, or a bare first name or pseudonym: a new pseudonymous account is made for it,
without a password the importer could show (the teacher prints a new card from the
class). Assignments give published courses, named by slug, open ``opens_in_days`` from
now (0 by default) and due ``due_in_days`` from today, at 18:00.

Re-importing updates the class: level, teacher added, pupils added or renamed, each
assignment's dates and instructions. It never removes a pupil or an assignment, nor
anything pupils did.
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.content_import import (
    ItemError,
    ItemImporter,
    check_choice,
    check_integer,
    check_text,
    resolve_terms,
    validation_message,
)
from cms.models import Level
from cms.roles import is_pupil, is_teacher
from courses.classes.models import Assignment, Classroom, School, uai_validate
from courses.classes.services import (
    DISPLAY_NAME_MAX,
    ClassroomRefused,
    academic_year_of,
    assignment_create,
    class_member_add,
    classroom_create,
    roster_add,
)
from courses.structure.models import CoursePage

SCHOOL_FIELDS = ("name", "kind", "commune", "departement", "academie")
DUE_HOUR = time(18, 0)
MAX_DAYS = 366


class ClassImporter(ItemImporter):
    key_label = gettext_lazy("la classe")

    def key_of(self, item: dict[str, Any]) -> str:
        school = item.get("school")
        uai = school.get("uai") if isinstance(school, dict) else school
        name = " ".join(str(item.get("name") or "").split())
        return f"{uai or '?'}/{name}"

    def validate(self, item: dict[str, Any]) -> dict[str, Any]:
        school = item.get("school")
        if isinstance(school, str):
            school = {"uai": school}
        if not isinstance(school, dict) or not isinstance(school.get("uai"), str):
            raise ItemError(_("« school » doit être un code UAI ou un objet {uai, name, …}"))
        try:
            uai_validate(school["uai"])
        except ValidationError as error:
            raise ItemError(" ".join(error.messages)) from error
        name = " ".join(check_text(item, "name", max_length=80).split())
        if not name:
            raise ItemError(_("« name » (le nom de la classe) est obligatoire"))
        if not isinstance(item.get("teacher"), str) or not item["teacher"]:
            raise ItemError(_("« teacher » (l'identifiant d'un enseignant) est obligatoire"))
        for name_field in ("pupils", "assignments"):
            if not isinstance(item.get(name_field, []), list):
                raise ItemError(_("« %(field)s » doit être une liste") % {"field": name_field})
        academic_year = check_text(item, "academic_year") or academic_year_of()
        return {**item, "school": school, "name": name, "academic_year": academic_year}

    def existing_classroom(self, item: dict[str, Any]) -> Classroom | None:
        return Classroom.objects.filter(
            school__uai=item["school"]["uai"],
            name=item["name"],
            academic_year=item["academic_year"],
        ).first()

    def exists(self, item: dict[str, Any]) -> bool:
        return self.existing_classroom(item) is not None

    def import_item(self, item: dict[str, Any], *, create_taxonomies: bool) -> str:
        teacher = teacher_for(item["teacher"])
        school = school_ensure(item["school"])
        school.teachers.add(teacher)
        level = None
        if item.get("level"):
            level = resolve_terms(Level, [check_text(item, "level")], create_taxonomies)[0]
        classroom = self.existing_classroom(item)
        existing = classroom is not None
        try:
            if classroom is None:
                classroom = classroom_create(
                    teacher=teacher,
                    school=school,
                    name=item["name"],
                    level=level,
                    academic_year=item["academic_year"],
                )
            else:
                if "level" in item and classroom.level != level:
                    classroom.level = level
                    classroom.save(update_fields=["level"])
                classroom.teachers.add(teacher)
            pupils_import(classroom, teacher, item.get("pupils") or [])
            assignments_import(classroom, teacher, item.get("assignments") or [])
        except (ClassroomRefused, PermissionDenied) as error:
            raise ItemError(str(error) or _("opération refusée")) from error
        return "updated" if existing else "created"


def teacher_for(username: str):
    teacher = get_user_model().objects.filter(username=username).first()
    if teacher is None or not is_teacher(teacher):
        raise ItemError(
            _("« teacher » : aucun compte enseignant « %(username)s »") % {"username": username}
        )
    return teacher


def school_ensure(data: dict[str, Any]) -> School:
    """The school of that UAI, created or updated with the fields the item gives."""
    school = School.objects.filter(uai=data["uai"]).first()
    given = {name: data[name] for name in SCHOOL_FIELDS if data.get(name) not in (None, "")}
    if school is None and len(given) < len(SCHOOL_FIELDS):
        raise ItemError(
            _("établissement %(uai)s inconnu : donnez aussi %(fields)s")
            % {
                "uai": data["uai"],
                "fields": ", ".join(name for name in SCHOOL_FIELDS if name not in given),
            }
        )
    if "kind" in given:
        check_choice(given, "kind", School.Kind.values)
    school = school or School(uai=data["uai"])
    changed = school.pk is None or any(getattr(school, k) != v for k, v in given.items())
    if changed:
        for name, value in given.items():
            setattr(school, name, value)
        try:
            school.full_clean()
        except ValidationError as error:
            raise ItemError(validation_message(error)) from error
        school.save()
    return school


def pupils_import(classroom: Classroom, teacher, pupils: list[Any]) -> None:
    """Existing accounts join (or are renamed); bare names get new pseudonymous accounts."""
    users = get_user_model().objects
    memberships = {m.pupil.get_username(): m for m in classroom.memberships.select_related("pupil")}
    names_in_class = {m.display_name for m in memberships.values()}
    new_names, seen = [], set()
    for position, entry in enumerate(pupils, start=1):
        if isinstance(entry, str):
            entry = {"display_name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("display_name"), str):
            raise ItemError(
                _("élève n° %(position)s : attendu un prénom ou {username, display_name}")
                % {"position": position}
            )
        name = " ".join(entry["display_name"].split())
        username = entry.get("username")
        key = username or name
        if key in seen:
            raise ItemError(
                _("élève n° %(position)s : « %(key)s » figure deux fois")
                % {"position": position, "key": key}
            )
        seen.add(key)
        if not name or len(name) > DISPLAY_NAME_MAX:
            raise ItemError(
                _("élève n° %(position)s : un prénom ou pseudonyme de 1 à %(max)s caractères")
                % {"position": position, "max": DISPLAY_NAME_MAX}
            )
        if username is None:
            if name not in names_in_class:
                new_names.append(name)
            continue
        pupil = users.filter(username=username).first() if isinstance(username, str) else None
        if pupil is None or not is_pupil(pupil):
            raise ItemError(
                _("élève n° %(position)s : aucun compte élève « %(username)s »")
                % {"position": position, "username": username}
            )
        class_member_add(classroom=classroom, teacher=teacher, pupil=pupil, display_name=name)
    if new_names:
        roster_add(classroom=classroom, teacher=teacher, names=new_names)


def assignments_import(classroom: Classroom, teacher, assignments: list[Any]) -> None:
    now = timezone.now()
    seen = set()
    for position, entry in enumerate(assignments, start=1):
        where = _("affectation n° %(position)s") % {"position": position}
        if not isinstance(entry, dict) or not isinstance(entry.get("course"), str):
            raise ItemError(_("%(where)s : attendu {course, due_in_days}") % {"where": where})
        if entry["course"] in seen:
            raise ItemError(
                _("%(where)s : le parcours « %(slug)s » est déjà donné")
                % {"where": where, "slug": entry["course"]}
            )
        seen.add(entry["course"])
        course = CoursePage.objects.live().filter(slug=entry["course"]).first()
        if course is None:
            raise ItemError(
                _("%(where)s : aucun parcours publié « %(slug)s »")
                % {"where": where, "slug": entry["course"]}
            )
        try:
            due = check_integer(entry, "due_in_days", minimum=-MAX_DAYS, maximum=MAX_DAYS)
            opens = (
                check_integer(entry, "opens_in_days", minimum=-MAX_DAYS, maximum=MAX_DAYS)
                if "opens_in_days" in entry
                else 0
            )
            instructions = check_text(entry, "instructions")
        except ItemError as error:
            raise ItemError(f"{where} : {error}") from error
        opens_at = now + timedelta(days=opens)
        due_at = timezone.make_aware(
            datetime.combine(timezone.localdate(now) + timedelta(days=due), DUE_HOUR)
        )
        assignment = Assignment.objects.filter(classroom=classroom, page=course).first()
        try:
            if assignment is None:
                assignment_create(
                    classroom=classroom,
                    teacher=teacher,
                    page=course,
                    opens_at=opens_at,
                    due_at=due_at,
                    instructions=instructions,
                )
            else:
                if due_at <= opens_at:
                    raise ClassroomRefused(_("La date limite doit suivre la date d'ouverture."))
                assignment.opens_at, assignment.due_at = opens_at, due_at
                assignment.instructions = instructions.strip()
                assignment.save(update_fields=["opens_at", "due_at", "instructions"])
        except ClassroomRefused as error:
            raise ItemError(f"{where} : {error}") from error
