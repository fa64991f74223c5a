"""The editors' search report: frequent and zero-result queries over the last 30 days."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from search.models import SearchQueryDay

REPORT_DAYS = 30
REPORT_ROWS = 50


def search_report_rows(*, days: int = REPORT_DAYS, limit: int = REPORT_ROWS) -> dict:
    """The most frequent queries and the most frequent queries that found nothing."""
    since = timezone.localdate() - timedelta(days=days - 1)
    totals = (
        SearchQueryDay.objects.filter(day__gte=since)
        .values("query")
        .annotate(total=Sum("searches"), zero=Sum("zero_results"))
    )
    return {
        "since": since,
        "frequent": list(totals.order_by("-total", "query")[:limit]),
        "zero_results": list(totals.filter(zero__gt=0).order_by("-zero", "query")[:limit]),
        "searches": totals.aggregate(n=Sum("total"))["n"] or 0,
    }


def search_report(request):
    if not request.user.has_perm("search.view_searchqueryday"):
        raise PermissionDenied
    context = {
        **search_report_rows(),
        "days": REPORT_DAYS,
        "page_title": _("Recherches des visiteurs"),
        "page_subtitle": _("%(days)d derniers jours") % {"days": REPORT_DAYS},
        "header_icon": "search",
    }
    return render(request, "search/admin/search_report.html", context)
