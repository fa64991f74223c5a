"""The shared shape of the editorial listings: GET filters (no JavaScript) and pagination."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models import BasePage
from cms.page_views import PageViewsMixin

UNKNOWN_FILTER = _("Ce filtre n'existe pas : il a été ignoré.")


class FilteredListingPage(PageViewsMixin, BasePage):
    """A site's single listing of one page type, filtered by a GET form and paginated.

    Extension point: the ``listing_context(request, page)`` function of the page's
    ``page_views`` module, usually built on ``filtered_listing_context``.
    """

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    page_size = 12

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_view("listing_context")(request, self))
        return context


def filtered_listing_context(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    items: Callable[[dict[str, Any]], Iterable],
    per_page: int,
) -> dict[str, Any]:
    """``filter_form`` and the requested page of ``items(filters)``.

    Unknown filter values are reported by the form and ignored, never a 500.
    """
    form = form_class(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return {
        "filter_form": form,
        "items": paginate(items(filters), request=request, per_page=per_page),
    }


def paginate(items, *, request: HttpRequest, per_page: int) -> PaginatorPage:
    """The requested page of ``items``; out-of-range or malformed numbers give the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def taxonomy_field(model, label, *, to_field_name="slug", empty_label=None):
    """An optional filter on one taxonomy term, chosen by slug (or ``to_field_name``)."""
    return forms.ModelChoiceField(
        queryset=model.objects.all(),
        to_field_name=to_field_name,
        required=False,
        label=label,
        empty_label=empty_label or _("Tous"),
        error_messages={"invalid_choice": UNKNOWN_FILTER},
    )
