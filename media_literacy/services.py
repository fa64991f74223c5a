"""Writes with side effects for editorial content."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from media_literacy.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignRegistration,
    ResourceIndexPage,
)


@transaction.atomic
def campaign_registration_create(
    *,
    campaign: CampaignPage,
    school_name: str,
    commune: str,
    contact_name: str,
    contact_email: str,
    class_count: int,
    school_uai: str = "",
    message: str = "",
) -> CampaignRegistration:
    """Register a school to a campaign; a school registers once per campaign."""
    if not campaign.accepts_registrations:
        raise ValidationError(_("Les inscriptions à cette campagne sont closes."))
    # Compared case-insensitively in Python: SQLite's iexact ignores case for ASCII only.
    key = (school_name.strip().casefold(), commune.strip().casefold())
    registered = CampaignRegistration.objects.filter(campaign=campaign).values_list(
        "school_name", "commune"
    )
    if any((name.casefold(), town.casefold()) == key for name, town in registered):
        raise ValidationError(_("Cet établissement est déjà inscrit à cette campagne."))
    registration = CampaignRegistration(
        campaign=campaign,
        school_name=school_name.strip(),
        school_uai=school_uai.upper(),
        commune=commune.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        class_count=class_count,
        message=message.strip(),
    )
    registration.full_clean()
    registration.save()
    return registration


EDITORIAL_WORKFLOW_NAME = "Publication éditoriale"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"


@transaction.atomic
def editorial_workflow_ensure():
    """Create (once) the two-step editorial workflow and the permissions it relies on.

    Rédaction → validation: an editor's submission is first proofread by the editorial
    team ("Relecture", editors or moderators), then validated and published by a
    moderator ("Validation"). Editors lose the publish permission, so they can never
    publish alone; moderators keep it. Editors and moderators may view and export
    schools' registrations. Idempotent: called after every migrate.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowTask

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

    workflow, created = Workflow.objects.get_or_create(name=EDITORIAL_WORKFLOW_NAME)
    if created:
        proofreading = GroupApprovalTask.objects.create(name="Relecture")
        proofreading.groups.set([editors, moderators])
        validation = GroupApprovalTask.objects.create(name="Validation")
        validation.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=proofreading, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=validation, sort_order=1)
    for index_page in (*CampaignIndexPage.objects.all(), *ResourceIndexPage.objects.all()):
        editorial_workflow_assign(page=index_page, workflow=workflow)
    return workflow


def editorial_workflow_assign(*, page, workflow=None) -> None:
    """Put ``page`` and its descendants under the editorial workflow (unless already)."""
    from wagtail.models import Workflow, WorkflowPage

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
}


@transaction.atomic
def index_page_ensure(*, model, home):
    """The site's campaign or resource listing, created and published under ``home`` if missing."""
    existing = model.objects.first()
    if existing:
        return existing
    page = model(**INDEX_PAGE_DEFAULTS[model.__name__])
    home.add_child(instance=page)
    page.save_revision().publish()
    editorial_workflow_assign(page=page)
    return page
