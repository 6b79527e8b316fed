from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo
from core.models import User
from networking.contacts import demo as contacts_demo
from networking.employers import demo as employers_demo
from networking.meetings import demo as meetings_demo
from networking.opportunities import demo as opportunities_demo
from networking.progress import demo as progress_demo

DEMO_EMAIL = "demo@schmooze.example"
DEMO_PASSWORD = "schmooze-demo"

# Each app adds its chapter of the demo seeker's story, in the order of the walk.
CHAPTERS = [
    demo.seed,
    employers_demo.seed,
    contacts_demo.seed,
    meetings_demo.seed,
    opportunities_demo.seed,
    demo.seed_coach,
    progress_demo.seed,
]


class Command(BaseCommand):
    help = "Create (or reset) the demo seeker with a realistic story, and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEMO_EMAIL)
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the sign-in hint.",
        )

    @transaction.atomic
    def handle(self, *args, email, password, url, **options):
        # Reset rather than add: running it twice leaves one demo story, dated from today.
        User.objects.filter(email__iexact=email).delete()
        user = User.objects.create_user(email=email, password=password)
        for chapter in CHAPTERS:
            chapter(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo seeker ready. Sign in at {url}/accounts/login/ with {email} / {password}"
            )
        )
        # Reminders on, as for every seeker: the morning email and a calendar to subscribe to.
        user.refresh_from_db()
        self.stdout.write(
            f"Their calendar feed: {url}/calendar/{user.calendar_token}.ics · their morning "
            f"email, now: manage.py send_digest {email}"
        )
        self.stdout.write(
            f"Their career coach signs in to the admin site at {url}/admin/ "
            f"with {demo.COACH['email']} / {demo.COACH_PASSWORD}"
        )
