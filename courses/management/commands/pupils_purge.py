"""Erase pupils whose classes have all been archived for longer than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand

from courses.privacy.services import pupils_purge


class Command(BaseCommand):
    help = (
        "Erase the accounts of pupils whose classes were all archived more than "
        "REPERES_COURSES_PUPIL_RETENTION_DAYS days ago (their figures stay, anonymous)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"retention in days (default {settings.REPERES_COURSES_PUPIL_RETENTION_DAYS})",
        )

    def handle(self, *args, days, **options):
        count = pupils_purge(retention_days=days)
        self.stdout.write(f"{count} pupil account(s) erased.")
