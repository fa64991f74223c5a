"""Demo courses and the demo class, as data loaded through ``import_content``'s engine:

- ``demo_content/courses.json``: two modules with their sections, lessons, quizzes and an
  optional resource link;
- ``demo_content/classes.json``: the demo teacher's class of the demo pupils, with one
  course to do in two weeks.

What exists already is left as it is, so loading twice changes nothing. The figures logged
come from ``courses.completion``, as every other surface's.
"""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cms.demo import Logger, demo_file_import, navigation_link_ensure
from cms.models import Competence, HomePage
from cms.seeds import seed_competences
from courses.classes.models import Classroom
from courses.completion.progress import AssignmentState
from courses.completion.selectors import assignment_targets, course_outline, learner_states
from courses.structure.models import CoursePage
from courses.structure.services import course_index_ensure

DEMO_CONTENT = Path(__file__).resolve().parent / "demo_content"
DEMO_COURSES = DEMO_CONTENT / "courses.json"
DEMO_CLASSES = DEMO_CONTENT / "classes.json"


def load_courses_demo(*, log: Logger) -> None:
    seed_competences(competence_model=Competence)
    home = HomePage.objects.first()
    index = course_index_ensure(home=home)
    navigation_link_ensure(home=home, page=index, label="Parcours")
    report = demo_file_import(path=DEMO_COURSES)
    courses = CoursePage.objects.child_of(index).filter(
        slug__in=[result.slug for result in report.results]
    )
    anonymous = AnonymousUser()
    for course in courses.order_by("path"):
        outline = course_outline(course=course, user=anonymous)
        sections = len(outline.sections)
        activities = sum(len(section.activities) for section in outline.sections)
        log(
            f"courses: « {course.title} », {sections} section{'s' * (sections != 1)}, "
            f"{activities} activities ({outline.required_total} required to complete it)."
        )
    log(f"courses: {report.count('created')} demo courses created.")


def load_classroom_demo(*, log: Logger) -> None:
    """The demo teacher's class, with the demo pupils and one course to do."""
    report = demo_file_import(path=DEMO_CLASSES)
    for result in report.results:
        uai, name = result.slug.split("/", 1)
        classroom = (
            Classroom.objects.filter(school__uai=uai, name=name).order_by("-academic_year").first()
        )
        action = "created" if result.action == "created" else "already there"
        log(f"classes: class {classroom.name} {action} (code {classroom.join_code}).")
        for line in classroom_figures(classroom):
            log(f"classes: {line}")


def classroom_figures(classroom: Classroom) -> list[str]:
    """Each assignment's pupils done, to do and late, as the class grid counts them."""
    assignments = list(
        classroom.assignments.select_related("page").prefetch_related("courses", "pupils")
    )
    targets = assignment_targets(assignments)
    pupil_ids = list(classroom.memberships.values_list("pupil_id", flat=True))
    states = learner_states(
        user_ids=pupil_ids,
        activity_ids={a.pk for target in targets.values() for a in target.activities},
        course_ids={pk for target in targets.values() for pk in target.course_ids},
    )
    now = timezone.now()
    lines = []
    for assignment in assignments:
        concerned = [p.pk for p in assignment.pupils.all()] or pupil_ids
        counts = dict.fromkeys(AssignmentState.values, 0)
        for pupil_id in concerned:
            status = targets[assignment.pk].status(
                states, user_id=pupil_id, due_at=assignment.due_at, now=now
            )
            counts[status.state] += 1
        lines.append(
            f"« {assignment.page.title} » for {len(concerned)} pupils: "
            f"{counts[AssignmentState.DONE]} done, {counts[AssignmentState.OPEN]} to do, "
            f"{counts[AssignmentState.LATE]} late."
        )
    return lines
