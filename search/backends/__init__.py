"""Engine selection: the backend class comes from ``REPERES_SEARCH_BACKEND`` (a dotted path).

Settings choose Elasticsearch when ``ELASTICSEARCH_URL`` is set, the database engine
otherwise; a deployment may point the setting at its own ``SearchBackend``.
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend

DATABASE_BACKEND = "search.backends.database.DatabaseBackend"


@cache
def get_search_backend() -> SearchBackend:
    """The configured engine (one shared instance per process)."""
    backend_class = import_string(settings.REPERES_SEARCH_BACKEND)
    return backend_class(**settings.REPERES_SEARCH_BACKEND_OPTIONS)


@cache
def get_database_backend() -> SearchBackend:
    """The database engine: the embedded default, and the fallback when Elasticsearch is down."""
    return import_string(DATABASE_BACKEND)()


def uses_separate_engine() -> bool:
    """True when the configured engine is not the database engine (which is kept in sync too)."""
    return settings.REPERES_SEARCH_BACKEND != DATABASE_BACKEND


@receiver(setting_changed)
def _reset_backends(*, setting: str, **kwargs) -> None:
    if setting.startswith("REPERES_SEARCH") or setting == "ELASTICSEARCH_URL":
        get_search_backend.cache_clear()
        get_database_backend.cache_clear()
