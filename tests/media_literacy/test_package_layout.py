"""The shape of the package: independent domains, page models that import no views."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "media_literacy"
DOMAINS = ("campaigns", "resources", "local_actors", "scenarios")
VIEW_LAYER = ("views", "forms", "selectors", "services", "submissions")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("domain", DOMAINS)
def test_domains_do_not_import_each_other(domain):
    others = [f"media_literacy.{other}" for other in DOMAINS if other != domain]
    found = {
        (path.name, name)
        for path in python_files(PACKAGE / domain)
        for name in imported_modules(path)
        if any(name == other or name.startswith(f"{other}.") for other in others)
    }
    assert found == set()


@pytest.mark.parametrize("domain", DOMAINS)
def test_page_models_import_no_views_forms_selectors_or_services(domain):
    found = {
        name
        for name in imported_modules(PACKAGE / domain / "models.py")
        if name.startswith("media_literacy.") and name.split(".")[-1] in VIEW_LAYER
    }
    assert found == set()


def test_courses_is_reached_only_through_its_api():
    found = {
        (str(path.relative_to(ROOT)), name)
        for path in python_files(PACKAGE)
        for name in imported_modules(path)
        if name.startswith("courses") and not name.startswith("courses.api")
    }
    assert found == set()
