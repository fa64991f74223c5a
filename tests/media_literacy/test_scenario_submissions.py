"""Teachers' side of the scenario bank: submission through moderation, permissions,
adaptations, ratings and retours d'expérience, "testé dans N classes", uploads."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from cms.factories import UserFactory
from cms.models import Competence, Level
from cms.roles import STUDENT_GROUP, TEACHER_GROUP
from courses.classes.services import classroom_create
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from courses.models import School
from media_literacy.models import ScenarioFeedback, ScenarioIndexPage, ScenarioPage
from media_literacy.scenarios.submissions import (
    ScenarioDraft,
    ScenarioRefused,
    ScenarioStep,
    paragraphs_html,
    plain_text,
    scenario_draft_save,
    scenario_feedback_save,
    scenario_submission_state,
    scenario_submit,
)
from media_literacy.services import index_page_ensure
from tests.factories import assign

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def bank(home) -> ScenarioIndexPage:
    return index_page_ensure(model=ScenarioIndexPage, home=home)


def user_in(group: str, username: str, **fields):
    user = UserFactory(username=username, **fields)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def teacher(db):
    return user_in(TEACHER_GROUP, "mme-martin", first_name="Claire", last_name="Martin")


@pytest.fixture
def colleague(db):
    return user_in(TEACHER_GROUP, "m-diallo")


@pytest.fixture
def pupil(db):
    return user_in(STUDENT_GROUP, "lynx-bleu-42")


@pytest.fixture
def moderator(db):
    return user_in("Moderators", "moderatrice", is_staff=True)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form_data(action="submit", **overrides) -> dict:
    cycle_4 = Level.objects.get_or_create(slug="cycle-4", defaults={"name": "Cycle 4"})[0]
    data = {
        "title": "Décrypter une publicité déguisée",
        "summary": "Les élèves repèrent les contenus sponsorisés chez les influenceurs.",
        "levels": [cycle_4.pk],
        "sessions": "1",
        "session_minutes": "55",
        "equipment": "screen",
        "objectives": "Distinguer information et publicité.",
        "prerequisites": "",
        "author_name": "Mme Martin",
        "author_school_kind": "college",
        "licence_accepted": "on",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-title": "Observer trois vidéos",
        "steps-0-minutes": "20",
        "steps-0-instructions": "Projeter les vidéos.\n\nDemander : qui paie ?",
        "steps-0-pupil_activity": "Relever les indices <de> partenariat.",
        "steps-0-teacher_tips": "",
        "steps-0-materials": "Vidéoprojecteur",
        "action": action,
    }
    data.update(overrides)
    return data


def draft(**fields) -> ScenarioDraft:
    values = {
        "title": "Mon scénario",
        "summary": "Résumé.",
        "levels": [Level.objects.get_or_create(slug="cycle-3", defaults={"name": "Cycle 3"})[0]],
        "objectives": "Objectifs.",
        "author_name": "M. Diallo",
        "steps": [ScenarioStep(title="Étape", minutes=10, instructions="Faire.")],
        "licence_accepted": True,
    }
    values.update(fields)
    return ScenarioDraft(**values)


def act(page, user, action, comment=""):
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, user, action, comment=comment)
    page.refresh_from_db()


def published(bank, teacher, **fields) -> ScenarioPage:
    page = scenario_draft_save(teacher=teacher, draft=draft(**fields), complete=True)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


# --- Submission through moderation -------------------------------------------------------


def test_teacher_submits_moderator_rejects_teacher_resubmits_moderator_publishes(
    bank, teacher, moderator, client
):
    author = client_for(teacher)
    response = author.post("/mes-scenarios/nouveau/", form_data())
    assert response.status_code == 302
    page = ScenarioPage.objects.get(author=teacher)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # In moderation, the teacher can no longer edit it.
    assert author.get(f"/mes-scenarios/{page.pk}/modifier/").status_code == 302

    act(page, moderator, "reject", comment="Précisez la durée de chaque vidéo.")
    mine = author.get("/mes-scenarios/").content.decode()
    assert "Modifications demandées" in mine and "Précisez la durée de chaque vidéo." in mine
    edit = author.get(f"/mes-scenarios/{page.pk}/modifier/")
    assert "Précisez la durée de chaque vidéo." in edit.content.decode()

    data = form_data(**{"steps-0-title": "Observer trois vidéos de 2 minutes"})
    assert author.post(f"/mes-scenarios/{page.pk}/modifier/", data).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(page.url).status_code == 404  # still not public

    while page.current_workflow_state:
        act(page, moderator, "approve")
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Observer trois vidéos de 2 minutes" in html
    assert "Relever les indices &lt;de&gt; partenariat." in html  # teachers' text is escaped
    assert "Mme Martin (Collège)" in html
    assert page.title in client.get(bank.url).content.decode()
    assert "Publié" in author.get("/mes-scenarios/").content.decode()


def test_a_draft_needs_only_a_title_but_submission_needs_everything(bank, teacher):
    author = client_for(teacher)
    response = author.post(
        "/mes-scenarios/nouveau/",
        {
            "title": "Idée de séance",
            "sessions": "1",
            "session_minutes": "55",
            "equipment": "none",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "action": "save",
        },
    )
    assert response.status_code == 302
    page = ScenarioPage.objects.get(author=teacher)
    assert scenario_submission_state(scenario=page).status == "draft"

    data = form_data(objectives="", licence_accepted="", **{"steps-0-title": ""})
    for key in [key for key in data if key.startswith("steps-0-")]:
        data[key] = ""
    response = author.post(f"/mes-scenarios/{page.pk}/modifier/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Champ requis." in html
    assert "Décrivez au moins une étape avant de soumettre le scénario." in html
    page.refresh_from_db()
    assert page.current_workflow_state is None
    with pytest.raises(ScenarioRefused, match="complétez : le résumé, au moins un cycle"):
        scenario_submit(teacher=teacher, scenario=page)


def test_preview_shows_the_latest_draft_to_its_author_only(bank, teacher, colleague):
    page = scenario_draft_save(teacher=teacher, draft=draft(title="Version une"))
    scenario_draft_save(teacher=teacher, draft=draft(title="Version deux"), scenario=page)
    response = client_for(teacher).get(f"/mes-scenarios/{page.pk}/apercu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Version deux" in html and "Aperçu de votre scénario" in html
    assert client_for(colleague).get(f"/mes-scenarios/{page.pk}/apercu/").status_code == 404


def test_withdrawing_from_moderation_makes_it_editable_again(bank, teacher):
    page = scenario_draft_save(teacher=teacher, draft=draft(), complete=True)
    scenario_submit(teacher=teacher, scenario=page)
    author = client_for(teacher)
    assert author.post(f"/mes-scenarios/{page.pk}/retirer/").status_code == 302
    page.refresh_from_db()
    assert scenario_submission_state(scenario=page).editable
    assert author.get(f"/mes-scenarios/{page.pk}/modifier/").status_code == 200


def test_teacher_deletes_a_never_published_draft_but_not_a_published_scenario(bank, teacher):
    page = scenario_draft_save(teacher=teacher, draft=draft())
    client_for(teacher).post(f"/mes-scenarios/{page.pk}/supprimer/")
    assert not ScenarioPage.objects.filter(pk=page.pk).exists()
    live = published(bank, teacher)
    with pytest.raises(ScenarioRefused):
        from media_literacy.scenarios.submissions import scenario_draft_delete

        scenario_draft_delete(teacher=teacher, scenario=live)
    assert ScenarioPage.objects.filter(pk=live.pk).exists()


# --- Permissions -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "pupil", "moderator"])
def test_only_teachers_can_submit(bank, role, pupil, moderator):
    user = {"anonymous": None, "pupil": pupil, "moderator": moderator}[role]
    client = client_for(user)
    for url in ("/mes-scenarios/", "/mes-scenarios/nouveau/"):
        response = client.get(url)
        assert response.status_code == (302 if user is None else 403)
        if user is None:
            assert response["Location"].startswith(reverse("login"))
    response = client.post("/mes-scenarios/nouveau/", form_data())
    assert response.status_code == (302 if user is None else 403)
    assert not ScenarioPage.objects.exists()
    with pytest.raises(ScenarioRefused):
        scenario_draft_save(teacher=user or pupil, draft=draft())


def test_teacher_can_submit(bank, teacher):
    assert client_for(teacher).get("/mes-scenarios/nouveau/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "modifier/"),
        ("post", "modifier/"),
        ("get", "apercu/"),
        ("post", "soumettre/"),
        ("post", "retirer/"),
        ("post", "supprimer/"),
    ],
)
def test_teacher_cannot_touch_another_teachers_scenario(bank, teacher, colleague, method, path):
    page = scenario_draft_save(teacher=teacher, draft=draft(title="Le mien"))
    response = getattr(client_for(colleague), method)(
        f"/mes-scenarios/{page.pk}/{path}", form_data()
    )
    assert response.status_code == 404
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Le mien"
    assert page.current_workflow_state is None
    with pytest.raises(ScenarioRefused):
        scenario_draft_save(teacher=colleague, draft=draft(title="Pris"), scenario=page)
    assert "Le mien" not in client_for(colleague).get("/mes-scenarios/").content.decode()


# --- Adaptations -------------------------------------------------------------------------


def test_adapting_keeps_the_origin_and_its_authors_credit(bank, teacher, colleague, client):
    original = published(bank, colleague, title="Vrai ou faux en images", author_name="M. Diallo")
    document = get_document_model().objects.create(
        title="fiche.pdf", file=SimpleUploadedFile("fiche.pdf", PDF)
    )
    latest = original.get_latest_revision_as_object()
    from media_literacy.models import ScenarioDocument

    latest.documents = [ScenarioDocument(document=document, title="Fiche élève")]
    latest.save_revision().publish()

    author = client_for(teacher)
    form = author.get(f"/mes-scenarios/nouveau/?adapter={original.pk}").content.decode()
    assert "Vrai ou faux en images (adaptation)" in form and "M. Diallo" in form
    data = form_data(title="Vrai ou faux en images, version lycée", documents_kept=[document.pk])
    data["adapted_from"] = str(original.pk)
    assert author.post("/mes-scenarios/nouveau/", data).status_code == 302

    adaptation = ScenarioPage.objects.get(author=teacher)
    assert adaptation.adapted_from_id == original.pk
    assert adaptation.author_id == teacher.pk
    latest = adaptation.get_latest_revision_as_object()
    assert [link.document_id for link in latest.documents.all()] == [document.pk]
    latest.save_revision().publish()

    html = client.get(adaptation.url).content.decode()
    assert "Adapté de" in html and original.url in html and "par M. Diallo" in html
    assert "Mme Martin" in html
    assert adaptation.url in client.get(original.url).content.decode()


def test_only_published_scenarios_can_be_adapted(bank, teacher, colleague):
    unpublished = scenario_draft_save(teacher=colleague, draft=draft())
    response = client_for(teacher).get(f"/mes-scenarios/nouveau/?adapter={unpublished.pk}")
    assert response.status_code == 404


# --- Ratings and retours d'expérience ------------------------------------------------------


def test_one_rating_per_teacher_rating_again_replaces_it(bank, teacher, colleague, client):
    page = published(bank, colleague)
    rater = client_for(teacher)
    rater.post(page.url + "avis/", {"score": "2"})
    rater.post(page.url + "avis/", {"score": "4", "comment": "Très bien passé en 4e."})
    feedback = ScenarioFeedback.objects.get()
    assert (feedback.score, feedback.status) == (4, ScenarioFeedback.Status.PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScenarioFeedback.objects.create(scenario=page, teacher=teacher, score=5)

    other = user_in(TEACHER_GROUP, "m-leroy")
    scenario_feedback_save(teacher=other, scenario=page, score=5)
    html = client.get(page.url).content.decode()
    assert "4,5 / 5 (2 avis)" in html
    assert "Très bien passé en 4e." not in html  # not moderated yet

    feedback.status = ScenarioFeedback.Status.PUBLISHED
    feedback.save()
    assert "Très bien passé en 4e." in client.get(page.url).content.decode()
    # Changing the text sends it back to moderation.
    scenario_feedback_save(teacher=teacher, scenario=page, score=4, comment="Autre texte.")
    feedback.refresh_from_db()
    assert feedback.status == ScenarioFeedback.Status.PENDING


def test_ratings_are_refused_to_the_author_pupils_and_out_of_range(bank, teacher, pupil):
    page = published(bank, teacher)
    with pytest.raises(ScenarioRefused, match="propre scénario"):
        scenario_feedback_save(teacher=teacher, scenario=page, score=5)
    assert client_for(pupil).post(page.url + "avis/", {"score": "5"}).status_code == 403
    colleague = user_in(TEACHER_GROUP, "m-roux")
    response = client_for(colleague).post(page.url + "avis/", {"score": "9", "comment": "Gardé"})
    assert response.status_code == 400
    assert "Gardé" in response.content.decode()  # what was typed is not lost
    assert not ScenarioFeedback.objects.exists()


def test_moderators_moderate_retours_in_the_admin(bank, teacher, colleague, moderator):
    page = published(bank, colleague)
    feedback = scenario_feedback_save(teacher=teacher, scenario=page, score=3, comment="Bien.")
    admin = client_for(moderator)
    assert admin.get("/admin/scenario_feedback/").status_code == 200
    response = admin.post(
        f"/admin/scenario_feedback/edit/{feedback.pk}/",
        {"comment": "Bien.", "status": "published"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == ScenarioFeedback.Status.PUBLISHED
    editor = user_in("Editors", "editeur", is_staff=True)
    assert client_for(editor).get("/admin/scenario_feedback/").status_code in (302, 403)


# --- "Testé dans N classes" -------------------------------------------------------------------


def test_classes_count_is_shown_only_from_five_classes(bank, teacher, colleague, client):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=bank.get_parent()))
    page = published(bank, colleague, title="Lié au parcours", linked_pages=[course])
    school = School.objects.create(uai="0750654D", name="Collège", kind="college", commune="Paris")
    school.teachers.add(teacher)
    for number in range(1, 6):
        classroom = classroom_create(teacher=teacher, school=school, name=f"4e {number}")
        assign(classroom, teacher, course)
        if number == 1:  # the same class given it twice counts once
            assign(classroom, teacher, course, due_at=timezone.now() + timedelta(days=2))
        html = client.get(page.url).content.decode()
        listing = client.get(bank.url).content.decode()
        if number < 5:
            assert "Testé dans" not in html and "Testé dans" not in listing
            assert "4e 1" not in html
    assert "Testé dans 5 classes" in html and "Testé dans 5 classes" in listing
    published(bank, colleague, title="Jamais utilisé")  # newer, but used by no class
    by_use = client.get(bank.url + "?sort=used").content.decode()
    assert by_use.index(page.title) < by_use.index("Jamais utilisé")
    recent = client.get(bank.url).content.decode()
    assert recent.index("Jamais utilisé") < recent.index(page.title)


def test_classes_are_counted_per_activity_and_per_whole_course(teacher, home):
    from courses.classes.selectors import classrooms_by_page
    from courses.factories import CourseSectionPageFactory, LessonActivityFactory

    index = CourseIndexPageFactory(parent=home)
    course, other = CoursePageFactory(parent=index), CoursePageFactory(parent=index)
    lesson = LessonActivityFactory(parent=CourseSectionPageFactory(parent=course))
    school = School.objects.create(uai="0750654D", name="Collège", kind="college", commune="Paris")
    school.teachers.add(teacher)
    whole, one_activity, elsewhere = (
        classroom_create(teacher=teacher, school=school, name=name) for name in ("A", "B", "C")
    )
    for classroom, page in ((whole, course), (one_activity, lesson), (elsewhere, other)):
        assign(classroom, teacher, page)
    classes = classrooms_by_page(page_ids=[course.pk, lesson.pk])
    assert classes == {course.pk: {whole.pk}, lesson.pk: {whole.pk, one_activity.pk}}


def test_listing_sorts_by_rating_and_use_and_filters_by_competence(
    bank, teacher, colleague, client
):
    crcn = Competence.objects.get_or_create(code="2.2", defaults={"name": "Partager et publier"})[0]
    low = published(bank, colleague, title="Peu apprécié", competences=[crcn])
    high = published(bank, colleague, title="Très apprécié")
    scenario_feedback_save(teacher=teacher, scenario=low, score=2)
    scenario_feedback_save(teacher=teacher, scenario=high, score=5)
    html = client.get(bank.url + "?sort=rated").content.decode()
    assert html.index("Très apprécié") < html.index("Peu apprécié")
    html = client.get(bank.url + "?competence=2.2").content.decode()
    assert "Peu apprécié" in html and "Très apprécié" not in html
    assert client.get(bank.url + "?sort=used").status_code == 200


# --- Uploads -----------------------------------------------------------------------------


def documents_stored() -> int:
    return get_document_model().objects.count()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.pdf", b"<html><script>alert(1)</script></html>", "format"),
        (
            "piege.pdf",
            PDF.replace(
                b"/Type /Catalog",
                b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            ),
            "javascript",
        ),
    ],
)
def test_disallowed_uploads_are_refused_in_french_and_nothing_is_stored(
    bank, teacher, name, content, message
):
    data = form_data(action="save", documents=SimpleUploadedFile(name, content))
    response = client_for(teacher).post("/mes-scenarios/nouveau/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert name in html and message in html.lower()
    assert documents_stored() == 0
    assert not ScenarioPage.objects.exists()


def test_an_upload_over_the_limit_is_refused_and_nothing_is_stored(bank, teacher, settings):
    settings.REPERES_UPLOAD_MAX_BYTES = 1024
    big = PDF + b"%" + b"x" * 2048 + b"\n"
    data = form_data(documents=SimpleUploadedFile("gros.pdf", big))
    response = client_for(teacher).post("/mes-scenarios/nouveau/", data)
    assert response.status_code == 400
    assert "gros.pdf" in response.content.decode()
    assert documents_stored() == 0
    assert not ScenarioPage.objects.exists()


def test_a_valid_attachment_is_stored_with_the_draft_and_shown_once_published(
    bank, teacher, moderator, client
):
    data = form_data(documents=[SimpleUploadedFile("fiche.pdf", PDF)])
    assert client_for(teacher).post("/mes-scenarios/nouveau/", data).status_code == 302
    assert documents_stored() == 1
    page = ScenarioPage.objects.get()
    while page.current_workflow_state:
        act(page, moderator, "approve")
    html = client.get(page.url).content.decode()
    assert "fiche.pdf" in html


# --- Plain text in, rich text out ---------------------------------------------------------


def test_teacher_text_becomes_escaped_paragraphs_and_back():
    text = "Première ligne\nsuite <b>\n\nSecond paragraphe & fin"
    html = paragraphs_html(text)
    assert html == "<p>Première ligne<br/>suite &lt;b&gt;</p><p>Second paragraphe &amp; fin</p>"
    assert plain_text(html) == text


def test_competences_live_in_cms_with_the_whole_crcn_seeded():
    assert Competence.objects.filter(code__in=["1.1", "3.4", "5.2"]).count() == 3
    assert Competence.objects.count() >= 16
    assert Competence._meta.db_table == "cms_competence"


def test_the_author_is_told_by_email_with_a_link_to_their_scenarios_not_the_admin(
    bank, teacher, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    teacher.email = "claire.martin@ac-paris.invalid"
    teacher.save()
    page = scenario_draft_save(teacher=teacher, draft=draft(title="Ma séance"), complete=True)
    scenario_submit(teacher=teacher, scenario=page)
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        act(page, moderator, "reject", comment="Ajoutez une étape de bilan.")
    to_teacher = [message for message in mailoutbox if teacher.email in message.to]
    assert len(to_teacher) == 1
    body = to_teacher[0].body
    assert "Ajoutez une étape de bilan." in body and "/mes-scenarios/" in body
    assert "/admin/" not in body

    scenario_submit(teacher=teacher, scenario=page)
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        while page.current_workflow_state:
            act(page, moderator, "approve")
    approved = [message for message in mailoutbox if teacher.email in message.to][-1].body
    assert "publié" in approved and page.full_url in approved and "/admin/" not in approved


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_attachments_wait_in_a_private_collection_until_the_scenario_is_published(
    bank, teacher, moderator, client
):
    data = form_data(documents=[SimpleUploadedFile("Affiche de la classe.PNG", png_bytes())])
    assert client_for(teacher).post("/mes-scenarios/nouveau/", data).status_code == 302
    document = get_document_model().objects.get()
    assert document.title == "Affiche de la classe.PNG"
    assert document.file.name.endswith("affiche-de-la-classe.png")
    assert document.file_size and document.file_hash
    assert client.get(document.url).status_code in (302, 403)  # not public yet
    assert client_for(teacher).get(document.url).status_code == 200  # the author previews it
    page = ScenarioPage.objects.get()
    while page.current_workflow_state:
        act(page, moderator, "approve")
    assert client.get(document.url).status_code == 200


def test_a_failed_save_keeps_neither_rows_nor_files(bank, teacher, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    upload = SimpleUploadedFile("fiche.pdf", PDF)
    with pytest.raises(ScenarioRefused, match="licence"):
        scenario_draft_save(
            teacher=teacher, draft=draft(licence_accepted=False), uploads=[upload], submit=True
        )
    assert documents_stored() == 0
    assert not ScenarioPage.objects.exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_submitting_from_the_list_still_needs_everything_and_the_licence(bank, teacher):
    page = scenario_draft_save(teacher=teacher, draft=draft(licence_accepted=False))
    response = client_for(teacher).post(f"/mes-scenarios/{page.pk}/soumettre/", follow=True)
    assert "accord pour la licence" in response.content.decode()
    page.refresh_from_db()
    assert page.current_workflow_state is None


def test_a_forged_document_id_is_refused(bank, teacher, colleague):
    other = get_document_model().objects.create(
        title="privé.pdf", file=SimpleUploadedFile("prive.pdf", PDF)
    )
    data = form_data(action="save", documents_kept=[other.pk])
    response = client_for(teacher).post("/mes-scenarios/nouveau/", data)
    assert response.status_code == 400
    assert not ScenarioPage.objects.exists()


def test_the_credit_stays_when_the_original_is_unpublished(bank, teacher, colleague, client):
    original = published(bank, colleague, title="L'original", author_name="M. Diallo")
    adaptation = scenario_draft_save(teacher=teacher, draft=draft(), adapted_from=original)
    adaptation.get_latest_revision().publish()
    original.unpublish()
    html = client.get(adaptation.url).content.decode()
    assert "Adapté de" in html and "L&#x27;original" in html and "par M. Diallo" in html


def test_a_tampered_step_count_does_not_break_the_form(bank, teacher):
    data = form_data(action="add-step", **{"steps-TOTAL_FORMS": "abc"})
    assert client_for(teacher).post("/mes-scenarios/nouveau/", data).status_code in (200, 400)
