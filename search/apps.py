from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Editors and moderators tune the search (synonyms, promotions) and read its report.
EDITORIAL_SEARCH_PERMISSIONS = [
    ("search", "view_searchqueryday"),
    ("search", "add_synonymgroup"),
    ("search", "change_synonymgroup"),
    ("search", "delete_synonymgroup"),
    ("search", "view_synonymgroup"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


def _grant_editorial_search_permissions(sender, **kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for label in ("search", "wagtailsearchpromotions"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    condition = Q(pk__in=[])
    for app_label, codename in EDITORIAL_SEARCH_PERMISSIONS:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(condition))
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


class SearchConfig(AppConfig):
    """The public catalogue search (one interface, an Elasticsearch and a database engine)."""

    name = "search"
    verbose_name = _("Recherche")

    def ready(self) -> None:
        from search import signals, synonyms  # noqa: F401 - connect receivers

        post_migrate.connect(_grant_editorial_search_permissions, sender=self)
