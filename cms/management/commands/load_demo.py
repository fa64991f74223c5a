from django.core.management.base import BaseCommand

from cms.demo import demo_content_load


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        demo_content_load(log=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
