from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLiteracyConfig(AppConfig):
    """Editorial content: campaigns, resources, scénarios pédagogiques, local actors."""

    name = "media_literacy"
    verbose_name = _("Éducation aux médias")
