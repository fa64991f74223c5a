from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_role_groups(**kwargs) -> None:
    from django.contrib.auth.models import Group

    from cms.roles import STUDENT_GROUP, TEACHER_GROUP

    for name in (TEACHER_GROUP, STUDENT_GROUP):
        Group.objects.using(kwargs.get("using", "default")).get_or_create(name=name)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site et taxonomies")

    def ready(self):
        # The front-end roles exist on every database (teachers are added to their group
        # and to their schools by an administrator).
        post_migrate.connect(_ensure_role_groups, sender=self)
