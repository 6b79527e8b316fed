"""What the employers' ranked list asks of opportunities (``core/columns.py``)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from networking.opportunities.models import Opportunity


def employer_open_opportunities(now):
    """How many of the employer's opportunities are still open (lead to offer)."""
    counted = (
        Opportunity.objects.open()
        .filter(employer=OuterRef("pk"))
        .order_by()
        .values("employer")
        .annotate(open=Count("pk"))
        .values("open")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
