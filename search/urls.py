from django.urls import path

from search import api, views

app_name = "search"

urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("api/v1/search/", api.search_api, name="api_search"),
    path("api/v1/search/autocomplete/", api.autocomplete_api, name="api_autocomplete"),
]
