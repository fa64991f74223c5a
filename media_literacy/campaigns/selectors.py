"""Reusable reads for campaigns."""

import datetime

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone

from cms.models import Audience, Theme
from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage

RANK_CURRENT, RANK_UPCOMING, RANK_ENDED = 0, 1, 2


def campaigns_for_listing(
    *,
    index: CampaignIndexPage,
    audience: Audience | None = None,
    theme: Theme | None = None,
    today: datetime.date | None = None,
) -> QuerySet[CampaignPage]:
    """Live campaigns under ``index``: current ones (ending soonest first), then upcoming
    ones (starting soonest first), then past ones (most recently ended first)."""
    today = today or timezone.localdate()
    campaigns = CampaignPage.objects.child_of(index).live().public()
    if audience:
        campaigns = campaigns.filter(audiences=audience)
    if theme:
        campaigns = campaigns.filter(themes=theme)
    return (
        campaigns.annotate(
            status_rank=Case(
                When(start_date__gt=today, then=Value(RANK_UPCOMING)),
                When(end_date__lt=today, then=Value(RANK_ENDED)),
                default=Value(RANK_CURRENT),
                output_field=IntegerField(),
            ),
            soonest=Case(
                When(status_rank=RANK_CURRENT, then=F("end_date")),
                When(status_rank=RANK_UPCOMING, then=F("start_date")),
            ),
            latest=Case(When(status_rank=RANK_ENDED, then=F("end_date"))),
        )
        .order_by(
            "status_rank",
            F("soonest").asc(nulls_last=True),
            F("latest").desc(nulls_last=True),
            "title",
        )
        .select_related("hero_image")
        .prefetch_related("audiences", "themes")
        .distinct()
    )
