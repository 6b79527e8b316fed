"""Send one seeker's morning email now, for support and for trying it out."""

from django.core.management.base import BaseCommand, CommandError

from core.models import User
from networking.progress.digest import send_digest_now


class Command(BaseCommand):
    help = "Send one seeker's daily email now (nothing is sent when nothing is due)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the seeker's email address")

    def handle(self, *args, email, **options):
        seeker = User.objects.with_email(email).first()
        if seeker is None:
            raise CommandError(f"No account has the email {email!r}.")
        digest = send_digest_now(seeker)
        if digest.is_empty:
            self.stdout.write(f"Nothing is due for {seeker.email} today: no email sent.")
        else:
            self.stdout.write(
                f"Sent {seeker.email} their email: {digest.count} "
                f"thing{'s' if digest.count != 1 else ''} due."
            )
