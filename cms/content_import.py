"""Import content from a JSON list: the engine behind ``manage.py import_content``.

Every item is an object with a ``kind``. Page kinds (campaign, resource, course, scenario)
take ``{kind, slug, title, summary, body, audiences, themes, levels}`` plus their own fields
and are published under their index page; other kinds (class) take their own fields. Content
apps register one importer per kind in ``REPERES_CONTENT_IMPORTERS``; kinds listed in
``REPERES_CONTENT_KINDS`` without an importer yet are reported as not yet supported.

Every item is validated and written in its own transaction: a bad item is reported with its
position and a reason in French and leaves nothing behind, and the good ones are still
imported. Re-importing updates what an item names (pages by slug); with
``update_existing=False`` (the demo content) what already exists is left as it is.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.blocks.base import get_error_json_data
from wagtail.models import Page

from cms.models import Audience, Competence, HomePage, Level, Theme

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
    """What names the item across runs: a page's slug, a class's school and name."""
    action: str  # "created", "updated", "kept" (left as it was) or "error"
    reason: str = ""


@dataclass
class ImportReport:
    results: list[ItemResult] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def failed(self) -> list[ItemResult]:
        return [result for result in self.results if result.action == "error"]


class ItemImporter:
    """Imports the items of one kind. Subclass per kind and register it.

    Extension points: ``key_of(item)`` (what names the item across runs, for reports and
    duplicates in a file), ``validate(item)`` (check and normalise, raise ``ItemError``),
    ``exists(item)`` and ``import_item(item, *, create_taxonomies)``, which writes and
    returns "created" or "updated". The engine calls the last two inside the item's
    transaction and ``validate`` just before.
    """

    key_label = gettext_lazy("l'identifiant")
    """How a duplicate's key is named in the message ("le slug « x » apparaît…")."""

    def key_of(self, item: dict[str, Any]) -> str:
        return str(item.get("slug") or slugify(str(item.get("title") or "")))

    def validate(self, item: dict[str, Any]) -> dict[str, Any]:
        return item

    def exists(self, item: dict[str, Any]) -> bool:
        raise NotImplementedError

    def import_item(self, item: dict[str, Any], *, create_taxonomies: bool) -> str:
        raise NotImplementedError


class ContentImporter(ItemImporter):
    """Creates or updates the published pages of one kind, by slug under the kind's index.

    Extension points: ``page_model``, ``get_index_page()`` (where new pages go),
    ``apply_fields(page, item)`` for the kind's own fields, set before the page is saved,
    and ``after_save(page, item, create_taxonomies=)`` for what is written once the page
    exists (plain many-to-many fields, child pages).
    """

    page_model: type[Page]
    taxonomies: dict[str, type] = TAXONOMIES
    """The item's lists of taxonomy slugs and their models (kinds may add their own)."""
    key_label = gettext_lazy("le slug")

    def get_index_page(self) -> Page:
        raise NotImplementedError

    def apply_fields(self, page: Page, item: dict[str, Any]) -> None:
        """Set the kind's own fields from ``item``; raise ItemError on a bad value."""

    def after_save(self, page: Page, item: dict[str, Any], *, create_taxonomies: bool) -> None:
        """Write what needs the saved page; raise ItemError on a bad value."""

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            raise ContentImportError(_("Aucune page d'accueil : créez-la avant d'importer."))
        return home

    def validate(self, item: dict[str, Any]) -> dict[str, Any]:
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ItemError(_("le titre est obligatoire"))
        if len(title) > MAX_TITLE_LENGTH:
            raise ItemError(_("le titre dépasse %(max)s caractères") % {"max": MAX_TITLE_LENGTH})
        slug = slug_from_item(item)
        for name in ("summary",):
            if name in item and item[name] is not None and not isinstance(item[name], str):
                raise ItemError(
                    _("« %(field)s » doit être une chaîne de caractères") % {"field": name}
                )
        for name in self.taxonomies:
            check_identifiers(item, name)
        return {**item, "slug": slug, "title": title.strip()}

    def existing_page(self, item: dict[str, Any]) -> Page | None:
        # Looked up per item: an index page created by an item that failed was rolled back.
        existing = self.get_index_page().get_children().filter(slug=item["slug"]).first()
        if existing is not None and not isinstance(existing.specific, self.page_model):
            raise ItemError(
                _("l'adresse « %(slug)s » est déjà prise par une page d'un autre type")
                % {"slug": item["slug"]}
            )
        return existing.specific if existing else None

    def exists(self, item: dict[str, Any]) -> bool:
        return self.existing_page(item) is not None

    def import_item(self, item: dict[str, Any], *, create_taxonomies: bool) -> str:
        existing = self.existing_page(item)
        page = existing or self.page_model(slug=item["slug"])
        page.title = item["title"]
        page.summary = item.get("summary") or ""
        if "body" in item:
            page.body = body_from_item(self.page_model, item["body"])
        self.apply_fields(page, item)
        for name, model in self.taxonomies.items():
            getattr(page, name).set(resolve_terms(model, item.get(name), create_taxonomies))
        page_save(page, parent=None if existing else self.get_index_page())
        self.after_save(page, item, create_taxonomies=create_taxonomies)
        return "updated" if existing else "created"


def page_save(page: Page, *, parent: Page | None = None) -> Page:
    """Add ``page`` under ``parent`` (new) or check it (existing), then publish it.

    A page the models refuse raises ItemError with their messages.
    """
    try:
        if parent is not None:
            parent.add_child(instance=page)
        else:
            page.full_clean()
    except ValidationError as error:
        raise ItemError(validation_message(error)) from error
    page.save_revision().publish()
    return page


def importers() -> dict[str, ItemImporter]:
    return {
        kind: import_string(path)() for kind, path in settings.REPERES_CONTENT_IMPORTERS.items()
    }


def content_import_file(
    *, path: Path, create_taxonomies: bool = False, update_existing: bool = True
) -> ImportReport:
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
    return content_import(
        items=items, create_taxonomies=create_taxonomies, update_existing=update_existing
    )


def content_import(
    *, items: list[Any], create_taxonomies: bool = False, update_existing: bool = True
) -> ImportReport:
    """Import ``items``, each in its own transaction; see the module docstring."""
    registry = importers()
    report = ImportReport()
    duplicates = duplicated_keys(items, registry=registry)
    for position, item in enumerate(items, start=1):
        kind = item.get("kind", "") if isinstance(item, dict) else ""
        key = item.get("slug", "") if isinstance(item, dict) else ""
        try:
            importer = importer_for(item, registry=registry)
            key = importer.key_of(item)
            normalised = importer.validate(item)
            key = importer.key_of(normalised)
            if (kind, key) in duplicates:
                raise ItemError(
                    _("%(label)s « %(key)s » apparaît plusieurs fois dans le fichier")
                    % {"label": importer.key_label, "key": key}
                )
            with transaction.atomic():
                if not update_existing and importer.exists(normalised):
                    action = "kept"
                else:
                    action = importer.import_item(normalised, create_taxonomies=create_taxonomies)
        except ItemError as error:
            report.results.append(ItemResult(position, str(kind), str(key), "error", str(error)))
        else:
            report.results.append(ItemResult(position, kind, key, action))
    return report


def duplicated_keys(items: list[Any], *, registry: dict[str, ItemImporter]) -> set[tuple]:
    seen, duplicates = set(), set()
    for item in items:
        if isinstance(item, dict) and item.get("kind") in registry:
            key = (item["kind"], registry[item["kind"]].key_of(item))
            (duplicates if key in seen else seen).add(key)
    return duplicates


def importer_for(item: Any, *, registry: dict[str, ItemImporter]) -> ItemImporter:
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
    return registry[kind]


# ---- Helpers for importers: values checked, with messages that name the field -----------


def slug_from_item(item: dict[str, Any], *, title_field: str = "title") -> str:
    """The item's ``slug``, or one made from its title; ItemError when malformed."""
    slug = item.get("slug") or slugify(str(item.get(title_field) or ""))
    if not isinstance(slug, str) or slugify(slug) != slug or not slug:
        raise ItemError(_("« slug » doit ne contenir que des minuscules, chiffres et tirets"))
    return slug


def check_identifiers(item: dict[str, Any], name: str) -> list[str]:
    """``item[name]``, a list of strings (empty when absent)."""
    values = item.get(name, [])
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ItemError(_("« %(field)s » doit être une liste d'identifiants") % {"field": name})
    return values


def check_text(item: dict[str, Any], name: str, *, max_length: int | None = None) -> str:
    """``item[name]`` as a string ("" when absent or null); a list of lines is joined."""
    value = item.get(name)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        value = "\n".join(value)
    if not isinstance(value, str):
        raise ItemError(_("« %(field)s » doit être une chaîne de caractères") % {"field": name})
    if max_length is not None and len(value) > max_length:
        raise ItemError(
            _("« %(field)s » dépasse %(max)s caractères") % {"field": name, "max": max_length}
        )
    return value


def check_integer(item: dict[str, Any], name: str, *, minimum: int, maximum: int) -> int:
    value = item.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ItemError(
            _("« %(field)s » doit être un nombre entier de %(min)s à %(max)s")
            % {"field": name, "min": minimum, "max": maximum}
        )
    return value


def check_choice(item: dict[str, Any], name: str, choices) -> str:
    value = item.get(name)
    if value not in choices:
        raise ItemError(
            _("« %(field)s » doit valoir : %(values)s")
            % {"field": name, "values": ", ".join(choices)}
        )
    return value


def check_boolean(item: dict[str, Any], name: str) -> bool:
    value = item.get(name)
    if not isinstance(value, bool):
        raise ItemError(_("« %(field)s » doit valoir true ou false") % {"field": name})
    return value


def body_from_item(page_model: type[Page], body: Any):
    """A StreamField value from plain text (paragraphs split on blank lines) or a block list."""
    try:
        stream_block = getattr(page_model._meta.get_field("body"), "stream_block", None)
    except FieldDoesNotExist:
        stream_block = None
    if stream_block is None:
        raise ItemError(
            _("« body » n'existe pas pour ce type de contenu : voyez ses propres champs")
        )
    if isinstance(body, str):
        raw = [{"type": "paragraph", "value": html} for html in paragraphs_from_text(body)]
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
    return stream_from_raw(stream_block, raw, field="body")


def paragraphs_from_text(text: str) -> list[str]:
    """Plain text as escaped ``<p>`` paragraphs (split on blank lines, line breaks kept)."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return ["<p>" + escape(part).replace("\n", "<br>") + "</p>" for part in paragraphs]


def stream_from_raw(stream_block, raw: Any, *, field: str):
    """A checked StreamField value from ``raw``, a list of ``{type, value}`` blocks.

    Struct values may leave out their optional children (defaults apply); the blocks' own
    validation runs, and its messages come back with the block's position.
    """
    if not isinstance(raw, list) or not all(
        isinstance(block, dict) and isinstance(block.get("type"), str) and "value" in block
        for block in raw
    ):
        raise ItemError(
            _("« %(field)s » doit être une liste de blocs {type, value}") % {"field": field}
        )
    unknown = sorted({block["type"] for block in raw} - set(stream_block.child_blocks))
    if unknown:
        raise ItemError(_("type de bloc inconnu : %(types)s") % {"types": ", ".join(unknown)})
    try:
        value = stream_block.to_python(
            [{"type": block["type"], "value": block["value"]} for block in raw]
        )
        stream_block.clean(value)
    except ValidationError as error:
        reason = "; ".join(block_error_messages(get_error_json_data(error)))
        raise ItemError(
            _("« %(field)s » invalide : %(reason)s") % {"field": field, "reason": reason}
        ) from error
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise ItemError(
            _("« %(field)s » invalide : %(reason)s") % {"field": field, "reason": error}
        ) from error
    return value


def block_error_messages(data: Any, path: tuple = ()) -> list[str]:
    """Wagtail's nested block errors as "bloc n° 1 › choices : message" lines."""
    messages = []
    if isinstance(data, dict):
        where = " › ".join(
            _("bloc n° %(position)s") % {"position": part + 1} if isinstance(part, int) else part
            for part in path
        )
        for message in data.get("messages") or []:
            messages.append(f"{where} : {message}" if where else str(message))
        children = data.get("blockErrors") or {}
        pairs = children.items() if isinstance(children, dict) else enumerate(children)
        for key, child in pairs:
            if child:
                part = int(key) if str(key).isdigit() else key
                messages += block_error_messages(child, (*path, part))
    return messages or [_("valeur invalide")]


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


def resolve_competences(item: dict[str, Any], name: str = "competences") -> list[Competence]:
    """The CRCN competences named by code in ``item[name]`` ("1.1", "4.2"); never created."""
    codes = check_identifiers(item, name)
    found = {
        competence.code: competence for competence in Competence.objects.filter(code__in=codes)
    }
    missing = [code for code in codes if code not in found]
    if missing:
        raise ItemError(
            _("compétence(s) CRCN inconnue(s) : %(codes)s") % {"codes": ", ".join(missing)}
        )
    return [found[code] for code in dict.fromkeys(codes)]


def page_by_reference(reference: Any, *, field: str) -> Page:
    """The published page a ``slug`` or a path from the site root (``/parcours/x/``) names."""
    if not isinstance(reference, str) or not reference.strip("/"):
        raise ItemError(
            _("« %(field)s » : attendu le slug ou le chemin d'une page") % {"field": field}
        )
    pages = Page.objects.live()
    if "/" in reference.strip("/") or reference.startswith("/"):
        path = "/" + reference.strip("/") + "/"
        pages = pages.filter(url_path__endswith=path)
    else:
        pages = pages.filter(slug=reference)
    found = list(pages[:2])
    if not found:
        raise ItemError(
            _("« %(field)s » : aucune page publiée à l'adresse « %(reference)s »")
            % {"field": field, "reference": reference}
        )
    if len(found) > 1:
        raise ItemError(
            _(
                "« %(field)s » : plusieurs pages répondent à « %(reference)s », donnez son chemin (/parcours/…/)"
            )
            % {"field": field, "reference": reference}
        )
    return found[0]


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
