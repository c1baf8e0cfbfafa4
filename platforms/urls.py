from django.urls import path

from platforms import views

app_name = "platforms"

urlpatterns = [
    path("", views.directory_view, name="directory"),
    path("platforms/<slug:slug>/", views.detail_view, name="detail"),
    path("compare/", views.compare_view, name="compare"),
    path("compare.csv", views.compare_csv_view, name="compare_csv"),
]
