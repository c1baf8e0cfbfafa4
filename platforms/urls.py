from django.urls import path

from core.pages import cache_page_for_visitors
from platforms import views
from platforms.feeds import DataChangesFeed, PlatformDataChangesFeed

app_name = "platforms"

urlpatterns = [
    path("", views.directory_view, name="directory"),
    path("changes.atom", cache_page_for_visitors(DataChangesFeed()), name="changes_feed"),
    path("platforms/<slug:slug>/", views.detail_view, name="detail"),
    path(
        "platforms/<slug:slug>/changes.atom",
        cache_page_for_visitors(PlatformDataChangesFeed()),
        name="platform_changes_feed",
    ),
    path("compare/", views.compare_view, name="compare"),
    path("compare.csv", views.compare_csv_view, name="compare_csv"),
]
