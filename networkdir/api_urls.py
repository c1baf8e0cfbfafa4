"""Version 1 of the API, mounted at /api/v1/ under the namespace `api-v1`.

Versioned by URL: a breaking change gets /api/v2/ (its own module and namespace) beside this one,
so scripts written against v1 keep working. Anything else under /api/v1/ is a JSON 404.
"""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from core.api import not_found_view
from core.validators import ID_PATTERN
from outreach.api import RecommendationView
from platforms.api import CompareView, PlatformViewSet
from profiles.api.candidates import CandidateViewSet
from profiles.api.connections import (
    MeBlockViewSet,
    MeConnectionRequestViewSet,
    MeConnectionViewSet,
)
from profiles.api.introductions import MeIntroductionViewSet
from profiles.api.me import MeExportView, MeMembershipViewSet, MeProfileView, MeView
from profiles.api.paths import PersonPathsView
from workspace.api import ProjectCandidateViewSet, ProjectMemberViewSet, ProjectViewSet
from workspace.outreach_api import EvidenceView, OutreachLogViewSet
from workspace.saved_search_api import SavedSearchViewSet

router = SimpleRouter()
router.register("platforms", PlatformViewSet, basename="platform")
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("me/memberships", MeMembershipViewSet, basename="me-membership")
router.register("me/connections", MeConnectionViewSet, basename="me-connection")
router.register(
    "me/connection-requests", MeConnectionRequestViewSet, basename="me-connection-request"
)
router.register("me/blocks", MeBlockViewSet, basename="me-block")
router.register("me/introductions", MeIntroductionViewSet, basename="me-introduction")
router.register("projects", ProjectViewSet, basename="project")
router.register(
    rf"projects/(?P<project_pk>{ID_PATTERN})/members",
    ProjectMemberViewSet,
    basename="project-member",
)
router.register(
    rf"projects/(?P<project_pk>{ID_PATTERN})/candidates",
    ProjectCandidateViewSet,
    basename="project-candidate",
)
router.register("saved-searches", SavedSearchViewSet, basename="saved-search")
router.register("outreach-logs", OutreachLogViewSet, basename="outreach-log")

urlpatterns = [
    *router.urls,
    path("compare/", CompareView.as_view(), name="compare"),
    path("recommendations/", RecommendationView.as_view(), name="recommendations"),
    path("me/", MeView.as_view(), name="me"),
    path("me/profile/", MeProfileView.as_view(), name="me-profile"),
    path("me/export/", MeExportView.as_view(), name="me-export"),
    path("people/<int:pk>/paths/", PersonPathsView.as_view(), name="person-paths"),
    path("evidence/", EvidenceView.as_view(), name="evidence"),
    re_path(r"^(?P<unmatched>[\s\S]*)$", not_found_view, name="not-found"),
]
