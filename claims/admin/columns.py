"""Columns the workspace's lists share, computed for the rows of one page only."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def related_count(related, column: str):
    """Return an annotation counting the `related` rows whose `column` is the listed row.

    A correlated subquery, not a JOIN with GROUP BY: the list's COUNT(*), filters and date
    drill-down then read the listed table alone, and only the page's rows are counted.
    """
    # COUNT(*), not COUNT(id): the rows are counted from the index on `column` alone (an index-only scan).
    counted = related.filter(**{column: OuterRef("pk")}).order_by().values(column).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
