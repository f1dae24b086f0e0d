"""How API responses are written: JSON (orjson), CSV for lists, JSON-LD for ClaimReview."""

import csv
import io
import json

import orjson
from rest_framework.renderers import BaseRenderer

from claims.spreadsheet import csv_cell

_ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS


def _default(value):
    # Lazy translation strings (DRF's error messages) and anything else str() can name.
    return str(value)


def dumps(data) -> bytes:
    """Return data as JSON; text orjson refuses (a lone surrogate echoed in an error) goes through the stdlib."""
    try:
        return orjson.dumps(data, default=_default, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        return json.dumps(data, default=_default).encode("ascii")


class ORJSONRenderer(BaseRenderer):
    """JSON through orjson: dates, datetimes and UUIDs natively, several times faster than the stdlib."""

    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return dumps(data)


class JSONLDRenderer(ORJSONRenderer):
    """schema.org JSON-LD (the ClaimReview endpoint)."""

    media_type = "application/ld+json"
    format = "jsonld"


def _pluck(row: dict, path: str):
    """Follow a dotted path ("side.slug") into a row; a missing or null step gives None."""
    value = row
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


class CSVRenderer(BaseRenderer):
    """One row per result, columns chosen by the view (`csv_columns`: header -> dotted path or callable).

    Only the page's results are written; the next page's address goes in a `Link` header, so a client
    can follow pages the same way as with JSON. Cells go through `claims.spreadsheet.csv_cell`, so no
    text cell starts a formula in a spreadsheet. Errors (a dict without results) are written as JSON:
    they are for the person debugging the request, not for a spreadsheet.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        response = renderer_context.get("response")
        view = renderer_context.get("view")
        if (response is not None and response.status_code >= 400) or not isinstance(data, dict | list):
            if response is not None:
                response["Content-Type"] = "application/json"
            return dumps(data)
        rows = data.get("results", []) if isinstance(data, dict) else data
        columns = getattr(view, "csv_columns", None)
        if columns is None:
            columns = {key: key for key in (rows[0] if rows else {})}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                csv_cell(source(row) if callable(source) else _pluck(row, source)) for source in columns.values()
            )
        if response is not None and isinstance(data, dict):
            links = [f'<{data[rel]}>; rel="{rel}"' for rel in ("next", "previous") if data.get(rel)]
            if links:
                response["Link"] = ", ".join(links)
            if view is not None:
                response["Content-Disposition"] = f'attachment; filename="{view.csv_filename}.csv"'
        return out.getvalue().encode("utf-8")
