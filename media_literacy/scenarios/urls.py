"""Teachers' own pages of the scenario bank, in the ``media_literacy`` URL namespace."""

from django.urls import path

from media_literacy.scenarios import views

urlpatterns = [
    path("mes-scenarios/", views.my_scenarios, name="my_scenarios"),
    path("mes-scenarios/nouveau/", views.scenario_create, name="scenario_create"),
    path("mes-scenarios/<int:pk>/modifier/", views.scenario_edit, name="scenario_edit"),
    path("mes-scenarios/<int:pk>/apercu/", views.scenario_preview, name="scenario_preview"),
    path("mes-scenarios/<int:pk>/soumettre/", views.scenario_submit_view, name="scenario_submit"),
    path("mes-scenarios/<int:pk>/retirer/", views.scenario_withdraw_view, name="scenario_withdraw"),
    path("mes-scenarios/<int:pk>/supprimer/", views.scenario_delete_view, name="scenario_delete"),
]
