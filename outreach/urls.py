from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns: list = [
    # Outreach advice for a hypothetical target: no account needed.
    path("advisor/", views.advisor_view, name="advisor"),
]
