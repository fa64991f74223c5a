"""Dashboard, certificates (PDF for the learner, public verification, Open Badges JSON)."""

import pytest
from django.test import Client

from cms.factories import UserFactory
from courses.completion.services import activity_view_record
from courses.factories import LessonActivityFactory
from courses.models import CourseCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(course, section, learner):
    lesson = LessonActivityFactory(parent=section)
    activity_view_record(activity=lesson, user=learner)
    return CourseCompletion.objects.get(user=learner, course=course)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_certificate_code_is_unambiguous(completed):
    assert len(completed.certificate_code) == 10
    assert not set(completed.certificate_code) & set("01OIL")


def test_dashboard_lists_courses_in_progress_and_completed(course, section, learner):
    LessonActivityFactory(parent=section)
    client = logged_in(learner)
    html = client.get("/mes-parcours/").content.decode()
    assert "Se protéger en ligne" in html and "0 sur 1" in html
    activity_view_record(activity=section.get_children().specific().first(), user=learner)
    html = client.get("/mes-parcours/").content.decode()
    assert "Télécharger le certificat" in html


def test_dashboard_requires_login(client):
    response = client.get("/mes-parcours/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_learner_downloads_their_certificate(completed, learner):
    response = logged_in(learner).get(f"/certificats/{completed.certificate_code}/certificat.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_nobody_else_downloads_a_certificate(completed, who):
    client = logged_in(UserFactory(username="autre")) if who == "other" else Client()
    response = client.get(f"/certificats/{completed.certificate_code}/certificat.pdf")
    assert response.status_code == (404 if who == "other" else 302)


def test_public_verification_page_shows_no_name(client, completed, learner):
    learner.first_name = "Lynx bleu"
    learner.save()
    html = client.get(f"/certificats/{completed.certificate_code}/").content.decode()
    assert "est authentique" in html and "Se protéger en ligne" in html
    assert "Lynx bleu" not in html and learner.username not in html
    assert client.get("/certificats/ZZZZZZZZZZ/").status_code == 404


def test_open_badge_credential(client, completed, learner):
    badge = client.get(f"/certificats/{completed.certificate_code}/badge.json").json()
    assert "OpenBadgeCredential" in badge["type"]
    assert badge["credentialSubject"]["achievement"]["name"] == "Se protéger en ligne"
    assert badge["credentialSubject"]["identifier"][0]["hashed"] is True
    assert learner.username not in str(badge)


def test_front_end_login_for_pupils(client):
    UserFactory(username="hibou-roux", password="phrase-de-passe")
    response = client.post("/connexion/", {"username": "hibou-roux", "password": "phrase-de-passe"})
    assert response.status_code == 302 and response["Location"] == "/mes-parcours/"
    response = Client().post("/connexion/", {"username": "hibou-roux", "password": "faux"})
    assert (
        response.status_code == 200
        and "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    )
