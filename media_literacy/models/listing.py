"""The shared shape of the editorial listings: GET filters (no JavaScript) and pagination."""

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models import BasePage

__all__: list[str] = []


class FilteredListingPage(BasePage):
    """A site's single listing of one page type, filtered by a GET form and paginated.

    Extension points: ``get_filter_form_class()`` and ``get_items(filters)``; unknown
    filter values are reported by the form and ignored, never a 500.
    """

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    page_size = 12

    class Meta:
        abstract = True

    def get_filter_form_class(self):
        raise NotImplementedError

    def get_items(self, filters: dict):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        from media_literacy.selectors import paginate

        context = super().get_context(request, *args, **kwargs)
        form = self.get_filter_form_class()(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        items = paginate(self.get_items(filters), request=request, per_page=self.page_size)
        context.update(filter_form=form, items=items)
        return context
