from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLiteracyConfig(AppConfig):
    """Editorial content: campaigns, resources, scénarios pédagogiques, local actors."""

    name = "media_literacy"
    verbose_name = _("Éducation aux médias")

    def ready(self):
        # Imported here, not at the top: these modules import models (ours, courses'),
        # which can be imported only once the app registry is ready.
        from media_literacy import receivers
        from media_literacy.campaigns.assignables import register_assignables
        from media_literacy.search_documents import register_with_search

        receivers.connect(app_config=self)
        register_with_search()
        register_assignables()
