"""The seam between page models and the views that serve them.

A page model keeps what Wagtail needs (fields, panels, routes, templates); the code that
needs forms, selectors or services lives in a views module, which imports the models and
is never imported by them. The page names that module once, and its routes hand over by
name at request time::

    class CampaignPage(PageViewsMixin, RoutablePageMixin, BasePage):
        page_views = "media_literacy.campaigns.views"

        @path("inscription/")
        def registration(self, request):
            return self.page_view("campaign_registration")(request, self)
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class PageViewsMixin:
    """Lets a page hand a request over to a function of its views module.

    Extension point: ``page_views``, the dotted path of that module. The functions take
    ``(request, page, ...)``: views return a response, ``*_context`` functions the extra
    context a page's ``get_context`` adds.
    """

    page_views: str = ""

    def page_view(self, name: str, *, module: str | None = None) -> Callable[..., Any]:
        """``name`` from the page's views module (or from ``module``, for routes a base
        class gives all its subclasses while each subclass names its own views)."""
        module = module or self.page_views
        if not module:
            raise ImproperlyConfigured(f"{type(self).__name__} does not set page_views.")
        return import_string(f"{module}.{name}")
