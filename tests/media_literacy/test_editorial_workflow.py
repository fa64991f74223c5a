"""Editorial workflow: rédaction → validation; editors never publish alone."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow

from cms.factories import UserFactory
from media_literacy.factories import CampaignPageFactory, ResourcePageFactory
from media_literacy.services import EDITORIAL_WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = UserFactory(username="editeur", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderatrice", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def draft_campaign(campaign_index):
    page = CampaignPageFactory.build(title="Brouillon de campagne", live=False)
    campaign_index.add_child(instance=page)
    page.save_revision()
    return page


def current_actions(page, user) -> list[str]:
    state = page.current_workflow_task_state
    return (
        [name for name, _label, _modal in state.task.specific.get_actions(page, user)]
        if state
        else []
    )


def approve(page, user):
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, user, "approve")
    page.refresh_from_db()


@pytest.mark.parametrize("index_fixture", ["campaign_index", "resource_index"])
def test_campaigns_and_resources_use_the_editorial_workflow(request, index_fixture):
    index = request.getfixturevalue(index_fixture)
    workflow = index.get_workflow()
    assert workflow.name == EDITORIAL_WORKFLOW_NAME
    assert [t.name for t in workflow.tasks] == ["Relecture", "Validation"]
    child_factory = (
        CampaignPageFactory if index_fixture == "campaign_index" else ResourcePageFactory
    )
    assert child_factory(parent=index).get_workflow() == workflow


def test_editor_cannot_publish(editor, draft_campaign):
    assert draft_campaign.permissions_for_user(editor).can_edit()
    assert not draft_campaign.permissions_for_user(editor).can_publish()


def test_editor_is_offered_submission_not_publication(client, editor, moderator, draft_campaign):
    client.force_login(editor)
    form = client.get(f"/admin/pages/{draft_campaign.pk}/edit/")
    assert form.status_code == 200
    assert b'name="action-publish"' not in form.content
    assert b'name="action-submit"' in form.content
    client.force_login(moderator)
    assert b'name="action-publish"' in client.get(f"/admin/pages/{draft_campaign.pk}/edit/").content


def test_moderator_validates_what_the_editor_submitted(editor, moderator, draft_campaign):
    workflow = draft_campaign.get_workflow()
    workflow.start(draft_campaign, editor)
    draft_campaign.refresh_from_db()
    assert draft_campaign.current_workflow_task.name == "Relecture"

    approve(draft_campaign, editor)  # proofreading by the editorial team
    assert draft_campaign.current_workflow_task.name == "Validation"
    assert not draft_campaign.live
    assert current_actions(draft_campaign, editor) == []  # an editor cannot validate

    assert "approve" in current_actions(draft_campaign, moderator)
    approve(draft_campaign, moderator)
    assert draft_campaign.live
    assert draft_campaign.current_workflow_state is None


def test_moderator_can_send_back_with_a_comment(editor, moderator, draft_campaign):
    draft_campaign.get_workflow().start(draft_campaign, editor)
    draft_campaign.refresh_from_db()
    state = draft_campaign.current_workflow_task_state
    state.task.specific.on_action(state, moderator, "reject", comment="Ajoutez une image.")
    draft_campaign.refresh_from_db()
    assert not draft_campaign.live
    assert draft_campaign.workflow_states.get().status == "needs_changes"


def test_previews_work_for_editors(client, editor, draft_campaign):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{draft_campaign.pk}/view_draft/")
    assert response.status_code == 200
    assert "Brouillon de campagne" in response.content.decode()


def test_campaign_goes_live_and_expires_on_schedule(campaign_index):
    page = CampaignPageFactory.build(title="Programmée", live=False)
    campaign_index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    page.expire_at = timezone.now() + datetime.timedelta(days=7)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet published

    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live

    # Two hours later (simulated): the approved go-live time has passed.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live

    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired


def test_workflow_setup_is_idempotent(db):
    from media_literacy.services import editorial_workflow_ensure

    editorial_workflow_ensure()
    editorial_workflow_ensure()
    assert Workflow.objects.filter(name=EDITORIAL_WORKFLOW_NAME).count() == 1
