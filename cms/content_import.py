"""Import published pages from a JSON list: the engine behind ``manage.py import_content``.

Each item is ``{kind, slug, title, summary, body, audiences, themes, levels}`` plus the
fields its kind accepts. Content apps register one ``ContentImporter`` per kind in
``REPERES_CONTENT_IMPORTERS``; kinds listed in ``REPERES_CONTENT_KINDS`` without an
importer yet are reported as not yet supported. Every item is validated and written in
its own transaction: a bad item is reported with its position and reason, and the good
ones are still imported. Re-importing updates pages by slug.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.models import Audience, HomePage, Level, Theme

TAXONOMIES = {"audiences": Audience, "levels": Level, "themes": Theme}
MAX_TITLE_LENGTH = 255


class ContentImportError(Exception):
    """The file as a whole cannot be imported (nothing was written)."""


class ItemError(Exception):
    """One item cannot be imported; the message says why, in French."""


@dataclass
class ItemResult:
    position: int
    kind: str
    slug: str
    action: str  # "created", "updated" or "error"
    reason: str = ""


@dataclass
class ImportReport:
    results: list[ItemResult] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def failed(self) -> list[ItemResult]:
        return [result for result in self.results if result.action == "error"]


class ContentImporter:
    """Creates or updates the pages of one kind. Subclass per kind and register it.

    Extension points: ``page_model``, ``get_index_page()`` (where new pages go) and
    ``apply_fields(page, item)`` for the kind's own fields.
    """

    page_model: type[Page]

    def get_index_page(self) -> Page:
        raise NotImplementedError

    def apply_fields(self, page: Page, item: dict[str, Any]) -> None:
        """Set the kind's own fields from ``item``; raise ItemError on a bad value."""

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            raise ContentImportError(_("Aucune page d'accueil : créez-la avant d'importer."))
        return home

    def import_item(self, item: dict[str, Any], *, create_taxonomies: bool) -> str:
        slug = item["slug"]
        # Looked up per item: an index page created by an item that failed was rolled back.
        index_page = self.get_index_page()
        existing = index_page.get_children().filter(slug=slug).first()
        if existing is not None and not isinstance(existing.specific, self.page_model):
            raise ItemError(
                _("l'adresse « %(slug)s » est déjà prise par une page d'un autre type")
                % {"slug": slug}
            )
        page = existing.specific if existing else self.page_model(slug=slug)
        page.title = item["title"]
        page.summary = item.get("summary") or ""
        if "body" in item:
            page.body = body_from_item(self.page_model, item["body"])
        self.apply_fields(page, item)
        terms = {
            name: resolve_terms(model, item.get(name), create_taxonomies)
            for name, model in TAXONOMIES.items()
        }
        for name, values in terms.items():
            getattr(page, name).set(values)
        try:
            if existing is None:
                index_page.add_child(instance=page)
            else:
                page.full_clean()
        except ValidationError as error:
            raise ItemError(validation_message(error)) from error
        page.save_revision().publish()
        return "updated" if existing else "created"


def importers() -> dict[str, ContentImporter]:
    return {
        kind: import_string(path)() for kind, path in settings.REPERES_CONTENT_IMPORTERS.items()
    }


def content_import_file(*, path: Path, create_taxonomies: bool = False) -> ImportReport:
    """Read ``path`` (a JSON list) and import it; malformed JSON imports nothing."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentImportError(
            _("Impossible de lire le fichier : %(error)s") % {"error": error}
        ) from error
    try:
        items = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ContentImportError(
            _("JSON invalide, ligne %(line)s, colonne %(column)s : %(message)s")
            % {"line": error.lineno, "column": error.colno, "message": error.msg}
        ) from error
    if not isinstance(items, list):
        raise ContentImportError(_("Le fichier doit contenir une liste JSON d'éléments."))
    return content_import(items=items, create_taxonomies=create_taxonomies)


def content_import(*, items: list[Any], create_taxonomies: bool = False) -> ImportReport:
    """Import ``items``, each in its own transaction; see the module docstring."""
    registry = importers()
    report = ImportReport()
    duplicates = duplicated_keys(items)
    for position, item in enumerate(items, start=1):
        kind = item.get("kind", "") if isinstance(item, dict) else ""
        slug = item.get("slug", "") if isinstance(item, dict) else ""
        try:
            normalised = validate_item(item, registry=registry, duplicates=duplicates)
            kind, slug = normalised["kind"], normalised["slug"]
            with transaction.atomic():
                action = registry[kind].import_item(normalised, create_taxonomies=create_taxonomies)
        except ItemError as error:
            report.results.append(ItemResult(position, str(kind), str(slug), "error", str(error)))
        else:
            report.results.append(ItemResult(position, kind, slug, action))
    return report


def duplicated_keys(items: list[Any]) -> set[tuple[str, str]]:
    seen, duplicates = set(), set()
    for item in items:
        if isinstance(item, dict):
            key = (item.get("kind"), item.get("slug") or slugify(str(item.get("title") or "")))
            (duplicates if key in seen else seen).add(key)
    return duplicates


def validate_item(
    item: Any, *, registry: dict[str, ContentImporter], duplicates: set
) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ItemError(_("l'élément doit être un objet JSON"))
    kind = item.get("kind")
    if not isinstance(kind, str) or not kind:
        raise ItemError(_("le champ « kind » est obligatoire"))
    if kind not in registry:
        if kind in settings.REPERES_CONTENT_KINDS:
            raise ItemError(
                _("le type « %(kind)s » n'est pas encore pris en charge") % {"kind": kind}
            )
        raise ItemError(
            _("type « %(kind)s » inconnu (attendu : %(kinds)s)")
            % {"kind": kind, "kinds": ", ".join(settings.REPERES_CONTENT_KINDS)}
        )
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ItemError(_("le titre est obligatoire"))
    if len(title) > MAX_TITLE_LENGTH:
        raise ItemError(_("le titre dépasse %(max)s caractères") % {"max": MAX_TITLE_LENGTH})
    slug = item.get("slug") or slugify(title)
    if not isinstance(slug, str) or slugify(slug) != slug or not slug:
        raise ItemError(_("« slug » doit ne contenir que des minuscules, chiffres et tirets"))
    if (kind, slug) in duplicates:
        raise ItemError(
            _("le slug « %(slug)s » apparaît plusieurs fois dans le fichier") % {"slug": slug}
        )
    for name in ("summary",):
        if name in item and item[name] is not None and not isinstance(item[name], str):
            raise ItemError(_("« %(field)s » doit être une chaîne de caractères") % {"field": name})
    for name in TAXONOMIES:
        values = item.get(name, [])
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise ItemError(_("« %(field)s » doit être une liste d'identifiants") % {"field": name})
    return {**item, "kind": kind, "slug": slug, "title": title.strip()}


def body_from_item(page_model: type[Page], body: Any):
    """A StreamField value from plain text (paragraphs split on blank lines) or a block list."""
    if isinstance(body, str):
        paragraphs = [part.strip() for part in body.split("\n\n") if part.strip()]
        raw = [
            {"type": "paragraph", "value": "<p>" + escape(text).replace("\n", "<br>") + "</p>"}
            for text in paragraphs
        ]
    elif isinstance(body, list):
        raw = []
        for position, block in enumerate(body, start=1):
            if isinstance(block, str):
                raw.append({"type": "paragraph", "value": f"<p>{escape(block)}</p>"})
            elif (
                isinstance(block, dict) and isinstance(block.get("type"), str) and "value" in block
            ):
                raw.append({"type": block["type"], "value": block["value"]})
            else:
                raise ItemError(
                    _("bloc n° %(position)s du corps : attendu un texte ou {type, value}")
                    % {"position": position}
                )
    else:
        raise ItemError(_("« body » doit être un texte ou une liste de blocs"))
    stream_block = page_model._meta.get_field("body").stream_block
    unknown = sorted({block["type"] for block in raw} - set(stream_block.child_blocks))
    if unknown:
        raise ItemError(_("type de bloc inconnu : %(types)s") % {"types": ", ".join(unknown)})
    try:
        value = stream_block.to_python(raw)
        stream_block.clean(value)
    except (ValidationError, TypeError, ValueError, KeyError, AttributeError) as error:
        reason = validation_message(error) if isinstance(error, ValidationError) else str(error)
        raise ItemError(_("corps invalide : %(reason)s") % {"reason": reason}) from error
    return value


def resolve_terms(model, slugs: list[str] | None, create: bool) -> list:
    slugs = slugs or []
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing and not create:
        raise ItemError(
            _("%(taxonomy)s inconnu(s) : %(slugs)s (utilisez --create-taxonomies pour les créer)")
            % {"taxonomy": model._meta.verbose_name_plural, "slugs": ", ".join(missing)}
        )
    for slug in missing:
        if slugify(slug) != slug:
            raise ItemError(_("identifiant de taxonomie invalide : « %(slug)s »") % {"slug": slug})
        found[slug] = model.objects.create(slug=slug, name=slug.replace("-", " ").capitalize())
    return [found[slug] for slug in slugs]


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
