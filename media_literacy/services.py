"""Writes with side effects shared by the editorial domains: the editorial workflow and
the index pages under it.

The domains import this module, so it names their index pages by model label and never
imports them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.services import listing_page_ensure

EDITORIAL_WORKFLOW_NAME = "Publication éditoriale"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"
# The listings whose pages go through the editorial workflow (teachers' scenarios too).
EDITORIAL_INDEX_PAGES = (
    "media_literacy.CampaignIndexPage",
    "media_literacy.ResourceIndexPage",
    "media_literacy.ScenarioIndexPage",
)


@transaction.atomic
def editorial_workflow_ensure():
    """Create (once) the two-step editorial workflow and the permissions it relies on.

    Rédaction → validation: an editor's (or a teacher's scenario) submission is first proofread by the editorial
    team ("Relecture", editors or moderators), then validated and published by a
    moderator ("Validation"). Editors lose the publish permission, so they can never
    publish alone; moderators keep it. Editors and moderators may view and export
    schools' registrations; moderators moderate teachers' retours d'expérience. Idempotent: called after every migrate.
    """
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)

    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()
    # Our post_migrate handler may run before auth's: make sure our permissions exist.
    create_permissions(apps.get_app_config("media_literacy"), verbosity=0)
    view_registrations = Permission.objects.filter(
        content_type__app_label="media_literacy", codename="view_campaignregistration"
    ).first()
    if view_registrations:
        editors.permissions.add(view_registrations)
        moderators.permissions.add(view_registrations)
    # Moderators publish or refuse teachers' retours d'expérience (never create them).
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="media_literacy",
            codename__in=[
                "view_scenariofeedback",
                "change_scenariofeedback",
                "delete_scenariofeedback",
            ],
        )
    )

    workflow, created = Workflow.objects.get_or_create(name=EDITORIAL_WORKFLOW_NAME)
    if created:
        proofreading = GroupApprovalTask.objects.create(name="Relecture")
        proofreading.groups.set([editors, moderators])
        validation = GroupApprovalTask.objects.create(name="Validation")
        validation.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=proofreading, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=validation, sort_order=1)
    for label in EDITORIAL_INDEX_PAGES:
        for index_page in apps.get_model(label).objects.all():
            editorial_workflow_assign(page=index_page, workflow=workflow)
    return workflow


def is_editorial_index_page(page: Page) -> bool:
    """Whether ``page`` is one of the listings under the editorial workflow."""
    return isinstance(
        page.specific, tuple(apps.get_model(label) for label in EDITORIAL_INDEX_PAGES)
    )


def editorial_workflow_assign(*, page, workflow=None) -> None:
    """Put ``page`` and its descendants under the editorial workflow (unless already)."""
    workflow = workflow or Workflow.objects.get(name=EDITORIAL_WORKFLOW_NAME)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


INDEX_PAGE_DEFAULTS = {
    "CampaignIndexPage": {
        "title": "Campagnes",
        "slug": "campagnes",
        "summary": "Les grandes opérations nationales d'éducation aux médias et à la sécurité en ligne.",
    },
    "ResourceIndexPage": {
        "title": "Ressources",
        "slug": "ressources",
        "summary": "Fiches pratiques, guides, vidéos et affiches pour chaque public.",
    },
    "ScenarioIndexPage": {
        "title": "Scénarios pédagogiques",
        "slug": "scenarios",
        "summary": "Des séances prêtes à l'emploi, écrites, testées et adaptées par des enseignants.",
    },
}


def index_page_ensure(*, model: type[Page], home: Page) -> Page:
    """The site's campaign, resource or scenario listing (created if missing), under the
    editorial workflow."""
    page = listing_page_ensure(model=model, home=home, **INDEX_PAGE_DEFAULTS[model.__name__])
    editorial_workflow_assign(page=page)
    return page
