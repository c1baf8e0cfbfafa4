from django.urls import path

from platforms import views

app_name = "platforms"

urlpatterns = [
    path("", views.directory_view, name="directory"),
]
