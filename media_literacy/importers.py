"""``import_content`` support for campaigns and resources."""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from cms.content_import import ContentImporter, ItemError
from media_literacy.campaigns.models import CampaignIndexPage, CampaignPage
from media_literacy.resources.models import ResourceIndexPage, ResourceKind, ResourcePage
from media_literacy.services import index_page_ensure


def parse_date(item: dict[str, Any], name: str) -> datetime.date | None:
    value = item.get(name)
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise ItemError(
            _("« %(field)s » doit être une date AAAA-MM-JJ") % {"field": name}
        ) from error


class CampaignImporter(ContentImporter):
    page_model = CampaignPage

    def get_index_page(self):
        return index_page_ensure(model=CampaignIndexPage, home=self.home_page())

    def apply_fields(self, page, item):
        if "strapline" in item:
            page.strapline = str(item["strapline"] or "")[:200]
        if "start_date" in item:
            page.start_date = parse_date(item, "start_date")
        if "end_date" in item:
            page.end_date = parse_date(item, "end_date")
        if page.start_date and page.end_date and page.end_date < page.start_date:
            raise ItemError(_("la fin de la campagne précède son début"))


class ResourceImporter(ContentImporter):
    page_model = ResourcePage

    def get_index_page(self):
        return index_page_ensure(model=ResourceIndexPage, home=self.home_page())

    def apply_fields(self, page, item):
        if "resource_kind" in item:
            if item["resource_kind"] not in ResourceKind.values:
                raise ItemError(
                    _("« resource_kind » doit valoir : %(values)s")
                    % {"values": ", ".join(ResourceKind.values)}
                )
            page.resource_kind = item["resource_kind"]
        if "last_reviewed" in item:
            page.last_reviewed = parse_date(item, "last_reviewed")
