"""Wagtail and taxonomy events that change what the catalogue must show.

Handlers only decide which pages are affected; ``search_sync_schedule`` queues a durable
task after the transaction commits.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry
from search.services import registered_page_ids, subtree_page_ids
from search.tasks import search_sync_schedule


@receiver(page_published, dispatch_uid="search_page_published")
@receiver(page_unpublished, dispatch_uid="search_page_unpublished")
def _page_changed(sender, instance, **kwargs) -> None:
    # Descendants too: a page is only findable when all its ancestors are live.
    search_sync_schedule(page_ids=subtree_page_ids(instance))


@receiver(post_page_move, dispatch_uid="search_page_moved")
def _page_moved(sender, instance, **kwargs) -> None:
    # The instance may carry its path from before the move: read the tree again.
    page = Page.objects.filter(pk=instance.pk).first()
    if page is not None:
        search_sync_schedule(page_ids=subtree_page_ids(page))


@receiver(post_delete, dispatch_uid="search_page_deleted")
def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and registry.registration_for(instance) is not None:
        search_sync_schedule(page_ids=[instance.pk])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
def _restriction_changed(sender, instance, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        search_sync_schedule(page_ids=subtree_page_ids(page))


def _taxonomy_models():
    from cms.models import Audience, Level, Theme

    return (Audience, Level, Theme)


@receiver(pre_save, dispatch_uid="search_taxonomy_before_save")
def _taxonomy_before_save(sender, instance, **kwargs) -> None:
    if sender in _taxonomy_models() and instance.pk:
        previous = sender.objects.filter(pk=instance.pk).values("name", "slug").first()
        instance._search_previous = previous


@receiver(post_save, dispatch_uid="search_taxonomy_saved")
def _taxonomy_saved(sender, instance, created, **kwargs) -> None:
    if created or sender not in _taxonomy_models():
        return
    previous = getattr(instance, "_search_previous", None)
    if previous and previous == {"name": instance.name, "slug": instance.slug}:
        return
    search_sync_schedule(page_ids=pages_classified_under(instance))


@receiver(pre_delete, dispatch_uid="search_taxonomy_deleted")
def _taxonomy_deleted(sender, instance, **kwargs) -> None:
    # Before the delete: afterwards the relation rows that lead to the pages are gone.
    if sender in _taxonomy_models():
        search_sync_schedule(page_ids=pages_classified_under(instance))


def pages_classified_under(taxonomy) -> list[int]:
    """Registered pages linked to this audience, level or theme (through any relation)."""
    ids: set[int] = set()
    for entry in registry.registered_types():
        for field in entry.model._meta.get_fields():
            if field.many_to_many and field.related_model is type(taxonomy):
                pages = entry.model.objects.filter(**{field.name: taxonomy})
                ids.update(registered_page_ids(Page.objects.filter(pk__in=pages.values("pk"))))
    return sorted(ids)
