"""POST/PUT/GET /xapi/statements: validation, idempotence, actor checks, completion."""

import json
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from cms.factories import UserFactory
from courses.factories import QuizActivityFactory
from courses.models import (
    ActivityCompletion,
    Attempt,
    CompletionRule,
    LearnerIdentity,
    XapiStatement,
)
from courses.structure.services import enrolment_create

pytestmark = pytest.mark.django_db
HEADERS = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


@pytest.fixture
def h5p_like(section):
    return QuizActivityFactory(
        parent=section, completion_rule=CompletionRule.PASSED, pass_score=Decimal(60)
    )


@pytest.fixture
def learner_client(learner):
    client = Client()
    client.force_login(learner)
    return client


def statement(activity, *, scaled=0.8, statement_id=None, verb=ANSWERED, object_suffix="", **extra):
    body = {
        "id": str(statement_id or uuid.uuid4()),
        "verb": {"id": verb, "display": {"fr-FR": "a répondu"}},
        "object": {
            "id": f"http://testserver/xapi/activities/{activity.pk}{object_suffix}",
            "objectType": "Activity",
        },
        "result": {
            "score": {"scaled": scaled, "raw": scaled * 10, "min": 0, "max": 10},
            "success": scaled >= 0.6,
        },
    }
    body.update(extra)
    return body


def post(client, payload, **headers):
    return client.post(
        "/xapi/statements",
        json.dumps(payload),
        content_type="application/json",
        **{**HEADERS, **headers},
    )


def test_statement_is_stored_and_completes_the_activity(learner_client, learner, h5p_like):
    response = post(learner_client, statement(h5p_like, scaled=0.8))
    assert response.status_code == 200, response.content
    assert response["X-Experience-API-Version"] == "1.0.3"
    stored = XapiStatement.objects.get()
    assert [str(stored.statement_id)] == response.json()
    identity = LearnerIdentity.objects.get(user=learner)
    assert stored.payload["actor"]["account"]["name"] == str(identity.account_name)
    assert learner.username not in json.dumps(stored.payload)  # pseudonymous
    completion = ActivityCompletion.objects.get(user=learner, activity=h5p_like)
    assert (completion.state, completion.grade) == ("passed", Decimal("0.8"))


def test_same_statement_twice_is_stored_once(learner_client, h5p_like):
    body = statement(h5p_like)
    assert post(learner_client, body).status_code == 200
    assert post(learner_client, body).status_code == 200
    assert XapiStatement.objects.count() == 1
    assert Attempt.objects.count() == 1


def test_conflicting_body_with_the_same_id_is_a_409(learner_client, h5p_like):
    body = statement(h5p_like, scaled=0.8)
    post(learner_client, body)
    response = post(learner_client, {**body, "result": {"score": {"scaled": 1.0}}})
    assert response.status_code == 409
    assert XapiStatement.objects.count() == 1


def test_statement_for_another_actor_is_refused(learner_client, h5p_like):
    other = UserFactory(username="hibou-roux")
    other_identity = LearnerIdentity.objects.create(user=other)
    actor = {
        "objectType": "Agent",
        "account": {"homePage": "http://testserver/", "name": str(other_identity.account_name)},
    }
    response = post(learner_client, statement(h5p_like, actor=actor))
    assert response.status_code == 403
    response = post(
        learner_client, statement(h5p_like, actor={"mbox": "mailto:quelquun@example.org"})
    )
    assert response.status_code == 403
    assert not XapiStatement.objects.exists()


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda s: s["result"]["score"].update(scaled=1.5), "result.score.scaled"),
        (lambda s: s["verb"].update(id="pas une IRI"), "verb.id"),
        (lambda s: s.pop("verb"), "verb"),
        (lambda s: s.update(id="pas-un-uuid"), "id"),
        (lambda s: s.update(timestamp="2026-11-28T10:00:00"), "timestamp"),
        (lambda s: s["result"].update(duration="1 minute"), "result.duration"),
        (lambda s: s.update(object={"objectType": "Agent", "mbox": "mailto:a@b.c"}), "object"),
        (lambda s: s.update(surprise=True), "surprise"),
        (
            lambda s: s.update(
                actor={"mbox": "mailto:a@b.c", "account": {"homePage": "http://x/", "name": "y"}}
            ),
            "actor",
        ),
    ],
)
def test_malformed_statement_gives_a_400_with_the_field_path(
    learner_client, h5p_like, mutate, path
):
    body = statement(h5p_like)
    mutate(body)
    response = post(learner_client, body)
    assert response.status_code == 400
    assert response.json()["error"].startswith(path)
    assert not XapiStatement.objects.exists()


def test_a_bad_statement_in_a_list_rejects_the_whole_list(learner_client, h5p_like):
    good, bad = statement(h5p_like), statement(h5p_like)
    bad["verb"]["id"] = "nope"
    response = post(learner_client, [good, bad])
    assert response.status_code == 400
    assert response.json()["error"].startswith("[1].verb.id")
    assert not XapiStatement.objects.exists()


def test_list_of_statements_returns_their_ids(learner_client, h5p_like):
    bodies = [statement(h5p_like, scaled=0.2), statement(h5p_like, scaled=0.9)]
    response = post(learner_client, bodies)
    assert response.json() == [b["id"] for b in bodies]
    assert ActivityCompletion.objects.get(activity=h5p_like).grade == Decimal("0.9")


def test_requests_without_the_version_header_or_login_are_refused(client, learner_client, h5p_like):
    response = learner_client.post(
        "/xapi/statements", json.dumps(statement(h5p_like)), content_type="application/json"
    )
    assert response.status_code == 400
    assert post(client, statement(h5p_like)).status_code == 401
    response = learner_client.post(
        "/xapi/statements", "{oops", content_type="application/json", **HEADERS
    )
    assert response.status_code == 400


def test_put_with_statement_id_and_get_own_statement(learner_client, h5p_like):
    statement_id = uuid.uuid4()
    body = statement(h5p_like)
    body.pop("id")
    response = learner_client.put(
        f"/xapi/statements?statementId={statement_id}",
        json.dumps(body),
        content_type="application/json",
        **HEADERS,
    )
    assert response.status_code == 204
    response = learner_client.get(f"/xapi/statements?statementId={statement_id}", **HEADERS)
    assert response.status_code == 200 and response.json()["id"] == str(statement_id)


def test_learners_cannot_read_each_others_statements(learner_client, h5p_like, course):
    body = statement(h5p_like)
    post(learner_client, body)
    other = UserFactory(username="castor-vert")
    other_client = Client()
    other_client.force_login(other)
    assert (
        other_client.get(f"/xapi/statements?statementId={body['id']}", **HEADERS).status_code == 404
    )


def test_sub_question_statements_are_stored_but_make_no_attempt(learner_client, h5p_like):
    post(learner_client, statement(h5p_like, object_suffix="?subContentId=abc"))
    parent = {
        "contextActivities": {
            "parent": [{"id": f"http://testserver/xapi/activities/{h5p_like.pk}"}]
        }
    }
    post(learner_client, statement(h5p_like, context=parent))
    assert XapiStatement.objects.filter(is_main_object=False).count() == 2
    assert not Attempt.objects.exists()


def test_attempts_beyond_the_maximum_keep_the_statement_but_do_not_count(learner_client, h5p_like):
    h5p_like.max_attempts = 1
    h5p_like.save_revision().publish()
    post(learner_client, statement(h5p_like, scaled=0.3))
    response = post(learner_client, statement(h5p_like, scaled=1.0))
    assert response.status_code == 200
    assert XapiStatement.objects.count() == 2
    assert ActivityCompletion.objects.get(activity=h5p_like).grade == Decimal("0.3")


@pytest.mark.postgres
# serialized_rollback: the data migrations' rows are restored for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_give_one_completion_and_the_right_grade(h5p_like, course):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is checked on PostgreSQL")
    learner = UserFactory(username="concurrent")
    enrolment_create(course=course, user=learner)
    bodies = [statement(h5p_like, scaled=round(0.05 * n, 2)) for n in range(1, 21)]
    statuses, barrier = [], threading.Barrier(20)

    def send(body):
        from django.db import connections

        client = Client()
        client.force_login(learner)
        barrier.wait()
        statuses.append(post(client, body).status_code)
        connections.close_all()

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    assert ActivityCompletion.objects.filter(user=learner, activity=h5p_like).count() == 1
    assert sorted(Attempt.objects.filter(user=learner).values_list("number", flat=True)) == list(
        range(1, 21)
    )
    completion = ActivityCompletion.objects.get(user=learner, activity=h5p_like)
    assert completion.grade == Decimal("1.00000") and completion.state == "passed"
    assert completion.attempt_count == 20


def test_statements_of_one_player_load_make_one_attempt(learner_client, h5p_like):
    registration = str(uuid.uuid4())
    post(learner_client, statement(h5p_like, scaled=0.4, context={"registration": registration}))
    post(learner_client, statement(h5p_like, scaled=0.9, context={"registration": registration}))
    post(
        learner_client, statement(h5p_like, scaled=0.5, context={"registration": str(uuid.uuid4())})
    )
    assert Attempt.objects.count() == 2
    assert ActivityCompletion.objects.get(activity=h5p_like).grade == Decimal("0.9")


def test_h5p_statements_name_their_activity_in_a_context_extension(learner_client, h5p_like):
    from courses.xapi.statements import ACTIVITY_EXTENSION

    body = statement(h5p_like, context={"extensions": {ACTIVITY_EXTENSION: h5p_like.pk}})
    body["object"]["id"] = "http://testserver/h5p/3/player/"
    response = post(learner_client, body)
    assert response.status_code == 200, response.content
    sub = statement(h5p_like, context={"extensions": {ACTIVITY_EXTENSION: h5p_like.pk}})
    sub["object"]["id"] = "http://testserver/h5p/3/player/?subContentId=42"
    post(learner_client, sub)
    assert XapiStatement.objects.filter(activity=h5p_like, is_main_object=True).count() == 1
    assert Attempt.objects.count() == 1
