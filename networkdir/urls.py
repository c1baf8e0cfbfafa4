"""Pages live under a language prefix (/en/, /zh-hans/); the admin, the API and the load
balancer's probes do not."""

from csp.constants import SELF
from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.api import not_found_view
from core.health import healthz_view, readyz_view
from profiles.login_forms import AdminLoginForm, LoginForm
from profiles.views import LogoutView
from workspace.views import LoginView

admin.site.site_header = _("NetworkDir administration")
admin.site.site_title = _("NetworkDir admin")
admin.site.index_title = _("Platform data, profiles and accounts")
admin.site.login_form = AdminLoginForm

# The API docs (Swagger UI) under the site's Content-Security-Policy: its start-up script is
# served as a file (the split view) and its page styles from static/; what it needs beyond the
# site's policy is images written as data: URIs in its stylesheet.
api_docs_view = csp_update({"img-src": [SELF, "data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html")
)

# A database that can't be reached answers 503, and the API's errors are JSON (core/outage.py).
handler400 = "core.outage.bad_request"
handler500 = "core.outage.server_error"

urlpatterns = [
    path("healthz", healthz_view, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the API's browsable pages).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True),
    ),
    path("readyz", readyz_view, name="readyz"),
    # Choosing the interface language sets only the language cookie, so it needs no CSRF token:
    # pages with the language switcher then hold nothing per visitor and can be kept whole.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("networkdir.api_urls", "api-v1"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs_view, name="api-docs"),
    # Any other address under /api/ (another version, a typo, a newline) is the API's JSON 404.
    re_path(r"^api/(?P<unmatched>[\s\S]*)$", not_found_view),
]

urlpatterns += i18n_patterns(
    path("", include("platforms.urls")),
    path("", include("outreach.urls")),
    path("", include("profiles.urls")),
    path("", include("workspace.urls")),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    prefix_default_language=True,
)
