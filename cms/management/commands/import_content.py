from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.content_import import ContentImportError, content_import_file


class Command(BaseCommand):
    help = "Import content from a JSON list of items (see cms/content_import.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the JSON file")
        parser.add_argument(
            "--create-taxonomies",
            action="store_true",
            help="create unknown audiences, levels, themes and disciplines",
        )
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="leave items that already exist as they are (as the demo content does)",
        )

    def handle(self, *args, **options):
        try:
            report = content_import_file(
                path=options["file"],
                create_taxonomies=options["create_taxonomies"],
                update_existing=not options["keep_existing"],
            )
        except ContentImportError as error:
            raise CommandError(str(error)) from error
        labels = {"created": _("créé"), "updated": _("mis à jour"), "kept": _("inchangé")}
        for result in report.results:
            label = f"[{result.position}] {result.kind or '?'} {result.slug or '?'}"
            if result.action == "error":
                self.stderr.write(f"{label} : {_('erreur')} — {result.reason}")
            else:
                self.stdout.write(f"{label} : {labels[result.action]}")
        summary = _("%(created)s créé(s), %(updated)s mis à jour, %(failed)s en erreur") % {
            "created": report.count("created"),
            "updated": report.count("updated"),
            "failed": len(report.failed),
        }
        if report.count("kept"):
            summary += _(", %(kept)s inchangé(s)") % {"kept": report.count("kept")}
        if report.failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
