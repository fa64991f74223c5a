import shutil
from pathlib import Path

import pytest
from django.conf import settings

from cms.factories import UserFactory
from cms.models import HomePage
from courses.factories import CourseIndexPageFactory, CoursePageFactory, CourseSectionPageFactory
from courses.structure.services import enrolment_create


@pytest.fixture
def course(db):
    index = CourseIndexPageFactory(parent=HomePage.objects.get())
    return CoursePageFactory(parent=index, title="Se protéger en ligne")


@pytest.fixture
def section(course):
    return CourseSectionPageFactory(parent=course, title="Les bases")


@pytest.fixture
def learner(course):
    user = UserFactory(username="lynx-bleu")
    enrolment_create(course=course, user=user)
    return user


@pytest.fixture
def media_root() -> Path:
    """The test MEDIA_ROOT, emptied before and after the test (real filesystem)."""
    root = Path(settings.MEDIA_ROOT)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def media_files(root: Path) -> list[str]:
    """Everything under ``root``, files and directories, as sorted relative paths."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


@pytest.fixture
def school(db):
    from courses.classes.models import School

    return School.objects.create(
        uai="0750654D",
        name="Collège Victor-Hugo",
        kind=School.Kind.MIDDLE,
        commune="Paris",
        departement="75",
        academie="Paris",
    )


@pytest.fixture
def teacher(school):
    from tests.factories import teacher_user

    return teacher_user("mme-martin", school)


@pytest.fixture
def classroom(teacher, school):
    from courses.classes.services import classroom_create

    return classroom_create(teacher=teacher, school=school, name="5e B")


@pytest.fixture
def reporter(db):
    """A client signed in as staff allowed to read course reports (learner data)."""
    from django.contrib.auth.models import Permission

    from tests.factories import client_for

    user = UserFactory(username="analyste", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_course_report"),
        Permission.objects.get(codename="access_admin"),
    )
    return client_for(user)
