"""The English catalogue is complete: no French string left untranslated or fuzzy."""

import re

import pytest
from django.utils import translation

from tests.conftest import ROOT

pytestmark = pytest.mark.smoke
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Plugins (activity types…) may ship their own catalogue in their folder.
CATALOGUES = [CATALOGUE] + sorted(
    path
    for path in ROOT.glob("*/**/locale/en/LC_MESSAGES/django.po")
    if not {".venv", "node_modules", ".cache"} & set(path.relative_to(ROOT).parts)
)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_has_an_english_translation(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first entry is the header
    untranslated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.M)
        or re.search(r"^#,.*\bfuzzy\b", entry, re.M)
    ]
    assert untranslated == []


def test_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Aller au contenu") == "Skip to content"
        assert (
            translation.ngettext("%(counter)s campagne", "%(counter)s campagnes", 2)
            == "%(counter)s campaigns"
        )
