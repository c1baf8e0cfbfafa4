"""Real-browser fixtures: Playwright for Python driving Debian's Chromium against a live server.

Playwright cannot download browsers here, so it launches /usr/bin/chromium. Its sync API runs an
event loop in the test thread, which makes Django refuse ORM calls from that thread unless
DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests only use the ORM for setup, never concurrently.
"""

import copy
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from playwright.sync_api import sync_playwright

from platforms.models import Platform
from profiles.models import Activity, City, Visibility
from tests.factories import ExecutiveProfileFactory, MembershipFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services from a machine with no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Rows of every platforms-app table as `load_platforms` left them, captured by the first test
# of a worker that needs them. Each live-server test empties the database afterwards, and the
# loader validates every row (seconds); putting the captured rows back takes one INSERT a table.
_platform_rows: dict[type, list] = {}


def _platform_models() -> list[type]:
    return list(apps.get_app_config("platforms").get_models(include_auto_created=True))


@pytest.fixture
def platform_data(transactional_db):
    """The real platform data, as `make run` loads it (history rows included)."""
    models = _platform_models()
    if not _platform_rows:
        call_command("load_platforms", verbosity=0)
        _platform_rows.update({model: list(model._base_manager.all()) for model in models})
        return
    with transaction.atomic():
        for model in models:
            model._base_manager.bulk_create(copy.copy(row) for row in _platform_rows[model])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


@pytest.fixture
def site(platform_data, recruiters_group):
    """What the main pages need: the platforms, an executive shared with recruiters, a recruiter.

    The executive ("Lin Wei", a CFO in Shanghai) is on Weibo, open to inquiries, and on LinkedIn.
    """
    weibo = Platform.objects.get(slug="weibo")
    linkedin = Platform.objects.get(slug="linkedin")
    profile = ExecutiveProfileFactory(
        user__username="lin.wei",
        display_name="Lin Wei",
        title="Chief Financial Officer",
        company="Suzhou Precision Parts Co.",
        city=City.SHANGHAI,
        visibility=Visibility.RECRUITERS,
    )
    MembershipFactory(
        profile=profile,
        platform=weibo,
        handle="@linwei_cfo",
        activity=Activity.DAILY,
        open_to_inquiries=True,
        publicizes_career=True,
    )
    MembershipFactory(
        profile=profile,
        platform=linkedin,
        handle="linkedin.com/in/linwei",
        activity=Activity.RARELY,
        open_to_inquiries=False,
    )
    recruiter = UserFactory(username="rachel.recruiter")
    recruiter.groups.add(recruiters_group)
    return SimpleNamespace(
        weibo=weibo, linkedin=linkedin, profile=profile, executive=profile.user, recruiter=recruiter
    )


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in a fresh browser context (own cookies) with a given language and size."""
    contexts = []

    def open_page(*, locale: str = "en-US", viewport: dict | None = None, user=None, **options):
        """`user`: log the page in as this user (through a session cookie, not the form)."""
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport=viewport or DESKTOP,
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """Save a screenshot (full page unless told) to artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
