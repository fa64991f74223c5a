from django.core.management.base import BaseCommand

from cms.demo import demo_content_load


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 0
        demo_content_load(log=self.stdout.write if verbose else lambda message: None)
        if verbose:
            self.stdout.write(self.style.SUCCESS("Demo content ready."))
