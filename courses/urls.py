from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("h5p/<int:pk>/player/", views.h5p_player, name="h5p_player"),
]
