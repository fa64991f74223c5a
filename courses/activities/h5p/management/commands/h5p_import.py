from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.activities.h5p.packages import H5PPackageError, h5p_package_store


class Command(BaseCommand):
    help = (
        "Import an .h5p package: validate it, extract it under MEDIA_ROOT/h5p/ and record "
        "it. Prints the package's id. Importing the same file again reuses it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=".h5p file to import")
        parser.add_argument("--title", default="", help="title (default: the package's own)")

    def handle(self, *args, file: Path, title: str, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Impossible de lire %(file)s : %(error)s.")
                % {"file": file, "error": error.strerror}
            ) from error
        try:
            package = h5p_package_store(upload=data, title=title)
        except H5PPackageError as error:
            raise CommandError(
                _("%(file)s : %(error)s Rien n'a été importé.") % {"file": file, "error": error}
            ) from error
        self.stdout.write(str(package.pk))
