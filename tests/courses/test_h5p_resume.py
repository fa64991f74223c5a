"""Resume: H5P content user data saved per learner and activity, restored in the player."""

import json
import re

import pytest
from django.test import Client

from cms.factories import UserFactory
from courses.factories import QuizActivityFactory
from courses.models import ActivityUserData

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(section):
    # Any activity page will do for the storage; the player reads it for H5P activities.
    return QuizActivityFactory(parent=section)


def player_config(client, activity, package_id=None) -> dict:
    from courses.activities.h5p.views import h5p_resume_options

    request = client.get("/").wsgi_request
    return h5p_resume_options(request, activity_id=activity.pk)


def save_url(client, activity, data_type="state", sub="0") -> str:
    config = player_config(client, activity)
    return (
        config["ajax"]["contentUserDataUrl"]
        .replace(":dataType", data_type)
        .replace(":subContentId", sub)
    )


def logged_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_state_is_saved_then_restored(activity, learner):
    client = logged_in(learner)
    url = save_url(client, activity)
    assert client.get(url).json() == {"success": True, "data": False}
    response = client.post(url, {"data": '{"progress": 3}', "preload": "1", "invalidate": "0"})
    assert response.json() == {"success": True}  # no CSRF header needed: the URL is signed
    assert client.get(url).json() == {"success": True, "data": '{"progress": 3}'}
    config = player_config(client, activity)
    assert config["contentUserData"] == [{"state": '{"progress": 3}'}]
    assert config["saveFreq"] and config["user"]["mail"] == ""


def test_h5p_zero_deletes_the_document(activity, learner):
    client = logged_in(learner)
    url = save_url(client, activity)
    client.post(url, {"data": "quelque chose", "preload": "1"})
    client.post(url, {"data": "0", "preload": "0"})
    assert not ActivityUserData.objects.exists()


def test_sub_content_documents_are_restored_at_their_index(activity, learner):
    client = logged_in(learner)
    client.post(save_url(client, activity, sub="2"), {"data": "deux", "preload": "1"})
    assert player_config(client, activity)["contentUserData"] == [{}, {}, {"state": "deux"}]


def test_a_token_only_works_for_its_user_and_activity(activity, learner, section):
    url = save_url(logged_in(learner), activity)
    other = logged_in(UserFactory(username="autre"))
    assert other.post(url, {"data": "pirate", "preload": "1"}).status_code == 403
    assert Client().get(url).status_code == 403
    forged = re.sub(r"token=[^&]+", "token=abc", url)
    assert logged_in(learner).get(forged).status_code == 403
    another = QuizActivityFactory(parent=section)
    stolen = url.replace(f"/activites/{activity.pk}/", f"/activites/{another.pk}/")
    assert logged_in(learner).post(stolen, {"data": "x", "preload": "1"}).status_code == 403
    assert not ActivityUserData.objects.exists()


def test_oversized_documents_are_refused(activity, learner):
    client = logged_in(learner)
    response = client.post(
        save_url(client, activity), {"data": "x" * (256 * 1024 + 1), "preload": "1"}
    )
    assert response.status_code == 400
    assert not ActivityUserData.objects.exists()


def test_player_page_carries_resume_options_for_signed_in_learners(activity, learner):
    from courses.activities.h5p.packages import h5p_package_store
    from tests.courses import h5p_builder

    package = h5p_package_store(upload=h5p_builder.valid_package(), title="Question")
    client = logged_in(learner)
    html = client.get(f"/h5p/{package.pk}/player/?activity={activity.pk}").content.decode()
    config = json.loads(
        re.search(r'id="h5p-player-config"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert "contentUserDataUrl" in config["player"]["ajax"]
    anonymous = Client().get(f"/h5p/{package.pk}/player/?activity={activity.pk}").content.decode()
    assert "contentUserDataUrl" not in anonymous


def test_player_interface_is_in_french(activity, learner):
    from courses.activities.h5p.packages import h5p_package_store
    from tests.courses import h5p_builder

    package = h5p_package_store(upload=h5p_builder.valid_package(), title="Question")
    html = Client().get(f"/h5p/{package.pk}/player/").content.decode()
    config = json.loads(
        re.search(r'id="h5p-player-config"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert config["player"]["translations"]["H5P"]["fullscreen"] == "Plein écran"
