from django.urls import path

from courses import classroom_views, views

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
    path("rejoindre/", classroom_views.class_join, name="class_join"),
    path("classes/", classroom_views.classroom_list, name="classroom_list"),
    path("classes/<int:pk>/", classroom_views.classroom_detail, name="classroom_detail"),
    path("classes/<int:pk>/code/", classroom_views.classroom_code, name="classroom_code"),
    path(
        "classes/<int:pk>/enseignants/",
        classroom_views.classroom_coteacher,
        name="classroom_coteacher",
    ),
    path("classes/<int:pk>/eleves/", classroom_views.classroom_roster, name="classroom_roster"),
    path(
        "classes/<int:pk>/cartes.pdf", classroom_views.classroom_cards_pdf, name="classroom_cards"
    ),
    path(
        "classes/<int:pk>/eleves/<int:pupil_id>/mot-de-passe/",
        classroom_views.classroom_password_reset,
        name="classroom_password_reset",
    ),
    path(
        "classes/<int:pk>/affectations/nouvelle/",
        classroom_views.assignment_create,
        name="assignment_create",
    ),
    path(
        "classes/<int:pk>/affectations/<int:assignment_id>/",
        classroom_views.assignment_detail,
        name="assignment_detail",
    ),
    path(
        "classes/<int:pk>/progression.<str:file_format>",
        classroom_views.classroom_export,
        name="classroom_export",
    ),
    path("classes/<int:pk>/imprimer/", classroom_views.classroom_print, name="classroom_print"),
    path(
        "classes/<int:pk>/eleves/<int:pupil_id>/donnees/",
        classroom_views.pupil_data,
        name="pupil_data",
    ),
    path("mes-donnees/", classroom_views.my_data, name="my_data"),
    path("confidentialite/", classroom_views.privacy_notice, name="privacy"),
    path("certificats/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path(
        "certificats/<str:code>/certificat.pdf", views.certificate_download, name="certificate_pdf"
    ),
    path("certificats/<str:code>/badge.json", views.certificate_badge, name="certificate_badge"),
]
