from django.urls import include, path

from media_literacy.feeds import LatestContentAtomFeed, LatestContentFeed

app_name = "media_literacy"

urlpatterns = [
    path("flux/rss/", LatestContentFeed(), name="feed_rss"),
    path("flux/atom/", LatestContentAtomFeed(), name="feed_atom"),
    path("", include("media_literacy.scenarios.urls")),
]
