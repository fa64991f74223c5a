import pytest

from cms.factories import UserFactory
from cms.models import HomePage
from courses.factories import CourseIndexPageFactory, CoursePageFactory, CourseSectionPageFactory
from courses.services import enrolment_create


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
