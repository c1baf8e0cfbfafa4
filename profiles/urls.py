from django.urls import path

from profiles import api_token_views, candidate_views, introduction_views, network_views, views

app_name = "profiles"

urlpatterns: list = [
    # Accounts, privacy and the executive's own pages (owner only: no id in these URLs).
    path("accounts/signup/", views.signup_view, name="signup"),
    # Before django.contrib.auth.urls: wrong old passwords count as failed logins.
    path("accounts/password_change/", views.password_change_view, name="password_change"),
    # Before django.contrib.auth.urls too: a reset password takes the API token with it.
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path("privacy/", views.privacy_view, name="privacy"),
    path("me/", views.me_view, name="me"),
    path("me/edit/", views.me_edit_view, name="me_edit"),
    path("me/memberships/", views.me_memberships_view, name="me_memberships"),
    path("me/export/", views.me_export_view, name="me_export"),
    path("me/delete/", views.me_delete_view, name="me_delete"),
    path("me/api-token/", api_token_views.api_token_view, name="api_token"),
    # The owner's network: <pk> is the other person's profile, or a request to connect.
    path("me/network/", network_views.network_view, name="network"),
    path("me/network/<int:pk>/", network_views.connection_view, name="network_connection"),
    path("me/network/<int:pk>/remove/", network_views.remove_view, name="network_remove"),
    path("me/network/<int:pk>/block/", network_views.block_view, name="network_block"),
    path("me/network/<int:pk>/unblock/", network_views.unblock_view, name="network_unblock"),
    path("me/network/requests/<int:pk>/accept/", network_views.accept_view, name="network_accept"),
    path(
        "me/network/requests/<int:pk>/decline/", network_views.decline_view, name="network_decline"
    ),
    path(
        "me/network/requests/<int:pk>/withdraw/",
        network_views.withdraw_view,
        name="network_withdraw",
    ),
    # Introductions the owner asked for or was asked for; <pk> is an introduction they are party to.
    path("me/introductions/", introduction_views.introductions_view, name="introductions"),
    path(
        "me/introductions/new/",
        introduction_views.introduction_new_view,
        name="introduction_new",
    ),
    path(
        "me/introductions/<int:pk>/",
        introduction_views.introduction_view,
        name="introduction",
    ),
    # Recruiter candidate search and profile pages.
    path("candidates/", candidate_views.candidate_search_view, name="candidates"),
    path("candidates/export.csv", candidate_views.candidate_export_view, name="candidate_export"),
    path("people/<int:pk>/", candidate_views.profile_detail_view, name="detail"),
    path("people/<int:pk>/connect/", network_views.connect_view, name="connect"),
]
