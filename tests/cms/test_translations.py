"""The English catalogue is complete: no French string left untranslated or fuzzy."""

import re

import pytest
from django.utils import translation

from tests.conftest import ROOT

pytestmark = pytest.mark.smoke
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_english_translation():
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first entry is the header
    untranslated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.M) or "#, fuzzy" in entry
    ]
    assert untranslated == []


def test_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Aller au contenu") == "Skip to content"
        assert (
            translation.ngettext("%(counter)s campagne", "%(counter)s campagnes", 2)
            == "%(counter)s campaigns"
        )
