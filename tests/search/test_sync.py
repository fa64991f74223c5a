"""Keeping the index true: Wagtail events → durable tasks → both engines."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from cms.models import HomePage, StandardPage, Theme
from media_literacy.factories import ResourcePageFactory
from media_literacy.models import ResourceIndexPage
from media_literacy.services import index_page_ensure
from search.backends import get_database_backend, get_search_backend
from search.backends.base import SearchQuery, Viewer
from search.services import search_catalogue
from search.tasks import search_backlog

ENGINES = [
    pytest.param("database", marks=pytest.mark.smoke),
    pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
]


@pytest.fixture
def resource_index(db) -> ResourceIndexPage:
    return index_page_ensure(model=ResourceIndexPage, home=HomePage.objects.get())


def found(text: str, viewer: Viewer | None = None) -> list[str]:
    backend = get_search_backend()
    backend.refresh()
    results = backend.search(SearchQuery(text=text, viewer=viewer or Viewer.anonymous()))
    return [hit.title for hit in results.hits]


def publish(page, capture) -> None:
    with capture(execute=True):
        page.save_revision().publish()


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_publish_makes_a_page_searchable_and_unpublish_removes_it(
    configured_engine, resource_index, django_capture_on_commit_callbacks
):
    page = ResourcePageFactory(parent=resource_index, title="Repérer un hameçonnage", live=False)
    assert found("hameçonnage") == []
    publish(page, django_capture_on_commit_callbacks)
    assert found("hameçonnage") == ["Repérer un hameçonnage"]
    # The database engine (the fallback) is kept in sync too.
    assert str(page.pk) in get_database_backend().document_ids()

    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    assert found("hameçonnage") == []
    assert str(page.pk) not in get_database_backend().document_ids()


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_edits_move_and_delete_follow_the_pages(
    configured_engine, resource_index, django_capture_on_commit_callbacks
):
    page = ResourcePageFactory(parent=resource_index, title="Les algorithmes de recommandation")
    publish(page, django_capture_on_commit_callbacks)
    page.title = "Comprendre les algorithmes des plateformes"
    publish(page, django_capture_on_commit_callbacks)
    assert found("algorithmes") == ["Comprendre les algorithmes des plateformes"]

    hidden_parent = StandardPage(title="Archives", slug="archives", live=False)
    HomePage.objects.get().add_child(instance=hidden_parent)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(Page.objects.get(pk=hidden_parent.pk), pos="last-child")
    assert found("algorithmes") == [], "under an unpublished parent the page cannot be reached"
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(Page.objects.get(pk=resource_index.pk), pos="last-child")
    get_search_backend().refresh()
    results = get_search_backend().search(SearchQuery(text="algorithmes"))
    assert [hit.url for hit in results.hits] == [Page.objects.get(pk=page.pk).url]

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert found("algorithmes") == []


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_view_restrictions_hide_pages_from_anonymous_people(
    configured_engine, resource_index, django_capture_on_commit_callbacks
):
    page = ResourcePageFactory(parent=resource_index, title="Guide interne des formateurs")
    publish(page, django_capture_on_commit_callbacks)
    trainers = Group.objects.create(name="Formateurs")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(trainers)
        restriction.save()
    assert found("formateurs") == []
    member = Viewer(authenticated=True, group_ids=frozenset({trainers.pk}))
    assert found("formateurs", member) == ["Guide interne des formateurs"]
    assert found("formateurs", Viewer(authenticated=True)) == []

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=resource_index, restriction_type="password", password="x"
        )
    assert found("formateurs", member) == [], "password-protected pages are never indexed"


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_renaming_a_theme_updates_the_pages_classified_under_it(
    configured_engine, resource_index, django_capture_on_commit_callbacks
):
    theme = Theme.objects.create(name="Publicité", slug="publicite")
    page = ResourcePageFactory(parent=resource_index, title="Décrypter une réclame")
    page.themes.add(theme)
    publish(page, django_capture_on_commit_callbacks)
    assert found("influenceurs") == []
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Influenceurs et marques"
        theme.save()
    assert found("influenceurs") == ["Décrypter une réclame"]
    get_search_backend().refresh()
    results = get_search_backend().search(SearchQuery(filters={"theme": ("publicite",)}))
    assert [hit.title for hit in results.hits] == ["Décrypter une réclame"]


@pytest.mark.parametrize("configured_engine", ENGINES, indirect=True)
def test_pages_outside_the_catalogue_are_not_indexed(
    configured_engine, resource_index, django_capture_on_commit_callbacks
):
    standard = StandardPage(title="Mentions légales du hameçonnage", slug="mentions")
    with django_capture_on_commit_callbacks(execute=True):
        HomePage.objects.get().add_child(instance=standard)
        standard.save_revision().publish()
    assert found("hameçonnage") == []


def _run_worker(stop: threading.Event) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["search"],
        interval=0.2,
        batch=True,
        backend_name="search",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    try:
        while not stop.is_set():
            worker.run()  # every ready task, then returns
            time.sleep(0.2)
    finally:
        connection.close()


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.elasticsearch
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("configured_engine", ["elasticsearch"], indirect=True)
def test_a_publish_while_elasticsearch_is_stopped_is_retried_until_it_is_back(
    configured_engine, elasticsearch_node, settings
):
    """Durable path: database task queue, a real worker, the real node paused then resumed."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker thread needs a database shared between connections")
    settings.TASKS = {
        **settings.TASKS,
        "search": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["search"]},
    }
    settings.REPERES_SEARCH_RETRY_DELAYS = [1, 2]
    settings.REPERES_SEARCH_BACKEND_OPTIONS = {
        **settings.REPERES_SEARCH_BACKEND_OPTIONS,
        "timeout": 2,
    }
    engine = get_search_backend()
    index = index_page_ensure(model=ResourceIndexPage, home=HomePage.objects.get())
    stop = threading.Event()
    worker = threading.Thread(target=_run_worker, args=(stop,), daemon=True)
    worker.start()
    try:
        elasticsearch_node.stop()
        page = ResourcePageFactory(parent=index, title="Sextorsion : que faire ?", live=False)
        page.save_revision().publish()  # commits: the task row is written after the commit

        # While the node is stopped: the task fails and is scheduled again; the database
        # engine already has the page, and the search page answers from it.
        assert _wait_for(lambda: search_backlog().failed_recently >= 1, timeout=30)
        assert str(page.pk) in get_database_backend().document_ids()
        answer = search_catalogue(query=SearchQuery(text="sextorsion"), record=False)
        assert answer.degraded and answer.engine == "database"
        assert [hit.title for hit in answer.results.hits] == ["Sextorsion : que faire ?"]

        elasticsearch_node.resume()

        # No manual step: the scheduled retry indexes the page once the node answers.
        def indexed() -> bool:
            engine.refresh()
            return str(page.pk) in engine.document_ids()

        assert _wait_for(indexed, timeout=60)
        assert _wait_for(
            lambda: search_backlog().ready == 0 and search_backlog().scheduled == 0, 10
        )
    finally:
        elasticsearch_node.resume()
        stop.set()
        worker.join(timeout=30)
