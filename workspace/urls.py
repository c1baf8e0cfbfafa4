"""The recruiter's workspace, under /workspace/ in each language."""

from django.urls import path

from workspace import entry_views, outreach_views, saved_search_views, views

app_name = "workspace"

ENTRY = "workspace/projects/<int:pk>/candidates/<int:entry_pk>/"

urlpatterns = [
    path("workspace/", views.home_view, name="home"),
    path("workspace/projects/", views.projects_view, name="projects"),
    path("workspace/projects/<int:pk>/", views.project_view, name="project"),
    path(
        "workspace/projects/<int:pk>/settings/",
        views.project_settings_view,
        name="project_settings",
    ),
    path(
        "workspace/projects/<int:pk>/archive/", views.project_archive_view, name="project_archive"
    ),
    path("workspace/projects/<int:pk>/members/", views.project_share_view, name="project_share"),
    path(
        "workspace/projects/<int:pk>/members/<int:member_pk>/remove/",
        views.member_remove_view,
        name="member_remove",
    ),
    path(
        "workspace/projects/<int:pk>/export.csv", views.project_export_view, name="project_export"
    ),
    path("workspace/add/", views.add_candidates_view, name="add_candidates"),
    path(ENTRY, entry_views.entry_view, name="entry"),
    path(f"{ENTRY}stage/", entry_views.entry_stage_view, name="entry_stage"),
    path(f"{ENTRY}notes/", entry_views.entry_note_view, name="entry_note"),
    path(f"{ENTRY}notes/<int:note_pk>/delete/", entry_views.note_delete_view, name="note_delete"),
    path(f"{ENTRY}tags/", entry_views.entry_tag_view, name="entry_tag"),
    path(f"{ENTRY}tags/<int:tag_pk>/remove/", entry_views.entry_untag_view, name="entry_untag"),
    path(f"{ENTRY}remove/", entry_views.entry_remove_view, name="entry_remove"),
    path(f"{ENTRY}outreach/", outreach_views.entry_outreach_view, name="entry_outreach"),
    path(
        f"{ENTRY}outreach/<int:log_pk>/outcome/",
        outreach_views.outreach_outcome_view,
        name="outreach_outcome",
    ),
    path("workspace/searches/", saved_search_views.saved_searches_view, name="saved_searches"),
    path(
        "workspace/searches/new/",
        saved_search_views.saved_search_new_view,
        name="saved_search_new",
    ),
    path("workspace/searches/<int:pk>/", saved_search_views.saved_search_view, name="saved_search"),
    path(
        "workspace/searches/<int:pk>/delete/",
        saved_search_views.saved_search_delete_view,
        name="saved_search_delete",
    ),
    path(
        "workspace/searches/<int:pk>/open/",
        saved_search_views.saved_search_open_view,
        name="saved_search_open",
    ),
]
