"""Classroom services: classes, join codes, pupil accounts, rosters and assignments.

Pupils are minors: an account gets a generated username ("lynx-bleu-42"), a password and
nothing else; the first name or pseudonym typed for it is kept on the class membership,
for the class's teachers. Every function that writes is atomic; refusals raise
``ClassroomRefused`` with a message for the user, in their language.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.roles import STUDENT_GROUP, is_pupil, is_teacher
from courses.classes.models import Assignment, ClassMembership, Classroom, DeadlineExtension, School
from courses.structure.models import Activity, CoursePage, Enrolment
from courses.structure.services import enrolment_create

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code read aloud or copied from the board is typed right."""
JOIN_CODE_LENGTH = 6
DISPLAY_NAME_MAX = 40
ROSTER_MAX = 40

# Words for usernames and passphrases: short, common, no accents, nothing unkind.
ANIMALS = (
    "lynx castor hibou renard loutre koala panda tigre zebre lama chouette dauphin "
    "faucon herisson lapin marmotte mouette otarie pingouin puma raton saumon tortue "
    "baleine bison cerf chamois colibri ecureuil flamant gazelle girafe jaguar"
).split()
COLOURS = "bleu vert roux jaune rose gris blanc noir violet orange dore argent".split()
PASSPHRASE_WORDS = (
    "pomme nuage velo soleil piano lune fleur sable etoile montagne riviere foret bateau "
    "crayon cerise orage prairie galet plume jardin citron ballon fusee cactus tambour "
    "lanterne biscuit caillou voilier flocon olive radis sapin tulipe vague volcan"
).split()


class ClassroomRefused(Exception):
    """Refused for a reason the user can act on; ``str()`` is the message to show."""


def join_code_days() -> int:
    return settings.REPERES_COURSES_JOIN_CODE_DAYS


def academic_year_of(moment: datetime | None = None) -> str:
    """The school year a moment belongs to ("2026-2027" from 1 September 2026, Paris time)."""
    day = timezone.localtime(moment or timezone.now()).date()
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def join_code_generate() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def join_code_normalize(text: str) -> str:
    """What a pupil typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


def _teacher_check(teacher, classroom: Classroom | None = None, school: School | None = None):
    if not is_teacher(teacher):
        raise PermissionDenied
    if school is not None and not school.teachers.filter(pk=teacher.pk).exists():
        raise PermissionDenied
    if classroom is not None and not classroom.teachers.filter(pk=teacher.pk).exists():
        raise PermissionDenied


def _new_join_code() -> str:
    for _attempt in range(20):
        code = join_code_generate()
        if not Classroom.objects.filter(join_code=code).exists():
            return code
    raise RuntimeError("no free join code after 20 tries")  # 31^6 codes: never in practice


@transaction.atomic
def classroom_create(
    *, teacher, school: School, name: str, level=None, academic_year: str = ""
) -> Classroom:
    """A class of ``school`` taught by ``teacher``, with a fresh join code."""
    _teacher_check(teacher, school=school)
    name = (name or "").strip()
    if not name:
        raise ClassroomRefused(_("Donnez un nom à la classe."))
    classroom = Classroom.objects.create(
        school=school,
        name=name[:80],
        level=level,
        academic_year=academic_year or academic_year_of(),
        join_code=_new_join_code(),
        join_code_expires_at=timezone.now() + timedelta(days=join_code_days()),
    )
    classroom.teachers.add(teacher)
    return classroom


@transaction.atomic
def classroom_teacher_add(*, classroom: Classroom, teacher, colleague) -> None:
    """A co-teacher: a teacher of the same school."""
    _teacher_check(teacher, classroom=classroom)
    if not is_teacher(colleague) or not classroom.school.teachers.filter(pk=colleague.pk).exists():
        raise ClassroomRefused(
            _("Seul un enseignant du même établissement peut être ajouté à la classe.")
        )
    classroom.teachers.add(colleague)


@transaction.atomic
def join_code_regenerate(*, classroom: Classroom) -> Classroom:
    """A new code (the old one stops working), open for ``REPERES_COURSES_JOIN_CODE_DAYS``."""
    classroom = Classroom.objects.select_for_update().get(pk=classroom.pk)
    if classroom.archived:
        raise ClassroomRefused(_("Cette classe est archivée."))
    classroom.join_code = _new_join_code()
    classroom.join_code_expires_at = timezone.now() + timedelta(days=join_code_days())
    classroom.join_code_closed = False
    classroom.save(update_fields=["join_code", "join_code_expires_at", "join_code_closed"])
    return classroom


@transaction.atomic
def join_code_close(*, classroom: Classroom) -> Classroom:
    classroom.join_code_closed = True
    classroom.save(update_fields=["join_code_closed"])
    return classroom


def _join_refusal(classroom: Classroom) -> str:
    """Why ``classroom``'s code takes nobody in now ("" when it is open)."""
    if classroom.archived or classroom.join_code_closed or not classroom.join_code:
        return _("Ce code est fermé : demande à ton enseignant de l'ouvrir à nouveau.")
    if classroom.join_code_expires_at and classroom.join_code_expires_at <= timezone.now():
        return _("Ce code a expiré : demande un nouveau code à ton enseignant.")
    return ""


def join_code_open(classroom: Classroom) -> bool:
    return not _join_refusal(classroom)


def classroom_for_code(code: str) -> Classroom:
    """The class a join code opens, or ``ClassroomRefused`` saying why not."""
    normalized = join_code_normalize(code)
    classroom = (
        Classroom.objects.filter(join_code=normalized).first()
        if len(normalized) == JOIN_CODE_LENGTH
        else None
    )
    if classroom is None:
        raise ClassroomRefused(
            _("Ce code ne correspond à aucune classe. Vérifie-le auprès de ton enseignant.")
        )
    refusal = _join_refusal(classroom)
    if refusal:
        raise ClassroomRefused(refusal)
    return classroom


def _display_name_clean(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise ClassroomRefused(_("Indique un prénom ou un pseudonyme."))
    if len(name) > DISPLAY_NAME_MAX:
        raise ClassroomRefused(
            _("Un prénom ou pseudonyme compte au plus %(max)d caractères.")
            % {"max": DISPLAY_NAME_MAX}
        )
    return name


def username_generate(taken: Callable[[str], bool] | None = None) -> str:
    """A free username made of an animal, a colour and two digits ("lynx-bleu-42")."""
    user_model = get_user_model()
    taken = taken or (lambda name: user_model.objects.filter(username=name).exists())
    digits = 2
    for attempt in range(60):
        if attempt and attempt % 20 == 0:
            digits += 1  # crowded: widen the number
        number = secrets.randbelow(10**digits)
        name = f"{secrets.choice(ANIMALS)}-{secrets.choice(COLOURS)}-{number:0{digits}d}"
        if not taken(name):
            return name
    raise RuntimeError("no free username after 60 tries")


def passphrase_generate() -> str:
    """Three words and two digits: easy to copy from a card, long enough to be safe."""
    words = [secrets.choice(PASSPHRASE_WORDS) for _ in range(3)]
    return "-".join([*words, f"{secrets.randbelow(100):02d}"])


def _pupil_create(*, password: str = ""):
    """A pupil account with a generated username the password does not resemble; without
    ``password``, a generated passphrase (kept on ``user.passphrase`` for the card)."""
    user_model = get_user_model()
    if password:
        user = _username_for(password)
    else:
        user = user_model(username=username_generate())
        user.passphrase = password = _passphrase_for(user)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=STUDENT_GROUP)[0])
    return user


def _username_for(password: str):
    """An unsaved user whose generated username ``password`` does not resemble, or
    ``ClassroomRefused`` when the password itself is refused (too short, too common…)."""
    user_model = get_user_model()
    for _attempt in range(20):
        user = user_model(username=username_generate())
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            if any(e.code != "password_too_similar" for e in error.error_list):
                raise ClassroomRefused(" ".join(error.messages)) from error
            continue
        return user
    raise ClassroomRefused(_("Choisis un autre mot de passe."))


def _passphrase_for(user) -> str:
    """A passphrase the validators accept for ``user`` (never too close to the username)."""
    while True:
        passphrase = passphrase_generate()
        try:
            password_validation.validate_password(passphrase, user)
        except ValidationError:
            continue
        return passphrase


def _membership_add(*, classroom: Classroom, pupil, display_name: str, source: str):
    membership, created = ClassMembership.objects.get_or_create(
        classroom=classroom,
        pupil=pupil,
        defaults={"display_name": display_name, "source": source},
    )
    if created:
        for assignment in classroom.assignments.filter(pupils__isnull=True).prefetch_related(
            "courses"
        ):
            _enrol(assignment, [pupil])
    return membership


@dataclass(frozen=True)
class Joined:
    membership: ClassMembership
    created_account: bool


@transaction.atomic
def class_join(*, code: str, display_name: str, password: str = "", user=None) -> Joined:
    """A pupil joins with the class's code: a new pseudonymous account (``password``
    chosen by the pupil), or ``user`` when a pupil already signed in joins another class."""
    classroom = classroom_for_code(code)
    name = _display_name_clean(display_name)
    created = user is None
    if created:
        user = _pupil_create(password=password)
    elif not is_pupil(user):
        raise ClassroomRefused(
            _("Ce compte n'est pas un compte élève : déconnectez-vous pour rejoindre la classe.")
        )
    membership = _membership_add(
        classroom=classroom, pupil=user, display_name=name, source=ClassMembership.Source.CODE
    )
    return Joined(membership=membership, created_account=created)


@dataclass(frozen=True)
class LoginCard:
    display_name: str
    username: str
    password: str
    classroom: str


@transaction.atomic
def roster_add(*, classroom: Classroom, teacher, names: Iterable[str]) -> list[LoginCard]:
    """Pupil accounts for a list of first names or pseudonyms, with their login cards.

    The passphrases exist only in the returned cards (print them now): what is stored is
    their hash, as for any password.
    """
    _teacher_check(teacher, classroom=classroom)
    if classroom.archived:
        raise ClassroomRefused(_("Cette classe est archivée."))
    cleaned = [_display_name_clean(name) for name in names if (name or "").strip()]
    if not cleaned:
        raise ClassroomRefused(_("Saisissez au moins un prénom ou pseudonyme, un par ligne."))
    if len(cleaned) > ROSTER_MAX:
        raise ClassroomRefused(_("Au plus %(max)d élèves à la fois.") % {"max": ROSTER_MAX})
    cards = []
    for name in cleaned:
        pupil = _pupil_create()
        passphrase = pupil.passphrase
        _membership_add(
            classroom=classroom,
            pupil=pupil,
            display_name=name,
            source=ClassMembership.Source.ROSTER,
        )
        cards.append(LoginCard(name, pupil.get_username(), passphrase, str(classroom)))
    return cards


@transaction.atomic
def class_member_add(*, classroom: Classroom, teacher, pupil, display_name: str) -> ClassMembership:
    """An existing pupil account in the teacher's class (as on the teacher's list), or its
    name in the class changed when it is already there."""
    _teacher_check(teacher, classroom=classroom)
    if classroom.archived:
        raise ClassroomRefused(_("Cette classe est archivée."))
    if not is_pupil(pupil):
        raise ClassroomRefused(_("Ce compte n'est pas un compte élève."))
    name = _display_name_clean(display_name)
    membership = _membership_add(
        classroom=classroom, pupil=pupil, display_name=name, source=ClassMembership.Source.ROSTER
    )
    if membership.display_name != name:
        membership.display_name = name
        membership.save(update_fields=["display_name"])
    return membership


@transaction.atomic
def pupil_password_reset(*, classroom: Classroom, teacher, pupil) -> LoginCard:
    """A new passphrase for a pupil of the teacher's class."""
    _teacher_check(teacher, classroom=classroom)
    membership = ClassMembership.objects.filter(classroom=classroom, pupil=pupil).first()
    if membership is None:
        raise PermissionDenied
    passphrase = _passphrase_for(pupil)
    pupil.set_password(passphrase)
    pupil.save(update_fields=["password"])
    return LoginCard(membership.display_name, pupil.get_username(), passphrase, str(classroom))


# --- Assignments ------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignableTarget:
    """What assigning a page means: the courses pupils are enrolled in and, for a single
    activity, that activity (then only it counts in the progress grid)."""

    courses: list[CoursePage]
    activity: Activity | None = None


_ASSIGNABLES: dict[type, Callable[[Page], AssignableTarget]] = {}


def register_assignable(model: type, resolve: Callable[[Page], AssignableTarget]) -> None:
    """Let teachers assign pages of ``model`` (content apps call it in ``ready()``)."""
    _ASSIGNABLES[model] = resolve


def assignable_page_types() -> tuple[type, ...]:
    """The page models teachers may assign (for choosers)."""
    return tuple(_ASSIGNABLES)


def assignable_target(page: Page) -> AssignableTarget | None:
    specific = page.specific
    for model in type(specific).__mro__:
        if model in _ASSIGNABLES:
            return _ASSIGNABLES[model](specific)
    return None


def _enrol(assignment: Assignment, pupils: Iterable) -> None:
    courses = list(assignment.courses.all())
    for pupil in pupils:
        for course in courses:
            enrolment_create(course=course, user=pupil, source=Enrolment.Source.ASSIGNMENT)


@transaction.atomic
def assignment_create(
    *,
    classroom: Classroom,
    teacher,
    page: Page,
    opens_at: datetime,
    due_at: datetime,
    instructions: str = "",
    pupils: Iterable | None = None,
) -> Assignment:
    """Give ``page`` to the class (or to ``pupils`` of it); they are enrolled at once."""
    _teacher_check(teacher, classroom=classroom)
    if classroom.archived:
        raise ClassroomRefused(_("Cette classe est archivée."))
    target = assignable_target(page) if page.live else None
    if target is None or not (target.courses or target.activity):
        raise ClassroomRefused(
            _("Ce contenu ne peut pas être donné à une classe (ni parcours, ni activité).")
        )
    if due_at <= opens_at:
        raise ClassroomRefused(_("La date limite doit suivre la date d'ouverture."))
    chosen = list(pupils or [])
    members = set(classroom.memberships.values_list("pupil_id", flat=True))
    if any(pupil.pk not in members for pupil in chosen):
        raise ClassroomRefused(_("Choisissez des élèves de cette classe."))
    assignment = Assignment.objects.create(
        classroom=classroom,
        page=page,
        activity=target.activity,
        opens_at=opens_at,
        due_at=due_at,
        instructions=(instructions or "").strip(),
        created_by=teacher,
    )
    assignment.courses.set(target.courses)
    assignment.pupils.set(chosen)
    everyone = [m.pupil for m in classroom.memberships.select_related("pupil")]
    _enrol(assignment, chosen or everyone)
    return assignment


@transaction.atomic
def deadline_extend(*, assignment: Assignment, teacher, pupil, due_at: datetime):
    """A later due date for one pupil of the assignment."""
    _teacher_check(teacher, classroom=assignment.classroom)
    if not assignment.classroom.memberships.filter(pupil=pupil).exists():
        raise PermissionDenied
    if due_at <= assignment.due_at:
        raise ClassroomRefused(_("La nouvelle date doit suivre la date limite de la classe."))
    extension, _created = DeadlineExtension.objects.update_or_create(
        assignment=assignment, pupil=pupil, defaults={"due_at": due_at}
    )
    return extension


def _course_target(course: CoursePage) -> AssignableTarget:
    return AssignableTarget(courses=[course])


def _activity_target(activity: Activity) -> AssignableTarget:
    course = CoursePage.objects.ancestor_of(activity).first()
    return AssignableTarget(courses=[course] if course else [], activity=activity)


def register_course_assignables() -> None:
    register_assignable(CoursePage, _course_target)
    register_assignable(Activity, _activity_target)
