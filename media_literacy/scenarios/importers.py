"""``import_content`` support for scénarios pédagogiques (kind ``scenario``).

Beyond the shared page fields (``slug, title, summary, audiences, themes, levels``)::

    {"kind": "scenario", "slug": "vrai-ou-faux-en-images", "title": "…", "summary": "…",
     "levels": ["cycle-3"], "themes": ["desinformation"], "audiences": ["enseignants"],
     "disciplines": ["francais", "emc"], "competences": ["1.1"],
     "sessions": 1, "session_minutes": 55, "equipment": "screen",
     "objectives": "…", "prerequisites": "",
     "author_name": "Mme Lefèvre", "author_school_kind": "ecole",
     "steps": [{"title": "Lancement", "minutes": 10, "instructions": "…",
                "pupil_activity": "…", "teacher_tips": "…", "materials": "Tableau"}],
     "linked_pages": ["se-proteger-en-ligne"], "adapted_from": "autre-scenario"}

Step texts are plain text (paragraphs on blank lines), as teachers type them. Linked pages
and the original of an adaptation are published pages named by slug (or path).
"""

from typing import Any

from django.utils.translation import gettext as _

from cms.content_import import (
    TAXONOMIES,
    ContentImporter,
    ItemError,
    check_choice,
    check_identifiers,
    check_integer,
    check_text,
    page_by_reference,
    resolve_competences,
    stream_from_raw,
)
from media_literacy.scenarios.models import (
    Discipline,
    Equipment,
    ScenarioIndexPage,
    ScenarioLinkedPage,
    ScenarioPage,
    SchoolKind,
)
from media_literacy.scenarios.submissions import paragraphs_html
from media_literacy.services import index_page_ensure

STEP_TEXTS = ("instructions", "pupil_activity", "teacher_tips")
MAX_SESSIONS = 20
MAX_SESSION_MINUTES = 240


class ScenarioImporter(ContentImporter):
    page_model = ScenarioPage
    taxonomies = {**TAXONOMIES, "disciplines": Discipline}

    def get_index_page(self):
        return index_page_ensure(model=ScenarioIndexPage, home=self.home_page())

    def validate(self, item: dict[str, Any]) -> dict[str, Any]:
        item = super().validate(item)
        if "body" in item:
            raise ItemError(_("un scénario n'a pas de « body » : décrivez-le en « steps »"))
        if not check_text(item, "author_name").strip():
            raise ItemError(_("« author_name » est obligatoire (le nom public de l'auteur)"))
        if not check_text(item, "objectives").strip():
            raise ItemError(_("« objectives » est obligatoire"))
        if not isinstance(item.get("steps"), list) or not item["steps"]:
            raise ItemError(_("« steps » doit être une liste d'étapes (au moins une)"))
        check_identifiers(item, "linked_pages")
        return item

    def apply_fields(self, page: ScenarioPage, item: dict[str, Any]) -> None:
        page.objectives = check_text(item, "objectives").strip()
        page.prerequisites = check_text(item, "prerequisites").strip()
        page.author_name = check_text(item, "author_name", max_length=80).strip()
        if "author_school_kind" in item:
            page.author_school_kind = check_choice(item, "author_school_kind", SchoolKind.values)
        if "sessions" in item:
            page.sessions = check_integer(item, "sessions", minimum=1, maximum=MAX_SESSIONS)
        if "session_minutes" in item:
            page.session_minutes = check_integer(
                item, "session_minutes", minimum=1, maximum=MAX_SESSION_MINUTES
            )
        if "equipment" in item:
            page.equipment = check_choice(item, "equipment", Equipment.values)
        page.steps = steps_from_item(item["steps"])
        page.competences.set(resolve_competences(item))
        page.linked_pages = [
            ScenarioLinkedPage(page=page_by_reference(reference, field="linked_pages"))
            for reference in dict.fromkeys(item.get("linked_pages") or [])
        ]
        if "adapted_from" in item:
            adaptation_credit(page, item.get("adapted_from"))


def steps_from_item(steps: list[Any]):
    """The ``steps`` StreamField value from a list of plain-text steps."""
    raw = []
    for position, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            raise ItemError(
                _("étape n° %(position)s : attendu un objet {title, minutes, instructions…}")
                % {"position": position}
            )
        value = {"title": step.get("title"), "minutes": step.get("minutes")}
        for name in (*STEP_TEXTS, "materials"):
            text = step.get(name) or ""
            if not isinstance(text, str):
                raise ItemError(
                    _("étape n° %(position)s : « %(field)s » doit être un texte")
                    % {"position": position, "field": name}
                )
            value[name] = paragraphs_html(text) if name in STEP_TEXTS else text
        raw.append({"type": "step", "value": value})
    return stream_from_raw(ScenarioPage._meta.get_field("steps").stream_block, raw, field="steps")


def adaptation_credit(page: ScenarioPage, reference: Any) -> None:
    """Record the original and copy its credit (CC BY-SA), as an adaptation made online does."""
    if not reference:
        page.adapted_from = None
        return
    original = page_by_reference(reference, field="adapted_from").specific
    if not isinstance(original, ScenarioPage) or original.slug == page.slug:
        raise ItemError(
            _("« adapted_from » : « %(reference)s » n'est pas un autre scénario")
            % {"reference": reference}
        )
    page.adapted_from = original
    page.adapted_from_title = original.title
    page.adapted_from_author = original.author_name
    page.adapted_from_url = original.full_url or original.url or ""
