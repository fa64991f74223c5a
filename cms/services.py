"""Writes with side effects shared by the content apps."""

from django.db import transaction
from wagtail.models import Page


@transaction.atomic
def listing_page_ensure(
    *, model: type[Page], home: Page, title: str, slug: str, summary: str = ""
) -> Page:
    """The site's single listing page of ``model``, created and published under ``home`` if missing."""
    existing = model.objects.first()
    if existing:
        return existing
    page = model(title=title, slug=slug, summary=summary)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
