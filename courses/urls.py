from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("xapi/statements", views.xapi_statements, name="xapi_statements"),
]
