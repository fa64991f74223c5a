from django.urls import path

from media_literacy import scenario_views
from media_literacy.feeds import LatestContentAtomFeed, LatestContentFeed

app_name = "media_literacy"

urlpatterns = [
    path("flux/rss/", LatestContentFeed(), name="feed_rss"),
    path("flux/atom/", LatestContentAtomFeed(), name="feed_atom"),
    path("mes-scenarios/", scenario_views.my_scenarios, name="my_scenarios"),
    path("mes-scenarios/nouveau/", scenario_views.scenario_create, name="scenario_create"),
    path("mes-scenarios/<int:pk>/modifier/", scenario_views.scenario_edit, name="scenario_edit"),
    path(
        "mes-scenarios/<int:pk>/apercu/", scenario_views.scenario_preview, name="scenario_preview"
    ),
    path(
        "mes-scenarios/<int:pk>/soumettre/",
        scenario_views.scenario_submit_view,
        name="scenario_submit",
    ),
    path(
        "mes-scenarios/<int:pk>/retirer/",
        scenario_views.scenario_withdraw_view,
        name="scenario_withdraw",
    ),
    path(
        "mes-scenarios/<int:pk>/supprimer/",
        scenario_views.scenario_delete_view,
        name="scenario_delete",
    ),
]
