from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from media_literacy.local_actors.services import (
    LOCAL_ACTOR_CSV_COLUMNS,
    LocalActorCsvError,
    local_actors_csv_parse,
    local_actors_import,
)


class Command(BaseCommand):
    help = (
        "Import local actors from a CSV file (UTF-8, ';' or ',' separated), updating "
        "existing ones by slug (name + commune). Columns: " + ", ".join(LOCAL_ACTOR_CSV_COLUMNS)
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        parser.add_argument(
            "--create-services",
            action="store_true",
            help="create the services the file names that do not exist yet",
        )

    def handle(self, *args, file: Path, dry_run: bool, create_services: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Impossible de lire %(file)s : %(error)s.")
                % {"file": file, "error": error.strerror}
            ) from error
        try:
            rows = local_actors_csv_parse(data=data)
        except LocalActorCsvError as error:
            raise CommandError(
                _("%(file)s : %(error)s Rien n'a été importé.") % {"file": file, "error": error}
            ) from error

        report = local_actors_import(rows=rows, dry_run=dry_run, create_services=create_services)

        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        for failure in report.failures:
            self.stderr.write(
                _("Ligne %(line)s : %(reason)s") % {"line": failure.line, "reason": failure.reason}
            )
        summary = _(
            "%(created)s créé(s), %(updated)s mis à jour, %(failed)s ligne(s) en erreur."
        ) % {
            "created": len(report.created),
            "updated": len(report.updated),
            "failed": len(report.failures),
        }
        if dry_run:
            summary = _("Simulation, rien n'a été enregistré : %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
        if not report.ok:
            raise CommandError(
                ngettext(
                    "%(count)s ligne n'a pas été importée.",
                    "%(count)s lignes n'ont pas été importées.",
                    len(report.failures),
                )
                % {"count": len(report.failures)}
            )
