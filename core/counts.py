"""How many rows each of several querysets holds, in one round trip to the database.

A page that shows a handful of counts (the dashboard's funnel, its "awaiting a reply", its
overstays) would otherwise send a query for each: each small and indexed, each paying its
own compilation, round trip and wait. ``count_each`` sends them as one ``SELECT`` of scalar
subqueries. Each count is still defined by the selector of the app that owns it; this only
carries them together, and its answer is the same as each queryset's own ``count()``.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def count_each(**querysets) -> dict[str, int]:
    """``{name: queryset.count()}`` for every queryset given, in one query.

    The querysets must all read the same database. Ordering is dropped where it changes no
    count; slicing and ``distinct()`` are kept, as ``count()`` keeps them.
    """
    if not querysets:
        return {}
    aliases = {queryset.db for queryset in querysets.values()}
    if len(aliases) != 1:
        raise ValueError("count_each counts querysets of one database at a time")
    using = aliases.pop()
    connection = connections[using]
    quote = connection.ops.quote_name
    columns, params = [], []
    for name, queryset in querysets.items():
        inner = queryset
        if not inner.query.is_sliced:  # a slice needs its order; nothing else does
            inner = inner.order_by()
        if not (inner.query.distinct or inner.query.values_select or inner.query.is_sliced):
            inner = inner.values("pk")  # the rows, not their columns, are counted
        try:
            sql, inner_params = inner.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # a filter that can match nothing, e.g. pk__in=[]
            columns.append(f"0 AS {quote(name)}")
            continue
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted) AS {quote(name)}")
        params.extend(inner_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
