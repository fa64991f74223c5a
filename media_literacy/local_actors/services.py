"""Writes with side effects for local actors: the CSV import."""

import csv
import io
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.models import Audience
from media_literacy.local_actors.models import LocalActor, LocalService

LOCAL_ACTOR_CSV_COLUMNS = [
    "name",
    "kind",
    "address",
    "postcode",
    "commune",
    "departement",
    "latitude",
    "longitude",
    "services",
    "audiences",
    "email",
    "phone",
    "website",
    "opening_hours",
    "description",
]
LOCAL_ACTOR_CSV_REQUIRED = ["name", "kind", "postcode", "commune"]
LIST_SEPARATOR = "|"


class LocalActorCsvError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


class RowError(Exception):
    """One row is refused; the reason is shown to the person importing."""


@dataclass(frozen=True)
class LocalActorRow:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class RowFailure:
    line: int
    reason: str


@dataclass
class LocalActorImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def local_actors_csv_parse(*, data: bytes) -> list[LocalActorRow]:
    """Read a CSV file (UTF-8 with or without BOM, ``;`` or ``,``) into rows.

    Raises ``LocalActorCsvError`` when the file cannot be trusted as a whole (encoding,
    quoting, missing columns), so that nothing at all is imported from it.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocalActorCsvError(
            _("Le fichier n'est pas encodé en UTF-8 (octet invalide en position %(position)s).")
            % {"position": error.start}
        ) from error
    if "\x00" in text:
        raise LocalActorCsvError(_("Le fichier n'est pas un fichier CSV (caractère nul)."))
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise LocalActorCsvError(_("Le fichier est vide."))
    # The header names contain neither separator, so the header tells which one is used.
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[LocalActorRow] = []
    try:
        header = None
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [slugify(cell).replace("-", "_") for cell in record]
                _check_header(header)
                continue
            values = {}
            extra = []
            for index, cell in enumerate(record):
                if index < len(header):
                    values[header[index]] = cell.strip()
                elif cell.strip():
                    extra.append(cell)
            if extra:
                values["__extra__"] = str(len(record))
            rows.append(LocalActorRow(line=reader.line_num, values=values))
    except csv.Error as error:
        raise LocalActorCsvError(
            _("Le fichier n'est pas un CSV valide (ligne %(line)s : %(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from error
    return rows


def _check_header(header: list[str]) -> None:
    missing = [column for column in LOCAL_ACTOR_CSV_REQUIRED if column not in header]
    if missing:
        raise LocalActorCsvError(
            _(
                "En-tête incomplet : colonne(s) obligatoire(s) absente(s) : %(missing)s. "
                "Colonnes attendues : %(expected)s."
            )
            % {"missing": ", ".join(missing), "expected": ", ".join(LOCAL_ACTOR_CSV_COLUMNS)}
        )
    duplicated = sorted({column for column in header if column and header.count(column) > 1})
    if duplicated:
        raise LocalActorCsvError(
            _("En-tête invalide : colonne(s) en double : %(columns)s.")
            % {"columns": ", ".join(duplicated)}
        )


def local_actors_import(
    *,
    rows: Iterable[LocalActorRow],
    dry_run: bool = False,
    create_services: bool = False,
) -> LocalActorImportReport:
    """Create or update local actors from parsed CSV rows, upserting by slug.

    Each row is saved in its own transaction: a bad row is reported with its line
    number and reason, the good ones are kept. A dry run does the same work inside one
    transaction that is rolled back, so its report matches what a real run would do.
    """
    report = LocalActorImportReport(dry_run=dry_run)
    rows = list(rows)
    unknown_columns = sorted(
        {key for row in rows for key in row.values} - {*LOCAL_ACTOR_CSV_COLUMNS, "__extra__", ""}
    )
    if unknown_columns:
        report.warnings.append(
            _("Colonne(s) ignorée(s) : %(columns)s.") % {"columns": ", ".join(unknown_columns)}
        )
    with transaction.atomic() if dry_run else nullcontext():
        for row in rows:
            try:
                with transaction.atomic():
                    actor, created = _local_actor_upsert(row, create_services=create_services)
            except RowError as error:
                report.failures.append(RowFailure(line=row.line, reason=str(error)))
                continue
            (report.created if created else report.updated).append(actor.slug)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _local_actor_upsert(row: LocalActorRow, *, create_services: bool) -> tuple[LocalActor, bool]:
    values = row.values
    if "__extra__" in values:
        raise RowError(_("trop de colonnes (%(count)s).") % {"count": values["__extra__"]})
    name = values.get("name", "")
    commune = values.get("commune", "")
    if not name:
        raise RowError(_("nom manquant."))
    if not commune:
        raise RowError(_("commune manquante."))
    kind = _kind(values.get("kind", ""))
    latitude = _coordinate(values.get("latitude", ""), label=_("latitude"))
    longitude = _coordinate(values.get("longitude", ""), label=_("longitude"))
    audiences = _audiences(values.get("audiences", ""))
    services = _services(values.get("services", ""), create=create_services)

    slug = LocalActor.slug_for(name=name, commune=commune)
    actor = LocalActor.objects.filter(slug=slug).first()
    created = actor is None
    if created:
        actor = LocalActor(slug=slug)
    actor.name = name
    actor.kind = kind
    actor.commune = commune
    actor.address = values.get("address", "")
    actor.postcode = values.get("postcode", "")
    actor.departement = values.get("departement", "")
    actor.latitude = latitude
    actor.longitude = longitude
    actor.email = values.get("email", "")
    actor.phone = values.get("phone", "")
    actor.website = values.get("website", "")
    actor.opening_hours = values.get("opening_hours", "")
    actor.description = values.get("description", "")
    try:
        actor.full_clean()
    except ValidationError as error:
        raise RowError(_validation_reason(error)) from error
    actor.save()
    actor.services.set(services)
    actor.audiences.set(audiences)
    return actor, created


def _kind(value: str) -> str:
    wanted = slugify(value)
    for kind in LocalActor.Kind:
        if wanted in {kind.value, slugify(str(kind.label))}:
            return kind.value
    raise RowError(
        _("type inconnu « %(value)s » (attendu : %(expected)s).")
        % {"value": value, "expected": ", ".join(LocalActor.Kind.values)}
    )


def _coordinate(value: str, *, label: str) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise RowError(
            _("%(label)s non numérique « %(value)s ».") % {"label": label, "value": value}
        )
    return number.quantize(Decimal("0.000001"))


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _audiences(value: str) -> list[Audience]:
    slugs = _split(value)
    found = {audience.slug: audience for audience in Audience.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise RowError(
            _("public(s) inconnu(s) : %(unknown)s (attendu : %(expected)s).")
            % {
                "unknown": ", ".join(unknown),
                "expected": ", ".join(Audience.objects.values_list("slug", flat=True)),
            }
        )
    return [found[slug] for slug in slugs]


def _services(value: str, *, create: bool) -> list[LocalService]:
    services = []
    unknown = []
    for item in _split(value):
        slug = slugify(item)
        service = (
            LocalService.objects.filter(slug=item).first()
            or LocalService.objects.filter(name__iexact=item).first()
            or LocalService.objects.filter(slug=slug).first()
        )
        if service is None and create:
            service = LocalService.objects.create(name=item, slug=slug)
        if service is None:
            unknown.append(item)
        else:
            services.append(service)
    if unknown:
        raise RowError(
            _("service(s) inconnu(s) : %(unknown)s (ajoutez --create-services pour les créer).")
            % {"unknown": ", ".join(unknown)}
        )
    return services


def _validation_reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        parts = []
        for field_name, messages in error.message_dict.items():
            if field_name == "__all__":
                parts.extend(messages)
                continue
            label = LocalActor._meta.get_field(field_name).verbose_name
            parts.append(f"{label} : {' '.join(messages)}")
        return " ; ".join(parts)
    return " ".join(error.messages)
