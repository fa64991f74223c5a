"""Pages hand requests over to their views module by name (``cms.page_views``)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.page_views import PageViewsMixin


class ListingPage(PageViewsMixin):
    page_views = "tests.cms.test_page_views"


def listing_context(request, page):
    return {"request": request, "page": page}


def test_page_view_is_the_named_function_of_the_declared_module():
    page = ListingPage()
    assert page.page_view("listing_context")("request", page) == {
        "request": "request",
        "page": page,
    }


def test_page_without_a_views_module_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        PageViewsMixin().page_view("listing_context")


def test_unknown_view_name_fails_loudly():
    with pytest.raises(ImportError):
        ListingPage().page_view("missing_view")
