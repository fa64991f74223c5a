from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.content_import import ContentImportError, content_import_file


class Command(BaseCommand):
    help = "Import published pages from a JSON list of items (see cms/content_import.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the JSON file")
        parser.add_argument(
            "--create-taxonomies",
            action="store_true",
            help="create unknown audiences, levels and themes",
        )

    def handle(self, *args, **options):
        try:
            report = content_import_file(
                path=options["file"], create_taxonomies=options["create_taxonomies"]
            )
        except ContentImportError as error:
            raise CommandError(str(error)) from error
        for result in report.results:
            label = f"[{result.position}] {result.kind or '?'} {result.slug or '?'}"
            if result.action == "error":
                self.stderr.write(f"{label} : {_('erreur')} — {result.reason}")
            else:
                self.stdout.write(
                    f"{label} : {_('créé') if result.action == 'created' else _('mis à jour')}"
                )
        summary = _("%(created)s créé(s), %(updated)s mis à jour, %(failed)s en erreur") % {
            "created": report.count("created"),
            "updated": report.count("updated"),
            "failed": len(report.failed),
        }
        if report.failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
