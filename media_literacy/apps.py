from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_editorial_workflow(sender, **kwargs):
    from media_literacy.services import editorial_workflow_ensure

    editorial_workflow_ensure()


def _publish_scenario_documents(sender, instance, **kwargs):
    from media_literacy.scenario_submissions import scenario_documents_publish

    scenario_documents_publish(scenario=instance)


class MediaLiteracyConfig(AppConfig):
    """Editorial content: campaigns, resources, scénarios pédagogiques, local actors."""

    name = "media_literacy"
    verbose_name = _("Éducation aux médias")

    def ready(self):
        # After migrate (and after the test runner's flushes): the editorial workflow and
        # the permissions it relies on exist on every database.
        post_migrate.connect(_ensure_editorial_workflow, sender=self)
        from wagtail.signals import page_published

        from media_literacy.models import ScenarioPage

        # Teachers' attachments wait in a private collection until their scenario is
        # published (by a moderator's approval or from the admin).
        page_published.connect(_publish_scenario_documents, sender=ScenarioPage)
        from media_literacy.search_documents import register_with_search

        register_with_search()
        from media_literacy.assignables import register_assignables

        register_assignables()
