import subprocess
import sys

import pytest

PRODUCTION_SETTINGS = "import django; django.setup()"


def run_with_environment(
    environment: dict[str, str], code: str = PRODUCTION_SETTINGS
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "networkdir.settings", "PATH": "/usr/bin", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "secret_key",
    ["", "short", "django-insecure-" + "x" * 60],
    ids=["missing", "too-short", "insecure-prefix"],
)
def test_production_mode_refuses_to_start_without_a_real_secret_key(secret_key):
    result = run_with_environment({"SECRET_KEY": secret_key, "DEBUG": "0"})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_mode_starts_with_a_real_secret_key():
    result = run_with_environment({"SECRET_KEY": "k" * 64, "DEBUG": "0"})

    assert result.returncode == 0, result.stderr


def test_development_mode_starts_without_a_secret_key():
    result = run_with_environment({"DEBUG": "1"})

    assert result.returncode == 0, result.stderr


def settings_value(name: str, environment: dict[str, str]) -> str:
    code = f"{PRODUCTION_SETTINGS}; from django.conf import settings; print(settings.{name})"
    result = run_with_environment(environment, code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("environment", "site_url"),
    [
        ({"DEBUG": "1"}, "http://127.0.0.1:8000"),  # where `make run` serves the site
        ({"DEBUG": "1", "SITE_URL": "https://networkdir.example/"}, "https://networkdir.example"),
        ({"DEBUG": "0", "SECRET_KEY": "k" * 64}, ""),
    ],
)
def test_links_in_emails_start_where_the_site_is_served(environment, site_url):
    assert settings_value("SITE_URL", environment) == site_url
