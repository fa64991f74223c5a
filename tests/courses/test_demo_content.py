"""The demo courses and class are data (courses/demo_content/*.json) loaded through
import_content's engine; the figures the loaders print come from courses.completion."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from cms.demo import demo_content_load
from courses.completion.selectors import course_outline
from courses.demo import DEMO_CLASSES, DEMO_COURSES
from courses.models import Classroom, CoursePage, CourseSectionPage, Enrolment

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


@pytest.fixture
def demo_log():
    lines = []
    demo_content_load(log=lines.append)
    return lines


def test_demo_courses_are_the_data_file(demo_log):
    for item in json.loads(DEMO_COURSES.read_text(encoding="utf-8")):
        course = CoursePage.objects.live().get(slug=item["slug"])
        assert course.title == item["title"]
        sections = CourseSectionPage.objects.child_of(course).live().order_by("path")
        assert [(s.slug, [a.slug for a in s.get_children().live()]) for s in sections] == [
            (section["slug"], [activity["slug"] for activity in section["activities"]])
            for section in item["sections"]
        ]


def test_demo_figures_come_from_the_completion_module(demo_log):
    anonymous = AnonymousUser()
    for course in CoursePage.objects.live():
        required = course_outline(course=course, user=anonymous).required_total
        assert any(
            f"« {course.title} »" in line and f"({required} required to complete it)" in line
            for line in demo_log
        ), demo_log
    # The optional resource link of the first course is shown but does not count.
    first = CoursePage.objects.get(slug="se-proteger-en-ligne")
    outline = course_outline(course=first, user=anonymous)
    assert [a.optional for s in outline.sections for a in s.activities].count(True) == 1
    assert "classes: « Se protéger en ligne » for 3 pupils: 0 done, 3 to do, 0 late." in demo_log


def test_demo_class_is_the_data_file(demo_log):
    (item,) = json.loads(DEMO_CLASSES.read_text(encoding="utf-8"))
    classroom = Classroom.objects.get(school__uai=item["school"]["uai"], name=item["name"])
    assert list(classroom.teachers.values_list("username", flat=True)) == [item["teacher"]]
    assert sorted(classroom.memberships.values_list("pupil__username", "display_name")) == sorted(
        (pupil["username"], pupil["display_name"]) for pupil in item["pupils"]
    )
    (assignment,) = classroom.assignments.all()
    assert assignment.page.slug == item["assignments"][0]["course"]
    days = item["assignments"][0]["due_in_days"]
    assert timezone.localdate(assignment.due_at) == timezone.localdate() + timedelta(days=days)
    assert Enrolment.objects.filter(course=assignment.page.specific).count() == len(item["pupils"])


def test_demo_loads_twice_without_duplicates(demo_log):
    call_command("load_demo", verbosity=0)
    assert CoursePage.objects.count() == 2
    assert Classroom.objects.count() == 1
