"""Routes of written work, joined to the ``courses`` namespace through the contract."""

from django.urls import path

from courses.activities.written import views

urlpatterns = [
    path(
        "productions-ecrites/<int:activity_id>/eleves/<int:pupil_id>/",
        views.written_review,
        name="written_review",
    ),
    path(
        "productions-ecrites/copies/<int:pk>/image/",
        views.written_image,
        name="written_image",
    ),
]
