from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("xapi/statements", views.xapi_statements, name="xapi_statements"),
    path("h5p/<int:pk>/player/", views.h5p_player, name="h5p_player"),
    path(
        "h5p/activites/<int:activity_id>/donnees/<str:data_type>/<str:sub_content_id>/",
        views.h5p_user_data,
        name="h5p_user_data",
    ),
    path("mes-parcours/", views.learner_dashboard, name="dashboard"),
    path("certificats/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path(
        "certificats/<str:code>/certificat.pdf", views.certificate_download, name="certificate_pdf"
    ),
    path("certificats/<str:code>/badge.json", views.certificate_badge, name="certificate_badge"),
]
