from django.urls import path

from profiles import api_token_views, candidate_views, views

app_name = "profiles"

urlpatterns: list = [
    # Accounts, privacy and the executive's own pages (owner only: no id in these URLs).
    path("accounts/signup/", views.signup_view, name="signup"),
    # Before django.contrib.auth.urls: wrong old passwords count as failed logins.
    path("accounts/password_change/", views.password_change_view, name="password_change"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("me/", views.me_view, name="me"),
    path("me/edit/", views.me_edit_view, name="me_edit"),
    path("me/memberships/", views.me_memberships_view, name="me_memberships"),
    path("me/export/", views.me_export_view, name="me_export"),
    path("me/delete/", views.me_delete_view, name="me_delete"),
    path("me/api-token/", api_token_views.api_token_view, name="api_token"),
    # Recruiter candidate search and profile pages.
    path("candidates/", candidate_views.candidate_search_view, name="candidates"),
    path("candidates/export.csv", candidate_views.candidate_export_view, name="candidate_export"),
    path("people/<int:pk>/", candidate_views.profile_detail_view, name="detail"),
]
