import subprocess
import sys

import pytest

PRODUCTION_SETTINGS = "import django; django.setup()"


def run_with_environment(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRODUCTION_SETTINGS],
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
