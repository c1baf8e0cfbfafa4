"""Production settings: `check --deploy` passes, and what the benchmark relies on is switched on."""

import gc
import json
import os
import secrets
import subprocess
import sys

import pytest
from django.template import engines

from networkdir import gunicorn as gunicorn_config

# The environment of a deployment behind a TLS-terminating proxy.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "networkdir.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "1",
}
HTTPS_SETTINGS = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD")


def run_django(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        env={
            "DJANGO_SETTINGS_MODULE": "networkdir.settings",
            "PATH": os.environ["PATH"],
            **environment,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)


def settings_in(environment: dict[str, str], expression: str):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({expression}))"
    )
    result = run_django(["-c", code], environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_the_production_environment():
    result = check_deploy(PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_the_https_switches_check_deploy_warns_only_about_https():
    """HTTPS is the deployment's to turn on; nothing else may be left for it to fix."""
    environment = {name: value for name, value in PRODUCTION.items() if name not in HTTPS_SETTINGS}

    result = check_deploy(environment)

    warnings = {
        line.split(")")[0].split("(")[1]
        for line in result.stderr.splitlines()
        if "(security." in line
    }
    assert warnings == {"security.W004", "security.W008"}


def test_production_keeps_database_connections_and_fingerprints_static_files():
    database, storage = settings_in(
        PRODUCTION,
        "[settings.DATABASES['default']['CONN_MAX_AGE'],"
        " settings.STORAGES['staticfiles']['BACKEND']]",
    )

    assert database > 0
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_serves_static_files_through_whitenoise():
    middleware = settings_in(PRODUCTION, "settings.MIDDLEWARE")

    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == 1


def test_templates_are_compiled_once_per_process():
    """With no `loaders` option Django wraps the loaders in the cached loader."""
    loaders = engines["django"].engine.template_loaders

    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]


@pytest.mark.parametrize("debug", ["1", "0"])
def test_connections_persist_in_production_only(debug):
    max_age = settings_in(
        {**PRODUCTION, "DEBUG": debug}, "settings.DATABASES['default']['CONN_MAX_AGE']"
    )

    assert (max_age == 0) == (debug == "1")


def test_a_worker_never_walks_the_objects_the_master_loaded():
    """Frozen before the fork: the collector leaves them, and their memory stays shared."""
    try:
        gunicorn_config.pre_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
