"""Cursor pagination: stable pages under inserts and no COUNT(*) (DESIGN §10, query budget)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination as DRFCursorPagination


class CursorPagination(DRFCursorPagination):
    """Cursor pages ordered by the view's ordering, with the primary key breaking ties."""

    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("id",)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, DjangoValidationError):
            # A cursor that decodes but holds a position of the wrong type ("p=abc" for a date) was forged.
            raise NotFound(self.invalid_cursor_message) from None

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_ordering(self, request, queryset, view):
        """Return the ordering asked for (`?ordering=`), else the view's, with the id appended to break ties."""
        backends = [backend for backend in view.filter_backends if hasattr(backend, "get_ordering")]
        if backends:
            ordering = backends[0]().get_ordering(request, queryset, view)
        else:
            ordering = getattr(view, "ordering", None) or self.ordering
        ordering = [ordering] if isinstance(ordering, str) else list(ordering)
        # Rows sharing a position (same stated_on) must come in a fixed order for the cursor's offset to hold.
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return tuple(ordering)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
                parameter["description"] = f"Results per page, 1 to {self.max_page_size} (default {self.page_size})."
            else:
                parameter["description"] = "Where to start: the cursor in a `next` or `previous` link."
        return parameters

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["next", "previous", "results"]
        return response
