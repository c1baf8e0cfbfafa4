"""Real-browser fixtures: Playwright for Python driving Debian's Chromium against a live server.

Playwright cannot download browsers here, so it launches /usr/bin/chromium. Its sync API runs an
event loop in the test thread, which makes Django refuse ORM calls from that thread unless
DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests only use the ORM for setup, never concurrently.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

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


@pytest.fixture
def platform_data(transactional_db):
    """The real platform data, as `make run` loads it."""
    call_command("load_platforms", verbosity=0)


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in a fresh browser context (own cookies) with a given language and size."""
    contexts = []

    def open_page(*, locale: str = "en-US", viewport: dict | None = None, **options):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport=viewport or DESKTOP,
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to artifacts/screenshots/ (git-ignored) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
