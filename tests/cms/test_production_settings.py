"""Production settings come from the environment and pass Django's deployment checks."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.smoke

PRODUCTION_ENV = {
    "SECRET_KEY": "k8#Qz2!vR9@pL4$wX7^mN1&bT6*yH3(eJ5)uF0-gD2_sA8+cV4=iO7",
    "ALLOWED_HOSTS": "reperes.example.org,www.reperes.example.org",
    "DATABASE_URL": "postgres://reperes:secret@db.example.org:5432/reperes",
    "ELASTICSEARCH_URL": "https://search.example.org:9200",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        "--settings=cms.settings.production",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_values(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", "--settings=cms.settings.production", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production." in result.stderr


def test_production_enables_postgres_contrib_and_elasticsearch_admin_search():
    code = (
        "from django.conf import settings;"
        "print('django.contrib.postgres' in settings.INSTALLED_APPS);"
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    result = run_manage(
        "shell", "-c", code, "--settings=cms.settings.production", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["True", "wagtail.search.backends.elasticsearch8"]
