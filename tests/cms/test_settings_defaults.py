"""Settings defaults live in one place: every ``REPERES_*`` setting the code reads is
defined in cms/settings/base.py, and the code reads it directly (``settings.REPERES_…``),
never with a default of its own (``getattr(settings, "REPERES_…", default)``)."""

import re
from pathlib import Path

from cms.settings import base

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "courses", "media_literacy", "search")
READ = re.compile(r"\bsettings\.(REPERES_[A-Z0-9_]+)")
DEFAULTED = re.compile(r"getattr\(\s*settings\s*,\s*[\"'](REPERES_[A-Z0-9_]+)[\"']\s*,")
# Former names still honoured when a settings module sets them (base.py defines the new one).
FORMER_NAMES = {"REPERES_MEDIA_LITERACY_UPLOAD_MAX_BYTES": "REPERES_UPLOAD_MAX_BYTES"}


def first_party_sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts and "settings" not in path.parts:
                yield path


def test_every_setting_the_code_reads_has_its_default_in_base():
    read = {
        name
        for path in first_party_sources()
        for name in READ.findall(path.read_text(encoding="utf-8"))
    }
    assert read, "the scan found nothing: check the pattern"
    missing = sorted(name for name in read - set(FORMER_NAMES) if not hasattr(base, name))
    assert missing == []


def test_no_code_carries_a_default_of_its_own():
    defaulted = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in first_party_sources()
        for name in DEFAULTED.findall(path.read_text(encoding="utf-8"))
        if name not in FORMER_NAMES
    ]
    assert defaulted == []


def test_former_names_are_no_longer_defined_but_their_successors_are():
    for former, current in FORMER_NAMES.items():
        assert not hasattr(base, former) and hasattr(base, current)
