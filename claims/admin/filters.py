"""List filters shared by the workspace's lists."""

from django.contrib import admin
from django.db import connection

MAX_CHOICES = 50


class CollapsedFilter(admin.RelatedFieldListFilter):
    """A long list of choices (topics) that starts folded unless one of them is chosen."""

    template = "admin/claims/claim/collapsed_filter.html"


def distinct_values(model, field_name: str, *, limit: int = MAX_CHOICES) -> list:
    """Return a column's distinct values (empty ones left out), in order, at most `limit` of them.

    On PostgreSQL the values are found by skipping through the column's index, one look-up per
    value (a "loose index scan"), so a column of a few languages costs a few look-ups however
    many rows hold them; SELECT DISTINCT would read every row.
    """
    column = model._meta.get_field(field_name).column
    if connection.vendor != "postgresql":
        values = model.objects.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
        return list(values.order_by(field_name).values_list(field_name, flat=True).distinct()[:limit])
    qn = connection.ops.quote_name
    table, column = qn(model._meta.db_table), qn(column)
    sql = (
        f"WITH RECURSIVE v(x) AS ("
        f"(SELECT {column} FROM {table} WHERE {column} > '' ORDER BY {column} LIMIT 1) "
        f"UNION ALL SELECT (SELECT {column} FROM {table} WHERE {column} > v.x ORDER BY {column} LIMIT 1) "
        f"FROM v WHERE v.x IS NOT NULL) "
        f"SELECT x FROM v WHERE x IS NOT NULL LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return [row[0] for row in cursor.fetchall()]


class FewValuesFilter(admin.SimpleListFilter):
    """A filter on a text column holding few distinct values (a document's language), read from its index.

    Subclasses name `parameter_name` (the field) and `title`.
    """

    def lookups(self, request, model_admin):
        return [(value, value) for value in distinct_values(model_admin.model, self.parameter_name)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class LanguageFilter(FewValuesFilter):
    title = "language"
    parameter_name = "language"
