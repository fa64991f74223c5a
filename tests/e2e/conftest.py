"""End-to-end fixtures: a real server process, Debian's Chromium, axe-core.

The site under test runs as its own process (``manage.py runserver``) on its own
database, migrated and loaded with the demo content once per session, exactly as
``make run`` does. Tests drive it through the browser only, as a person would; they
share that server, so each test leaves the site usable for the next one.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

from tests.conftest import ROOT, require_service

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass
class SiteServer:
    url: str
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database; return its output."""
        result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database(name_suffix: str):
    """A database of its own for the server: a sibling PostgreSQL database or a SQLite file."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        config = dj_database_url.parse(base)
        name = f"{config['NAME']}_e2e_{name_suffix}"
        admin_url = base.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return base.rsplit("/", 1)[0] + f"/{name}", drop
    path = ROOT / ".cache" / f"e2e-{name_suffix}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def site_server():
    suffix = str(os.getpid())
    database_url, drop_database = _e2e_database(suffix)
    media_root = tempfile.mkdtemp(prefix="reperes-e2e-media-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": media_root,
        "ELASTICSEARCH_INDEX_PREFIX": f"{settings.ELASTICSEARCH_INDEX_PREFIX}e2e_",
        "PYTHONUNBUFFERED": "1",
        "REPERES_COURSES_H5P_SAVE_FREQUENCY": "2",
    }
    port = _free_port()
    server = SiteServer(url=f"http://127.0.0.1:{port}", env=env)
    process = worker = None
    log_path = Path(media_root) / "server.log"
    try:
        server.manage("migrate", "--no-input", "-v0")
        server.manage("load_demo", "-v0")
        with open(log_path, "w") as log:
            # The worker that applies index updates after publications, as `make run` has.
            worker = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--backend",
                    "search",
                    "--queue-name",
                    "search",
                    "--no-reload",
                    "--interval",
                    "0.5",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            process = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/", timeout=5):  # noqa: S310
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the site server did not start:\n{log_path.read_text()}")
                time.sleep(0.3)
        yield server
    finally:
        for child in (process, worker):
            if child is not None:
                child.terminate()
                child.wait(timeout=30)
        drop_database()
        shutil.rmtree(media_root, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        require_service("Chromium", "install Debian's chromium package (make test does it)")
    if not AXE_SCRIPT.exists():
        require_service("axe-core", "run `npm ci --ignore-scripts` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, *, known: tuple[tuple[str, str], ...] = ()) -> list[dict]:
    """Run axe-core on the current page; return its serious and critical violations.

    ``known`` lists upstream problems to leave out, as (rule id, CSS selector) pairs: a
    node of that rule which matches the selector is not reported (the caller names the
    upstream issue). Every other node of the same rule still is.
    """
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate(
        """async (known) => {
        const results = await axe.run(document, {resultTypes: ["violations"], elementRef: true});
        return results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            targets: violation.nodes.filter((node) => !known.some(
                ([rule, selector]) => rule === violation.id && node.element?.matches(selector)
            )).map((node) => node.target),
        })).filter((violation) => violation.targets.length);
    }""",
        [list(pair) for pair in known],
    )
    return [
        {**violation, "targets": violation["targets"][:5]}
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def screenshot(page, artefacts_dir: Path, name: str) -> Path:
    path = artefacts_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
