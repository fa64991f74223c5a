"""Certificates are durable records: PDF for the learner, public verification, Open
Badges JSON, kept through course changes, revoked and restored only by an editor."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import ModelLogEntry

from cms.factories import UserFactory
from courses.certificates.services import certificate_restore, certificate_revoke
from courses.completion.services import activity_view_record
from courses.factories import LessonActivityFactory
from courses.models import Certificate, CompletionRule, CourseCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(section):
    return LessonActivityFactory(parent=section)


@pytest.fixture
def completed(course, lesson, learner):
    activity_view_record(activity=lesson, user=learner)
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    return Certificate.objects.get(user=learner, course=course)


@pytest.fixture
def editor(db):
    user = UserFactory(username="redactrice", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_certificate_code_is_unambiguous(completed):
    assert len(completed.code) == 10
    assert not set(completed.code) & set("01OIL")


def test_certificate_records_course_title_and_revision(completed, course):
    assert completed.course_title == course.title
    assert completed.course_revision_id == course.live_revision_id
    assert completed.issued_at is not None


def test_dashboard_lists_courses_in_progress_and_completed(course, section, learner):
    lesson = LessonActivityFactory(parent=section)
    client = logged_in(learner)
    html = client.get("/mes-parcours/").content.decode()
    assert "Se protéger en ligne" in html and "0 sur 1" in html
    activity_view_record(activity=lesson, user=learner)
    html = client.get("/mes-parcours/").content.decode()
    assert "Télécharger le certificat" in html


def test_dashboard_requires_login(client):
    response = client.get("/mes-parcours/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_learner_downloads_their_certificate(completed, learner):
    response = logged_in(learner).get(f"/certificats/{completed.code}/certificat.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_nobody_else_downloads_a_certificate(completed, who):
    client = logged_in(UserFactory(username="autre")) if who == "other" else Client()
    response = client.get(f"/certificats/{completed.code}/certificat.pdf")
    assert response.status_code == (404 if who == "other" else 302)


def test_public_verification_page_shows_no_name(client, completed, learner):
    learner.first_name = "Lynx bleu"
    learner.save()
    html = client.get(f"/certificats/{completed.code}/").content.decode()
    assert "est authentique et valide" in html and "Se protéger en ligne" in html
    assert "Lynx bleu" not in html and learner.username not in html
    assert client.get("/certificats/ZZZZZZZZZZ/").status_code == 404


def test_open_badge_credential(client, completed, learner):
    badge = client.get(f"/certificats/{completed.code}/badge.json").json()
    assert "OpenBadgeCredential" in badge["type"]
    assert badge["credentialSubject"]["achievement"]["name"] == "Se protéger en ligne"
    assert badge["credentialSubject"]["identifier"][0]["hashed"] is True
    assert learner.username not in str(badge)


# ---- durable through course changes ---------------------------------------------------


def _still_valid(client, code):
    response = client.get(f"/certificats/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert code in html and "est authentique et valide" in html


def test_new_required_activity_keeps_the_certificate(client, course, section, learner, completed):
    LessonActivityFactory(parent=section, title="Nouvelle leçon").save_revision().publish()
    assert not CourseCompletion.objects.filter(user=learner, course=course).exists()
    _still_valid(client, completed.code)
    html = logged_in(learner).get(course.url).content.decode()
    assert "Le parcours a changé depuis votre certificat" in html
    assert 'data-complete="0"' in html and 'data-done="1" data-required="2"' in html


def test_rule_change_keeps_the_certificate(client, course, lesson, learner, completed):
    lesson.completion_rule = CompletionRule.MARKED_DONE
    lesson.save_revision().publish()
    assert not CourseCompletion.objects.filter(user=learner, course=course).exists()
    _still_valid(client, completed.code)


def test_deleted_activity_keeps_the_certificate(
    client, course, section, lesson, learner, completed, django_capture_on_commit_callbacks
):
    other = LessonActivityFactory(parent=section, title="Autre")
    other.save_revision().publish()
    assert not CourseCompletion.objects.filter(user=learner, course=course).exists()
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    _still_valid(client, completed.code)
    assert Certificate.objects.filter(user=learner, course=course).count() == 1


def test_completing_again_keeps_the_same_code(course, section, learner, completed):
    second = LessonActivityFactory(parent=section)
    second.save_revision().publish()
    assert not CourseCompletion.objects.filter(user=learner, course=course).exists()
    activity_view_record(activity=second, user=learner)
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    assert list(Certificate.objects.filter(user=learner).values_list("code", flat=True)) == [
        completed.code
    ]


def test_deleted_course_keeps_the_certificate(client, course, completed):
    course.delete()
    _still_valid(client, completed.code)


# ---- revocation -----------------------------------------------------------------------


def test_revocation_is_shown_logged_and_reversible(client, completed, editor):
    certificate_revoke(certificate=completed, by=editor, reason="Fraude constatée")
    html = client.get(f"/certificats/{completed.code}/").content.decode()
    assert "a été révoqué le" in html and "Fraude constatée" in html
    assert client.get(f"/certificats/{completed.code}/badge.json").status_code == 410
    certificate_restore(certificate=completed, by=editor)
    _still_valid(client, completed.code)
    actions = list(
        ModelLogEntry.objects.for_instance(completed)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == ["courses.certificate_revoke", "courses.certificate_restore"]


def test_editor_revokes_from_the_admin(completed, editor):
    client = logged_in(editor)
    url = f"/admin/certificats/{completed.pk}/"
    assert client.get("/admin/certificats/?q=" + completed.code[:4]).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Champ requis" in response.content.decode()
    completed.refresh_from_db()
    assert not completed.revoked
    assert client.post(url, {"reason": "Erreur de saisie"}).status_code == 302
    completed.refresh_from_db()
    assert completed.revoked and completed.revoked_reason == "Erreur de saisie"
    assert client.post(url, {"action": "restore"}).status_code == 302
    completed.refresh_from_db()
    assert not completed.revoked


@pytest.mark.parametrize("role", ["learner", "moderator", "teacher"])
def test_only_editors_revoke(completed, learner, role):
    if role == "learner":
        user = learner
    else:
        user = UserFactory(username=role, is_staff=True)
        group = "Moderators" if role == "moderator" else "Enseignants"
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    response = logged_in(user).post(f"/admin/certificats/{completed.pk}/", {"reason": "x"})
    assert response.status_code in {302, 403}
    completed.refresh_from_db()
    assert not completed.revoked


def test_front_end_login_for_pupils(client):
    UserFactory(username="hibou-roux", password="phrase-de-passe")
    response = client.post("/connexion/", {"username": "hibou-roux", "password": "phrase-de-passe"})
    assert response.status_code == 302 and response["Location"] == "/mes-parcours/"
    response = Client().post("/connexion/", {"username": "hibou-roux", "password": "faux"})
    assert (
        response.status_code == 200
        and "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    )
