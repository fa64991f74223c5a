"""xAPI interactions in words: an H5P statement's question and the learner's response.

xAPI 1.0.3 (Data, 2.4.4.1 "Interaction Activities") encodes ``result.response`` per
``definition.interactionType``; items are separated by ``[,]``:

- ``true-false``: ``true`` or ``false``;
- ``choice`` and ``sequencing``: ids of ``definition.choices`` (H5P.MultiChoice,
  SingleChoiceSet, MarkTheWords, Summary; sorting tasks);
- ``fill-in`` and ``long-fill-in``: the texts typed, one per blank (H5P.Blanks,
  H5P.DragText — Drag the Words — and H5P.Essay). The description carries the text with
  each blank as ten underscores;
- ``matching``: ``source[.]target`` pairs of ids of ``definition.source`` and
  ``definition.target``. H5P.DragQuestion (drag and drop) writes them the other way
  round, ``dropzone[.]draggable``, and H5P's own report reads them so: for statements
  from H5P libraries, and whenever only that reading fits the ids, the target comes
  first;
- ``likert``: the id of one ``definition.scale`` item;
- ``performance``: ``step[.]value`` pairs of ``definition.steps``;
- ``numeric``: a number, or a range ``min[:]max``;
- ``other`` and anything unknown: the response as it is.

Descriptions are language maps: the entry of the current language wins, then French,
then any (H5P labels every text ``en-US``, whatever its language).
"""

import html
import re
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.activity_types import AnswerRow

ITEM_SEPARATOR = "[,]"
PAIR_SEPARATOR = "[.]"
RANGE_SEPARATOR = "[:]"
H5P_LIBRARY_IRI = "h5p.org/libraries/"
NOT_QUESTIONS = {"compound"}  # H5P.QuestionSet and the like: their children are the questions
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\s*/?\s*>", re.IGNORECASE)
_CHARACTERSTRING_PARAMETERS = re.compile(r"^(\{(lang|case_matters|order_matters)=[^}]*\})+")


def statement_answer(payload: dict, *, language: str | None = None) -> AnswerRow | None:
    """The interaction a statement answers, or None when it answers none.

    A statement answers an interaction when its object has a ``definition`` with an
    ``interactionType`` (other than H5P's ``compound``) and its result a ``response``.
    """
    target = payload.get("object") or {}
    definition = target.get("definition") or {}
    result = payload.get("result") or {}
    kind = definition.get("interactionType")
    if not isinstance(kind, str) or kind in NOT_QUESTIONS or "response" not in result:
        return None
    language = language or get_language() or "fr"
    question_id = str(target.get("id", ""))
    question = clean_text(
        localized(definition.get("description"), language)
        or localized(definition.get("name"), language)
    )
    return AnswerRow(
        question_id=question_id,
        question=question or question_id,
        answer=response_in_words(
            definition, result.get("response"), language=language, h5p=is_from_h5p(payload)
        ),
        correct=result_correct(result),
    )


def response_in_words(
    definition: dict, response: Any, *, language: str | None = None, h5p: bool = False
) -> str:
    """``response`` decoded with ``definition`` (``h5p``: the statement is H5P's)."""
    language = language or get_language() or "fr"
    text = "" if response is None else str(response)
    if text.strip() == "":
        return _("Sans réponse")
    kind = definition.get("interactionType")
    if kind == "true-false":
        return {"true": _("Vrai"), "false": _("Faux")}.get(text.strip().lower(), text)
    if kind == "choice":
        return ", ".join(_labels(definition.get("choices"), _items(text), language))
    if kind == "sequencing":
        return " → ".join(_labels(definition.get("choices"), _items(text), language))
    if kind == "likert":
        return ", ".join(_labels(definition.get("scale"), _items(text), language))
    if kind in {"fill-in", "long-fill-in"}:
        return _blanks_in_words(text)
    if kind == "matching":
        return _matching_in_words(definition, text, language, h5p=h5p)
    if kind == "performance":
        return _performance_in_words(definition, text, language)
    if kind == "numeric":
        return _numeric_in_words(text)
    return text.strip()


def result_correct(result: dict) -> bool | None:
    """``result.success``; failing that, full marks (H5P.DragText sends no success)."""
    success = result.get("success")
    if isinstance(success, bool):
        return success
    score = result.get("score") or {}
    raw, maximum, scaled = (_number(score.get(key)) for key in ("raw", "max", "scaled"))
    if raw is not None and maximum:
        return raw >= maximum
    if scaled is not None:
        return scaled >= 1
    return None


def _number(value: Any) -> float | None:
    """A score figure: stored statements keep decimals as strings ("0.5")."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def localized(texts: Any, language: str | None = None) -> str:
    """The entry of a language map for ``language`` (or its base), then French, then any."""
    if isinstance(texts, str):
        return texts
    if not isinstance(texts, dict) or not texts:
        return ""
    entries = {str(key).lower(): value for key, value in texts.items()}
    for wanted in (language or get_language() or "", "fr"):
        wanted = wanted.lower().replace("_", "-")
        if not wanted:
            continue
        if wanted in entries:
            return str(entries[wanted])
        base = wanted.split("-")[0]
        for key, value in entries.items():
            if key.split("-")[0] == base:
                return str(value)
    return str(next(iter(texts.values())))


def clean_text(text: str) -> str:
    """Plain text from H5P's HTML descriptions: tags dropped, entities decoded."""
    if not text:
        return ""
    text = strip_tags(_BREAKS.sub(" ", text))
    return " ".join(html.unescape(text).split())


def is_from_h5p(payload: dict) -> bool:
    """Whether an H5P library built the statement (H5P names itself in the category)."""
    context = payload.get("context") or {}
    activities = (context.get("contextActivities") or {}).get("category") or []
    if isinstance(activities, dict):
        activities = [activities]
    return any(H5P_LIBRARY_IRI in str(item.get("id", "")) for item in activities if item)


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(ITEM_SEPARATOR)]


def _components(definition_list: Any, language: str) -> dict[str, str]:
    """Interaction components (choices, scale, source, target, steps) by id."""
    if not isinstance(definition_list, list):
        return {}
    return {
        str(item.get("id")): clean_text(localized(item.get("description"), language))
        for item in definition_list
        if isinstance(item, dict) and "id" in item
    }


def _labels(definition_list: Any, ids: list[str], language: str) -> list[str]:
    labels = _components(definition_list, language)
    return [labels.get(item) or item for item in ids if item != ""]


def _blanks_in_words(text: str) -> str:
    blanks = [
        _CHARACTERSTRING_PARAMETERS.sub("", blank).strip() for blank in text.split(ITEM_SEPARATOR)
    ]
    if not any(blanks):
        return _("Sans réponse")
    return " ; ".join(blank or _("(vide)") for blank in blanks)


def _matching_in_words(definition: dict, text: str, language: str, *, h5p: bool) -> str:
    sources = _components(definition.get("source"), language)
    targets = _components(definition.get("target"), language)
    pairs = []
    for item in _items(text):
        first, _separator, second = item.partition(PAIR_SEPARATOR)
        if item:
            pairs.append((first.strip(), second.strip()))
    as_specified = all(first in sources and second in targets for first, second in pairs)
    reversed_fits = all(first in targets and second in sources for first, second in pairs)
    if reversed_fits and (h5p or not as_specified):
        pairs = [(second, first) for first, second in pairs]
    return " ; ".join(
        f"{sources.get(source) or source} → {targets.get(target) or target}"
        for source, target in pairs
    )


def _performance_in_words(definition: dict, text: str, language: str) -> str:
    steps = _components(definition.get("steps"), language)
    answers = []
    for item in _items(text):
        step, _separator, value = item.partition(PAIR_SEPARATOR)
        if item:
            answers.append(f"{steps.get(step.strip()) or step.strip()} : {value.strip()}")
    return " ; ".join(answers)


def _numeric_in_words(text: str) -> str:
    if RANGE_SEPARATOR not in text:
        return text.strip()
    low, _separator, high = (part.strip() for part in text.partition(RANGE_SEPARATOR))
    if low and high:
        return _("de %(min)s à %(max)s") % {"min": low, "max": high}
    if low:
        return _("au moins %(min)s") % {"min": low}
    return _("au plus %(max)s") % {"max": high}
