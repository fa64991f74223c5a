from django.urls import path

from courses.activities.h5p import views

urlpatterns = [
    path("h5p/<int:pk>/player/", views.h5p_player, name="h5p_player"),
    path(
        "h5p/activites/<int:activity_id>/donnees/<str:data_type>/<str:sub_content_id>/",
        views.h5p_user_data,
        name="h5p_user_data",
    ),
]
