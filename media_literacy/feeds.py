"""RSS and Atom feeds of the latest campaigns and resources."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from media_literacy.campaigns.models import CampaignPage
from media_literacy.resources.models import ResourcePage

FEED_SIZE = 30


class LatestContentFeed(Feed):
    title = _("Repères — campagnes et ressources")
    link = "/"
    description = _("Les dernières campagnes et ressources publiées sur Repères.")

    def items(self):
        return (
            Page.objects.live()
            .public()
            .type(CampaignPage, ResourcePage)
            .specific()
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [term.name for term in item.themes.all()]


class LatestContentAtomFeed(LatestContentFeed):
    feed_type = Atom1Feed
    subtitle = LatestContentFeed.description
