"""Demo courses: two modules with lessons, a resource link and quizzes. Idempotent."""

from decimal import Decimal

from cms.demo import navigation_link_ensure
from cms.models import Audience, Competence, HomePage, Level, Theme
from cms.seeds import seed_competences
from courses.factories import (
    CoursePageFactory,
    CourseSectionPageFactory,
    LessonActivityFactory,
    QuizActivityFactory,
    quiz_questions,
)
from courses.models import CompletionRule, CoursePage
from courses.structure.services import course_index_ensure

COURSES = [
    {
        "slug": "se-proteger-en-ligne",
        "title": "Se protéger en ligne",
        "summary": "Mots de passe, données personnelles et bons réflexes : un module de 30 minutes.",
        "levels": ["cycle-3", "cycle-4"],
        "themes": ["donnees-personnelles", "hameconnage"],
        "competences": ["4.1", "4.2"],
        "objectives": "Créer un mot de passe solide\nReconnaître un message frauduleux\nSavoir à qui parler en cas de problème",
        "sections": [
            (
                "Les bons réflexes",
                [("lesson", "Pourquoi protéger ses comptes ?", CompletionRule.VIEWED)],
            ),
            (
                "Vérifier ce que l'on sait",
                [
                    ("lesson", "Les mots de passe en pratique", CompletionRule.MARKED_DONE),
                    ("quiz", "Quiz : mes réflexes de sécurité", CompletionRule.PASSED),
                ],
            ),
        ],
    },
    {
        "slug": "demeler-le-vrai-du-faux",
        "title": "Démêler le vrai du faux",
        "summary": "S'informer, vérifier une source, repérer une infox : un module de 20 minutes.",
        "levels": ["cycle-4", "lycee"],
        "themes": ["desinformation", "esprit-critique"],
        "competences": ["1.1", "2.1"],
        "objectives": "Identifier la source d'une information\nRepérer les signes d'une infox",
        "sections": [
            (
                "Enquêter sur une information",
                [
                    ("lesson", "Qui parle ? La source d'une information", CompletionRule.VIEWED),
                    ("quiz", "Quiz : vrai ou infox ?", CompletionRule.PASSED),
                ],
            )
        ],
    },
]


def load_courses_demo(*, log) -> None:
    seed_competences(competence_model=Competence)
    home = HomePage.objects.first()
    index = course_index_ensure(home=home)
    navigation_link_ensure(home=home, page=index, label="Parcours")
    created = 0
    for spec in COURSES:
        if CoursePage.objects.filter(slug=spec["slug"]).exists():
            continue
        course = CoursePageFactory.build(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            estimated_duration=30,
            learning_objectives=spec["objectives"],
        )
        course.audiences.set(Audience.objects.filter(slug="eleves"))
        course.levels.set(Level.objects.filter(slug__in=spec["levels"]))
        course.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
        index.add_child(instance=course)
        course.competences.set(Competence.objects.filter(code__in=spec["competences"]))
        course.save_revision().publish()
        for section_title, activities in spec["sections"]:
            section = CourseSectionPageFactory(parent=course, title=section_title)
            for kind, title, rule in activities:
                if kind == "quiz":
                    QuizActivityFactory(
                        parent=section,
                        title=title,
                        completion_rule=rule,
                        pass_score=Decimal(50),
                        questions=quiz_questions(),
                    )
                else:
                    LessonActivityFactory(
                        parent=section,
                        title=title,
                        completion_rule=rule,
                        body=[("paragraph", f"<p>{title} : l'essentiel en quelques minutes.</p>")],
                    )
        created += 1
    log(f"courses: {created} demo courses created.")


DEMO_SCHOOL = {
    "uai": "0750654D",
    "name": "Collège Jean-Moulin",
    "kind": "college",
    "commune": "Paris",
    "departement": "75",
    "academie": "Paris",
}
DEMO_PUPILS = [("lynx-bleu-42", "Lynx"), ("castor-vert-17", "Castor"), ("hibou-roux-08", "Hibou")]


def load_classroom_demo(*, log) -> None:
    """A school, a class of the demo teacher with the demo pupils, and one course to do."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from courses.classes.services import assignment_create, classroom_create
    from courses.models import ClassMembership, Classroom, School

    users = get_user_model().objects
    teacher = users.filter(username="enseignante").first()
    if teacher is None or Classroom.objects.filter(teachers=teacher).exists():
        return
    school, _created = School.objects.get_or_create(uai=DEMO_SCHOOL["uai"], defaults=DEMO_SCHOOL)
    school.teachers.add(teacher)
    classroom = classroom_create(
        teacher=teacher,
        school=school,
        name="5e B",
        level=Level.objects.filter(slug="cycle-4").first(),
    )
    for username, name in DEMO_PUPILS:
        pupil = users.filter(username=username).first()
        if pupil is not None:
            ClassMembership.objects.create(
                classroom=classroom,
                pupil=pupil,
                display_name=name,
                source=ClassMembership.Source.ROSTER,
            )
    course = CoursePage.objects.live().order_by("path").first()
    if course is not None:
        now = timezone.now()
        assignment_create(
            classroom=classroom,
            teacher=teacher,
            page=course,
            opens_at=now,
            due_at=now + timedelta(days=14),
            instructions="À terminer avant les vacances. Prenez le temps de lire les leçons.",
        )
    log(f"classes: class {classroom.name} created (code {classroom.join_code}).")
