"""Production écrite (courses.activities.written): handing in, handing in again, marking,
completion under each rule, who may read and mark, bad input, the pupil's data."""

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from cms.factories import UserFactory
from courses.activities.written.factories import WrittenActivityFactory
from courses.activities.written.models import MarkScale, WrittenActivity, WrittenSubmission
from courses.activities.written.services import (
    SubmissionRefused,
    submission_mark,
    submission_save,
)
from courses.activity_types import answer_rows_for, review_urls_for
from courses.classes.selectors import class_progress
from courses.classes.services import classroom_create, roster_add
from courses.models import (
    ActivityCompletion,
    Attempt,
    ClassMembership,
    CompletionRule,
    School,
)
from courses.privacy.services import learner_data_export, learner_erase
from tests.factories import assign, client_for, teacher_user

pytestmark = pytest.mark.django_db

TEXT = "Je vérifie qui a publié l'information, puis je cherche une deuxième source."


def png(name: str = "dessin.png", size=(8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 0, 145)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def private_root():
    """The private storage of pupils' images, emptied before and after the test."""
    root = Path(WrittenSubmission._meta.get_field("image").storage.location)
    shutil.rmtree(root, ignore_errors=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def plain(html: str) -> str:
    """French numbers group thousands with a (narrow) no-break space: read them as spaces."""
    return html.replace("\xa0", " ").replace("\u202f", " ")


def stored_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def activity(section):
    return WrittenActivityFactory(parent=section, title="Raconter une vérification")


@pytest.fixture
def pupils(classroom, teacher):
    roster_add(classroom=classroom, teacher=teacher, names=["Léa", "Malik"])
    return [m.pupil for m in ClassMembership.objects.order_by("display_name")]


@pytest.fixture
def pupil(pupils, classroom, teacher, course):
    assign(classroom, teacher, course)  # enrols the class in the course
    return pupils[0]


def state_of(activity, user) -> str:
    return ActivityCompletion.objects.get(activity=activity, user=user).state


# --- Handing in, again, marking -------------------------------------------------------------


def test_handing_in_records_one_attempt_without_score(activity, pupil):
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    attempt = Attempt.objects.get()
    assert submission.attempt == attempt
    assert attempt.registration == submission.registration
    assert (attempt.score_raw, attempt.score_scaled, attempt.success) == (None, None, None)
    assert state_of(activity, pupil) == "complete"  # the factory's rule: SUBMITTED


def test_handing_in_again_before_marking_updates_the_same_submission(activity, pupil):
    first = submission_save(activity=activity, pupil=pupil, text=TEXT)
    again = submission_save(activity=activity, pupil=pupil, text="Une version plus claire.")
    assert again.pk == first.pk
    assert WrittenSubmission.objects.get().text == "Une version plus claire."
    assert Attempt.objects.count() == 1
    assert ActivityCompletion.objects.get().attempt_count == 1


def test_marking_updates_the_attempt_with_the_score(activity, pupil, teacher):
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    marked = submission_mark(
        submission=submission, teacher=teacher, mark=Decimal("14.5"), comment="  Bien vu.  "
    )
    attempt = Attempt.objects.get()
    assert marked.attempt == attempt
    assert (attempt.score_raw, attempt.score_max, attempt.success) == (
        Decimal("14.5"),
        Decimal(20),
        True,
    )
    assert attempt.score_scaled == Decimal("0.725")
    assert (marked.teacher_comment, marked.marked_by) == ("Bien vu.", teacher)
    assert ActivityCompletion.objects.get().grade == Decimal("0.725")
    # Marking again replaces the mark, still on the same attempt.
    submission_mark(submission=marked, teacher=teacher, mark=Decimal(8))
    assert Attempt.objects.get().score_raw == Decimal(8)


def test_a_marked_text_can_no_longer_be_handed_in(activity, pupil, teacher):
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(12))
    with pytest.raises(SubmissionRefused, match="déjà corrigé"):
        submission_save(activity=activity, pupil=pupil, text="Trop tard.")
    response = client_for(pupil).post(activity.url + "rendre/", {"text": "Trop tard."}, follow=True)
    assert "déjà corrigé" in response.content.decode()
    assert WrittenSubmission.objects.get().text == TEXT


@pytest.mark.parametrize(
    ("rule", "mark", "before", "after"),
    [
        (CompletionRule.SUBMITTED, "4", "complete", "complete"),
        (CompletionRule.MIN_SCORE, "12", "in_progress", "complete"),
        (CompletionRule.MIN_SCORE, "9.5", "in_progress", "in_progress"),
        (CompletionRule.PASSED, "10", "in_progress", "passed"),
        (CompletionRule.PASSED, "9.75", "in_progress", "failed"),
        (CompletionRule.NONE, "18", "in_progress", "in_progress"),
    ],
)
def test_completion_follows_the_rule(section, pupil, teacher, rule, mark, before, after):
    activity = WrittenActivityFactory(parent=section, completion_rule=rule, pass_mark=10)
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    assert state_of(activity, pupil) == before
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(mark))
    assert state_of(activity, pupil) == after


def test_a_percentage_scale_sets_the_pass_mark_in_percent(section, pupil, teacher):
    activity = WrittenActivityFactory(
        parent=section,
        completion_rule=CompletionRule.PASSED,
        mark_scale=MarkScale.PERCENT,
        pass_mark=60,
    )
    assert (activity.pass_score, activity.min_score) == (Decimal(60), Decimal(60))
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(59))
    assert state_of(activity, pupil) == "failed"
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(60))
    assert state_of(activity, pupil) == "passed"


def test_a_new_page_starts_on_handing_in_and_refuses_other_rules(section):
    page = WrittenActivity(title="Nouvelle production", instructions="<p>Écrire.</p>")
    assert page.completion_rule == CompletionRule.SUBMITTED
    section.add_child(instance=page)
    page.completion_rule = CompletionRule.VIEWED
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "completion_rule" in error.value.message_dict
    page.completion_rule, page.pass_mark = CompletionRule.PASSED, Decimal(21)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "ne peut dépasser 20" in error.value.message_dict["pass_mark"][0]


# --- The pupil's page -----------------------------------------------------------------------


def test_pupil_writes_hands_in_then_reads_the_feedback(activity, pupil, teacher):
    client = client_for(pupil)
    html = client.get(activity.url).content.decode()
    assert '<label for="id_text">Votre texte' in html
    assert 'aria-describedby="id_text_helptext"' in html
    assert "Au plus 1 000 caractères." in plain(html)
    assert 'data-max-characters="1000"' in html
    assert "courses_written/text-counter.js" in html and "<script>" not in html
    response = client.post(activity.url + "rendre/", {"text": TEXT + "\r\nFin."})
    assert response.status_code == 302 and response["Location"] == activity.url
    assert WrittenSubmission.objects.get().text == TEXT + "\nFin."
    html = client.get(activity.url).content.decode()
    assert "Votre texte est rendu" in html and "Mon texte" in html
    assert "Pas encore de correction" in html and "Modifier mon texte" in html
    submission_mark(
        submission=WrittenSubmission.objects.get(),
        teacher=teacher,
        mark=Decimal("13.5"),
        comment="Deux sources : très bien.",
    )
    html = client.get(activity.url).content.decode()
    assert "Note : 13,5 sur 20" in html and "Deux sources : très bien." in html
    assert 'name="text"' not in html  # marked: nothing to hand in any more


def test_a_pupil_not_enrolled_cannot_hand_in(activity):
    outsider = UserFactory(username="hors-parcours")
    response = client_for(outsider).post(activity.url + "rendre/", {"text": TEXT}, follow=True)
    assert "Inscrivez-vous au parcours" in response.content.decode()
    assert not WrittenSubmission.objects.exists()
    assert Client().post(activity.url + "rendre/", {"text": TEXT}).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Écrivez votre texte avant de le rendre."),
        ({"text": "x" * 1001}, "Votre texte compte 1 001 caractères pour 1 000 au plus"),
    ],
)
def test_bad_text_is_explained_in_french_and_nothing_is_written(activity, pupil, data, message):
    response = client_for(pupil).post(activity.url + "rendre/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in plain(html)
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert 'aria-invalid="true"' in html and 'id="id_text_error"' in html
    assert "Votre texte n'est pas encore rendu" in html
    assert not WrittenSubmission.objects.exists() and not Attempt.objects.exists()


def test_a_line_break_counts_as_one_character(section, pupil):
    activity = WrittenActivityFactory(parent=section, max_characters=5)
    response = client_for(pupil).post(activity.url + "rendre/", {"text": "ab\r\ncd"})
    assert response.status_code == 302
    assert WrittenSubmission.objects.get().text == "ab\ncd"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("dessin.png", b"pas une image du tout", content_type="image/png"),
            "ne correspond pas à son contenu",
        ),
        (
            SimpleUploadedFile("page.pdf", b"%PDF-1.4\n%%EOF\n", content_type="image/png"),
            "n&#x27;est pas une image : joignez une image PNG ou JPEG",
        ),
        (
            SimpleUploadedFile("casse.png", b"\x89PNG\r\n\x1a\nabimee", content_type="image/png"),
            "endommagé",
        ),
    ],
    ids=["text-named-png", "pdf", "broken-png"],
)
def test_a_bad_image_is_refused_in_french_and_nothing_is_stored(
    section, pupil, private_root, upload, message
):
    activity = WrittenActivityFactory(parent=section, image_allowed=True)
    response = client_for(pupil).post(activity.url + "rendre/", {"text": TEXT, "image": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-describedby="id_image_helptext id_image_error"' in html
    assert not WrittenSubmission.objects.exists() and not Attempt.objects.exists()
    assert stored_files(private_root) == []


def test_an_image_is_refused_where_the_activity_takes_none(activity, pupil, private_root):
    client_for(pupil).post(activity.url + "rendre/", {"text": TEXT, "image": png()})
    assert not WrittenSubmission.objects.get().image  # the field is not offered: ignored
    assert stored_files(private_root) == []


def test_the_image_is_private_and_replaced_on_handing_in_again(
    section, pupil, pupils, teacher, private_root, settings, django_capture_on_commit_callbacks
):
    activity = WrittenActivityFactory(parent=section, image_allowed=True)
    client = client_for(pupil)
    client.post(activity.url + "rendre/", {"text": TEXT, "image": png()})
    submission = WrittenSubmission.objects.get()
    first = stored_files(private_root)
    assert len(first) == 1 and "dessin" not in first[0]  # a random name
    assert not Path(settings.MEDIA_ROOT, submission.image.name).exists()
    url = reverse("courses:written_image", args=[submission.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(teacher).get(url).status_code == 200
    assert client_for(pupils[1]).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(activity.url + "rendre/", {"text": TEXT, "image": png("autre.png")})
    second = stored_files(private_root)
    assert len(second) == 1 and second != first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(activity.url + "rendre/", {"text": TEXT, "remove_image": "on"})
    assert stored_files(private_root) == []
    assert not WrittenSubmission.objects.get().image


# --- Who may read and mark ------------------------------------------------------------------


@pytest.fixture
def actors(school, classroom, teacher, pupil, pupils, activity, course):
    other_school = School.objects.create(
        uai="0690001B",
        name="Collège Ampère",
        kind=School.Kind.MIDDLE,
        commune="Lyon",
        departement="69",
        academie="Lyon",
    )
    other_teacher = teacher_user("m-durand", other_school)
    other_class = classroom_create(teacher=other_teacher, school=other_school, name="4e A")
    assign(other_class, other_teacher, course)  # the same course, another class
    colleague = teacher_user("mme-roux", school)  # same school, not in the class
    unassigned_teacher = teacher_user("m-petit", school)
    unassigned_class = classroom_create(teacher=unassigned_teacher, school=school, name="6e C")
    ClassMembership.objects.create(
        classroom=unassigned_class, pupil=pupil, display_name="Léa", source="roster"
    )  # the pupil is in their class, but it was never given the activity
    submission_save(activity=activity, pupil=pupil, text=TEXT)
    return {
        "teacher": teacher,
        "pupil": pupil,
        "other_pupil": pupils[1],
        "teacher_of_another_class": other_teacher,
        "colleague_not_in_the_class": colleague,
        "teacher_of_a_class_not_given_it": unassigned_teacher,
        "anonymous": None,
    }


def review_page(activity, pupil) -> str:
    return reverse("courses:written_review", args=[activity.pk, pupil.pk])


def test_the_classs_teacher_reads_and_marks_from_the_assignment_report(
    actors, activity, pupil, classroom
):
    client = client_for(actors["teacher"])
    url = review_page(activity, pupil)
    # Only those who handed something in have a page to read (one query for the class).
    assert review_urls_for(activity=activity, pupils=[pupil, actors["other_pupil"]]) == {
        pupil.pk: url
    }
    assignment = classroom.assignments.get()
    report = client.get(reverse("courses:assignment_detail", args=[classroom.pk, assignment.pk]))
    assert f'href="{url}"' in report.content.decode()
    html = client.get(url).content.decode()
    assert TEXT.replace("'", "&#x27;") in html and "Léa" in html
    assert '<label for="id_mark">Note sur 20' in html
    response = client.post(url, {"mark": "15,5", "comment": "Précis et clair."})
    assert response.status_code == 302
    submission = WrittenSubmission.objects.get()
    assert (submission.mark, submission.teacher_comment) == (Decimal("15.5"), "Précis et clair.")
    assert "Correction enregistrée" in client.get(url).content.decode()
    cells = [cell.label for cell in class_progress(classroom=classroom).rows[0].cells]
    assert "Terminée (78 %)" in cells


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("pupil", 404),
        ("other_pupil", 404),
        ("teacher_of_another_class", 404),
        ("colleague_not_in_the_class", 404),
        ("teacher_of_a_class_not_given_it", 404),
        ("anonymous", 302),
    ],
)
def test_nobody_else_reads_or_marks(actors, activity, pupil, who, expected):
    client = client_for(actors[who])
    url = review_page(activity, pupil)
    response = client.get(url)
    assert response.status_code == expected
    assert TEXT not in response.content.decode()
    if expected == 302:
        assert reverse("login") in response["Location"]
    assert client.post(url, {"mark": "20"}).status_code == expected
    image = reverse("courses:written_image", args=[WrittenSubmission.objects.get().pk])
    assert client.get(image).status_code == expected
    assert WrittenSubmission.objects.get().mark is None
    if actors[who] is not None:
        with pytest.raises(PermissionDenied):
            submission_mark(
                submission=WrittenSubmission.objects.get(), teacher=actors[who], mark=Decimal(20)
            )


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ("21", "La note doit être comprise entre 0 et 20."),
        ("-1", "La note doit être comprise entre 0 et 20."),
        ("beaucoup", "Indiquez la note en chiffres, par exemple 14 ou 13,5."),
        ("", "Indiquez une note avant d&#x27;enregistrer la correction."),
        ("12,125", "Deux chiffres après la virgule au plus."),
    ],
)
def test_a_bad_mark_is_explained_in_french_and_nothing_changes(
    actors, activity, pupil, mark, message
):
    response = client_for(actors["teacher"]).post(review_page(activity, pupil), {"mark": mark})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-describedby="id_mark_helptext id_mark_error"' in html
    assert WrittenSubmission.objects.get().mark is None
    assert Attempt.objects.get().score_raw is None


def test_the_review_page_says_when_nothing_was_handed_in(actors, activity):
    other = actors["other_pupil"]
    html = client_for(actors["teacher"]).get(review_page(activity, other)).content.decode()
    assert "pas encore rendu son texte" in html and 'name="mark"' not in html


# --- Reports and the pupil's data -----------------------------------------------------------


def test_answer_rows_give_the_text_and_correct_only_once_marked(activity, pupil, teacher):
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT)
    (row,) = answer_rows_for(activity=activity, attempt=Attempt.objects.get())
    assert (row.answer, row.correct) == (TEXT, None)
    assert row.question == "Production écrite : Raconter une vérification"
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(9))
    (row,) = answer_rows_for(activity=activity, attempt=Attempt.objects.get())
    assert row.correct is False


def test_privacy_export_and_erasure_include_the_texts_and_images(
    section, pupil, teacher, private_root, django_capture_on_commit_callbacks
):
    activity = WrittenActivityFactory(parent=section, image_allowed=True, title="Mon avis")
    submission = submission_save(activity=activity, pupil=pupil, text=TEXT, image=png())
    submission_mark(submission=submission, teacher=teacher, mark=Decimal(16), comment="Bravo.")
    data = learner_data_export(user=pupil)
    (exported,) = data["activity_types"]["written"]["submissions"]
    assert (exported["activity"], exported["text"], exported["teacher_comment"]) == (
        "Mon avis",
        TEXT,
        "Bravo.",
    )
    assert (exported["mark"], exported["mark_scale"]) == ("16.00", 20)
    assert exported["image"].endswith(".png")
    json.dumps(data, default=str)  # the download serialises it
    assert len(stored_files(private_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        learner_erase(user=pupil)
    assert not WrittenSubmission.objects.exists()
    assert stored_files(private_root) == []
    assert Attempt.objects.get().score_raw == Decimal(16)  # the class figures stay
    assert learner_data_export(user=pupil)["activity_types"]["written"] == {"submissions": []}


def test_deleting_the_activity_deletes_the_images(
    section, pupil, private_root, django_capture_on_commit_callbacks
):
    activity = WrittenActivityFactory(parent=section, image_allowed=True)
    submission_save(activity=activity, pupil=pupil, text=TEXT, image=png())
    with django_capture_on_commit_callbacks(execute=True):
        activity.delete()
    assert not WrittenSubmission.objects.exists()
    assert stored_files(private_root) == []


# --- The editors' side ----------------------------------------------------------------------


def test_editors_create_a_written_activity_in_a_section(section):
    from wagtail.test.utils.form_data import rich_text

    admin = UserFactory(username="admin-ecrit", is_superuser=True, is_staff=True)
    client = client_for(admin)
    url = reverse("wagtailadmin_pages:add", args=["courses_written", "writtenactivity", section.pk])
    html = client.get(url).content.decode()
    assert 'value="submitted" selected' in html and 'value="viewed"' not in html
    response = client.post(
        url,
        {
            "title": "Décrire une fausse information",
            "slug": "decrire",
            "instructions": rich_text("<p>Décrivez une infox que vous avez vue.</p>"),
            "max_characters": "800",
            "mark_scale": "20",
            "pass_mark": "12",
            "completion_rule": "passed",
            "required": "on",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = WrittenActivity.objects.get(slug="decrire")
    assert page.live and (page.pass_score, page.completion_rule) == (Decimal(60), "passed")
