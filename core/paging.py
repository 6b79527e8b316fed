"""Pages of a long, ordered list that cost the same at the end as at the start.

Django's paginator reads page *n* with ``OFFSET (n - 1) × size``: the database reads and
throws away every row before the page, so the last page of 40,000 contacts costs three
times the first. A page in the second half is the same rows as a page near the start of
the list read backwards, so ``Paginator`` reads it that way (``ORDER BY … DESC`` with a
small offset, from the same index) and turns the rows round in Python.

The list's ordering must end in a unique column (``…, "id"``), as every list's does, so
the reversed order is exactly the forward order backwards, NULLs included: Django reverses
``nulls_first``/``nulls_last`` with the direction, and each database's default places
NULLs at opposite ends for ASC and DESC.
"""

from django.core import paginator
from django.db.models import QuerySet


class Paginator(paginator.Paginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        from_end = self.count - top
        reversible = isinstance(self.object_list, QuerySet) and self.object_list.ordered
        if not reversible or from_end >= bottom:
            return super().page(number)
        rows = list(self.object_list.reverse()[from_end : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)
