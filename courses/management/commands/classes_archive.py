"""Archive the classes of past school years (run it each year, e.g. from cron in July)."""

from django.core.management.base import BaseCommand

from courses.privacy.services import classrooms_archive


class Command(BaseCommand):
    help = "Archive the classes of past school years (their join codes close)."

    def handle(self, *args, **options):
        count = classrooms_archive()
        self.stdout.write(f"{count} class(es) archived.")
