"""Learner views: enrolment, tracking only when enrolled, quiz submission and review."""

import pytest
from django.test import Client

from cms.factories import UserFactory
from courses.factories import LessonActivityFactory, QuizActivityFactory
from courses.models import ActivityCompletion, Attempt, CompletionRule, CourseCompletion, Enrolment

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_visitor_tries_activities_without_tracking(client, section):
    lesson = LessonActivityFactory(parent=section)
    html = client.get(lesson.url).content.decode()
    assert "Mode découverte" in html
    assert not ActivityCompletion.objects.exists()
    assert "connectez-vous" in client.get(section.get_parent().url).content.decode()


def test_self_enrolment_then_progress_is_tracked(course, section):
    lesson = LessonActivityFactory(parent=section, completion_rule=CompletionRule.VIEWED)
    pupil = UserFactory(username="castor-vert")
    client = logged_in(pupil)
    client.get(lesson.url)
    assert not ActivityCompletion.objects.exists()  # not enrolled: not tracked
    assert "inscrire à ce parcours" in client.get(course.url).content.decode()
    response = client.post(course.url + "inscription/")
    assert response.status_code == 302
    assert Enrolment.objects.get(user=pupil).status == "active"
    client.get(lesson.url)
    assert ActivityCompletion.objects.get(user=pupil, activity=lesson).state == "complete"
    html = client.get(course.url).content.decode()
    assert 'value="100"' in html and "Parcours terminé" in html
    assert CourseCompletion.objects.filter(user=pupil).exists()


def test_enrolment_requires_login_and_post(client, course):
    assert client.post(course.url + "inscription/").status_code == 302
    assert not Enrolment.objects.exists()
    assert logged_in(UserFactory()).get(course.url + "inscription/").status_code == 405


def test_mark_done_button(section, learner):
    lesson = LessonActivityFactory(parent=section, completion_rule=CompletionRule.MARKED_DONE)
    client = logged_in(learner)
    assert "ai terminé" in client.get(lesson.url).content.decode()
    client.post(lesson.url + "terminer/", {"done": "1"})
    assert ActivityCompletion.objects.get(activity=lesson).state == "complete"


def test_quiz_submission_and_review(section, learner):
    quiz = QuizActivityFactory(parent=section)
    first, second = (q.id for q in quiz.questions)
    client = logged_in(learner)
    response = client.post(quiz.url + "tentative/", {f"q-{first}": "0", f"q-{second}": "true"})
    assert response.status_code == 302 and response["Location"].endswith("tentative/1/")
    html = client.get(response["Location"]).content.decode()
    assert "Tentative 1 : 1 / 2" in html and "Oui !" in html and "Réponse incorrecte" in html


def test_learner_cannot_see_another_learners_attempt(section, learner):
    quiz = QuizActivityFactory(parent=section)
    logged_in(learner).post(quiz.url + "tentative/", {})
    assert Attempt.objects.count() == 1
    assert (
        logged_in(UserFactory(username="autre")).get(quiz.url + "tentative/1/").status_code == 404
    )
    assert Client().get(quiz.url + "tentative/1/").status_code == 302  # to the login page


def test_quiz_refuses_attempts_beyond_the_maximum(section, learner):
    quiz = QuizActivityFactory(parent=section, max_attempts=1)
    client = logged_in(learner)
    client.post(quiz.url + "tentative/", {})
    response = client.post(quiz.url + "tentative/", {}, follow=True)
    assert "Vous avez utilisé vos 1 tentatives" in response.content.decode()
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize("activity_count", [5, 50])
def test_course_page_query_count_does_not_grow_with_activities(
    course, section, learner, activity_count, django_assert_max_num_queries
):
    for _ in range(activity_count):
        LessonActivityFactory(parent=section)
    client = logged_in(learner)
    client.get(course.url)  # warm caches
    with django_assert_max_num_queries(30) as captured:
        assert client.get(course.url).status_code == 200
    # Record the figure so both parametrisations can be compared in the output.
    print(f"\n{activity_count} activities: {len(captured.captured_queries)} queries")  # noqa: T201


def test_course_page_queries_are_the_same_for_5_and_50_activities(course, section, learner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(learner)

    def count_queries():
        client.get(course.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(course.url)
        return len(queries)

    for _ in range(5):
        LessonActivityFactory(parent=section)
    with_five = count_queries()
    for _ in range(45):
        LessonActivityFactory(parent=section)
    assert count_queries() == with_five
