from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from networking.employers.models import Employer
from networking.employers.services import rescore, stale_scores


class Command(BaseCommand):
    help = (
        "Recompute every employer's stored fit score and rated count from its ratings and the "
        "criteria's weights, and print how many were wrong. Every write keeps them current; "
        "this repairs them after ratings were written around the services (a restore, a "
        "manual fix)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Only the employers of the seeker with this email.")

    def handle(self, *args, email=None, **options):
        employers = Employer.objects.all()
        if email:
            employers = employers.filter(owner__email__iexact=email)
            if not employers.exists():
                raise CommandError(f"No employers for a seeker with the email {email}.")
        with transaction.atomic():
            stale = list(stale_scores(employers).values_list("pk", flat=True))
            if stale:
                rescore(stale)
        seen = employers.count()
        self.stdout.write(
            f"{seen} employer{'s' if seen != 1 else ''} checked, {len(stale)} changed."
        )
