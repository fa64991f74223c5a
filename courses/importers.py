"""``import_content`` support for courses (kind ``course``), with their sections and activities.

Beyond the shared page fields (``slug, title, summary, body, audiences, themes, levels``)::

    {"kind": "course", "slug": "se-proteger-en-ligne", "title": "Se protéger en ligne",
     "competences": ["4.1", "4.2"], "estimated_duration": 30,
     "learning_objectives": ["Créer un mot de passe solide"], "prerequisites": "",
     "min_course_grade": 60,
     "sections": [
       {"slug": "les-bons-reflexes", "title": "Les bons réflexes", "summary": "",
        "activities": [
          {"type": "lesson", "slug": "pourquoi", "title": "Pourquoi ?",
           "completion_rule": "viewed", "required": true, "body": "Texte…"},
          {"type": "quiz", "title": "Quiz", "completion_rule": "passed", "pass_score": 50,
           "questions": [{"type": "true_false", "value": {"prompt": "…", "answer": false}}]},
          {"type": "resource_link", "title": "La fiche", "page": "verifier-une-information"}]}]}

Every activity takes ``type`` (an activity type's key), ``title``, ``slug`` (made from the
title when absent), ``completion_rule``, ``required``, ``pass_score``, ``min_score``,
``max_attempts`` and ``grading_method``; its type's ``from_import`` hook reads the rest (the
course core never imports a type). Sections and activities are matched by slug, updated
and put in the file's order; those the file leaves out are kept, with learners' work.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from cms.content_import import (
    ContentImporter,
    ItemError,
    check_boolean,
    check_choice,
    check_integer,
    check_text,
    page_save,
    resolve_competences,
    slug_from_item,
)
from courses.activity_types import ActivityType, activity_types
from courses.choices import CompletionRule, GradingMethod
from courses.structure.models import CoursePage, CourseSectionPage
from courses.structure.services import course_index_ensure

ACTIVITY_FIELDS = (
    "type",
    "slug",
    "title",
    "completion_rule",
    "required",
    "pass_score",
    "min_score",
    "max_attempts",
    "grading_method",
)


class CourseImporter(ContentImporter):
    page_model = CoursePage

    def get_index_page(self):
        return course_index_ensure(home=self.home_page())

    def validate(self, item: dict[str, Any]) -> dict[str, Any]:
        item = super().validate(item)
        if "sections" in item and not isinstance(item["sections"], list):
            raise ItemError(_("« sections » doit être une liste de sections"))
        return item

    def apply_fields(self, page, item):
        if "estimated_duration" in item:
            duration = item["estimated_duration"]
            if not isinstance(duration, int) or not 0 < duration < 10_000:
                raise ItemError(_("« estimated_duration » doit être un nombre de minutes"))
            page.estimated_duration = duration
        if "learning_objectives" in item:
            objectives = item["learning_objectives"]
            if not isinstance(objectives, list) or not all(
                isinstance(line, str) for line in objectives
            ):
                raise ItemError(_("« learning_objectives » doit être une liste de textes"))
            page.learning_objectives = "\n".join(objectives)
        if "prerequisites" in item:
            page.prerequisites = check_text(item, "prerequisites")
        if "min_course_grade" in item:
            page.min_course_grade = percent_from_item(item, "min_course_grade", optional=True)

    def after_save(self, page, item, *, create_taxonomies):
        if "competences" in item:
            page.competences.set(resolve_competences(item))
        if "sections" in item:
            sections_import(page, item["sections"])


def sections_import(course: CoursePage, sections: list[Any]) -> None:
    types = {activity_type.key: activity_type for activity_type in activity_types()}
    existing = {page.slug: page for page in CourseSectionPage.objects.child_of(course)}
    ordered, seen = [], set()
    for position, data in enumerate(sections, start=1):
        where = _("section n° %(position)s") % {"position": position}
        try:
            if not isinstance(data, dict):
                raise ItemError(_("attendu un objet {title, activities}"))
            title = check_text(data, "title", max_length=255).strip()
            if not title:
                raise ItemError(_("le titre est obligatoire"))
            slug = slug_from_item(data)
            if slug in seen:
                raise ItemError(
                    _("le slug « %(slug)s » apparaît deux fois dans le parcours") % {"slug": slug}
                )
            seen.add(slug)
            activities = data.get("activities", [])
            if not isinstance(activities, list):
                raise ItemError(_("« activities » doit être une liste d'activités"))
            section = existing.get(slug)
            new = section is None
            section = section or CourseSectionPage(slug=slug)
            section.title = title
            section.summary = check_text(data, "summary")
            page_save(section, parent=course if new else None)
            activities_import(section, activities, types)
        except ItemError as error:
            raise ItemError(f"{where} : {error}") from error
        ordered.append(section)
    children_order(course, ordered)


def activities_import(
    section: CourseSectionPage, activities: list[Any], types: dict[str, ActivityType]
) -> None:
    existing = {page.slug: page for page in section.get_children().specific()}
    ordered, seen = [], set()
    for position, data in enumerate(activities, start=1):
        where = _("activité n° %(position)s") % {"position": position}
        try:
            activity = activity_from_item(section, data, existing, types, seen)
        except ItemError as error:
            raise ItemError(f"{where} : {error}") from error
        ordered.append(activity)
    children_order(section, ordered)


def activity_from_item(
    section: CourseSectionPage,
    data: Any,
    existing: dict,
    types: dict[str, ActivityType],
    seen: set,
):
    """One activity of ``section`` created or updated from ``data``, and published."""
    if not isinstance(data, dict):
        raise ItemError(_("attendu un objet {type, title, …}"))
    activity_type = types.get(data.get("type"))
    if activity_type is None:
        raise ItemError(
            _("« type » doit valoir : %(values)s")
            % {"values": ", ".join(key for key, t in types.items() if t.from_import)}
        )
    if activity_type.from_import is None:
        raise ItemError(
            _("les activités « %(type)s » ne s'importent pas (créez-les dans l'administration)")
            % {"type": activity_type.key}
        )
    title = check_text(data, "title", max_length=255).strip()
    if not title:
        raise ItemError(_("le titre est obligatoire"))
    slug = slug_from_item(data)
    if slug in seen:
        raise ItemError(
            _("le slug « %(slug)s » apparaît deux fois dans la section") % {"slug": slug}
        )
    seen.add(slug)
    activity = existing.get(slug)
    if activity is not None and not isinstance(activity, activity_type.page_model):
        raise ItemError(_("l'activité « %(slug)s » existe déjà, d'un autre type") % {"slug": slug})
    new = activity is None
    activity = activity or activity_type.page_model(slug=slug)
    activity.title = title
    shared_fields(activity, data)
    own = activity_type.from_import(
        data={k: v for k, v in data.items() if k not in ACTIVITY_FIELDS}
    )
    for name, value in own.items():
        setattr(activity, name, value)
    return page_save(activity, parent=section if new else None)


def shared_fields(activity, data: dict[str, Any]) -> None:
    """What every activity has: completion rule, required, scores, attempts."""
    if "completion_rule" in data:
        activity.completion_rule = check_choice(data, "completion_rule", CompletionRule.values)
    if "required" in data:
        activity.required = check_boolean(data, "required")
    if "pass_score" in data:
        activity.pass_score = percent_from_item(data, "pass_score")
    if "min_score" in data:
        activity.min_score = percent_from_item(data, "min_score", optional=True)
    if "max_attempts" in data:
        activity.max_attempts = check_integer(data, "max_attempts", minimum=0, maximum=100)
    if "grading_method" in data:
        activity.grading_method = check_choice(data, "grading_method", GradingMethod.values)


def percent_from_item(data: dict[str, Any], name: str, *, optional: bool = False):
    value = data.get(name)
    if value is None and optional:
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidOperation
        percent = Decimal(str(value))
    except InvalidOperation as error:
        raise ItemError(_("« %(field)s » doit être un pourcentage") % {"field": name}) from error
    if not Decimal(0) <= percent <= Decimal(100):
        raise ItemError(_("« %(field)s » doit être entre 0 et 100") % {"field": name})
    return percent


def children_order(parent, pages: list) -> None:
    """Put ``pages`` (children of ``parent``) in this order, after the children left out."""
    wanted = [page.pk for page in pages]
    current = [pk for pk in parent.get_children().values_list("pk", flat=True) if pk in wanted]
    if current == wanted:
        return
    for page in pages:
        page.refresh_from_db()
        page.move(parent, pos="last-child")
