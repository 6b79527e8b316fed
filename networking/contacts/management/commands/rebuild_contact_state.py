from django.core.management.base import BaseCommand, CommandError

from networking.contacts.models import Contact
from networking.contacts.state import rebuild


class Command(BaseCommand):
    help = (
        "Recompute every contact's stored state (outreach cycle and meeting facts) from their "
        "history, in batches, and print how many changed. Every write keeps it current; this "
        "repairs it after history was written around the services (a restore, a manual fix)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Only the contacts of the seeker with this email.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, email=None, batch_size=500, **options):
        contacts = Contact.objects.all()
        if email:
            contacts = contacts.filter(owner__email__iexact=email)
            if not contacts.exists():
                raise CommandError(f"No contacts for a seeker with the email {email}.")
        seen, changed = rebuild(contacts, batch_size=batch_size)
        self.stdout.write(f"{seen} contact{'s' if seen != 1 else ''} checked, {changed} changed.")
