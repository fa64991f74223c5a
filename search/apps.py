from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The public catalogue search (one interface, an Elasticsearch and a database engine)."""

    name = "search"
    verbose_name = _("Recherche")

    def ready(self) -> None:
        from search import signals, synonyms  # noqa: F401 - connect receivers
