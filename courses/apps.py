from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _recompute_after_rule_change(sender, instance, **kwargs):
    from courses.completion.services import activity_completions_recompute
    from courses.models import Activity

    if isinstance(instance, Activity):
        activity_completions_recompute(activity=instance)


class CoursesConfig(AppConfig):
    """Learning: courses, activities, attempts, xAPI, completion, classes."""

    name = "courses"
    verbose_name = _("Parcours")

    def ready(self):
        from wagtail.signals import page_published

        # Publishing an activity may change its completion rule: learners' completions
        # (and course completions) are recomputed from what they did.
        page_published.connect(
            _recompute_after_rule_change, dispatch_uid="courses_recompute_on_publish"
        )
        from courses.search_documents import register_with_search

        register_with_search()
        from courses.classes.services import register_course_assignables

        register_course_assignables()
