"""The product's URLs plus a bare view: Django's full middleware stack around a constant."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from networkdir.urls import urlpatterns as product_urlpatterns


def bare_view(request: HttpRequest) -> HttpResponse:
    """The framework's ceiling: no template, no query, the same middleware as every page."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare_view, name="bench-bare"), *product_urlpatterns]
