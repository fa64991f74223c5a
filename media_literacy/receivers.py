"""Signal receivers of media_literacy, connected by ``MediaLiteracyConfig.ready``."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.signals import page_published

from media_literacy.scenarios.models import ScenarioPage
from media_literacy.scenarios.submissions import scenario_documents_publish
from media_literacy.services import editorial_workflow_ensure


def editorial_workflow_after_migrate(sender, **kwargs) -> None:
    # After migrate (and after the test runner's flushes): the editorial workflow and the
    # permissions it relies on exist on every database.
    editorial_workflow_ensure()


def scenario_documents_after_publish(sender, instance, **kwargs) -> None:
    # Teachers' attachments wait in a private collection until their scenario is
    # published (by a moderator's approval or from the admin).
    scenario_documents_publish(scenario=instance)


def connect(*, app_config: AppConfig) -> None:
    post_migrate.connect(editorial_workflow_after_migrate, sender=app_config)
    page_published.connect(scenario_documents_after_publish, sender=ScenarioPage)
