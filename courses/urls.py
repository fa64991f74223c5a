from django.urls import path

from courses import pages
from courses.activity_types import activity_type_urls
from courses.certificates import views as certificate_views
from courses.classes import views as class_views
from courses.privacy import views as privacy_views
from courses.xapi import views as xapi_views

app_name = "courses"

urlpatterns = [
    path("xapi/statements", xapi_views.xapi_statements, name="xapi_statements"),
    path("mes-parcours/", pages.learner_dashboard, name="dashboard"),
    path("rejoindre/", class_views.class_join, name="class_join"),
    path("classes/", class_views.classroom_list, name="classroom_list"),
    path("classes/<int:pk>/", class_views.classroom_detail, name="classroom_detail"),
    path("classes/<int:pk>/code/", class_views.classroom_code, name="classroom_code"),
    path(
        "classes/<int:pk>/enseignants/",
        class_views.classroom_coteacher,
        name="classroom_coteacher",
    ),
    path("classes/<int:pk>/eleves/", class_views.classroom_roster, name="classroom_roster"),
    path("classes/<int:pk>/cartes.pdf", class_views.classroom_cards_pdf, name="classroom_cards"),
    path(
        "classes/<int:pk>/eleves/<int:pupil_id>/mot-de-passe/",
        class_views.classroom_password_reset,
        name="classroom_password_reset",
    ),
    path(
        "classes/<int:pk>/affectations/nouvelle/",
        class_views.assignment_create,
        name="assignment_create",
    ),
    path(
        "classes/<int:pk>/affectations/<int:assignment_id>/",
        class_views.assignment_detail,
        name="assignment_detail",
    ),
    path(
        "classes/<int:pk>/progression.<str:file_format>",
        class_views.classroom_export,
        name="classroom_export",
    ),
    path("classes/<int:pk>/imprimer/", class_views.classroom_print, name="classroom_print"),
    path(
        "classes/<int:pk>/eleves/<int:pupil_id>/donnees/",
        privacy_views.pupil_data,
        name="pupil_data",
    ),
    path("mes-donnees/", privacy_views.my_data, name="my_data"),
    path("confidentialite/", privacy_views.privacy_notice, name="privacy"),
    path(
        "certificats/<str:code>/", certificate_views.certificate_verify, name="certificate_verify"
    ),
    path(
        "certificats/<str:code>/certificat.pdf",
        certificate_views.certificate_download,
        name="certificate_pdf",
    ),
    path(
        "certificats/<str:code>/badge.json",
        certificate_views.certificate_badge,
        name="certificate_badge",
    ),
]
# Each activity type may bring its own routes (an H5P player, a marking page…).
urlpatterns += activity_type_urls()
