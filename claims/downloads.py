"""Download every claim matching a page's filters, as CSV or JSON Lines in the interchange columns (issue #18).

The response is streamed: rows are read from the database in chunks (`.iterator(chunk_size=…)`,
a server-side cursor on PostgreSQL) and written out as they come, so memory stays flat however
many rows match and the first bytes leave at once. The body is produced after the view returns,
when the request's transaction is over, so the rows are read in a transaction of their own
(`claim_records`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from http import HTTPStatus

import orjson
from django import forms
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from claims import search
from claims.interchange import COLUMNS
from claims.interchange.export import _claim_record as claim_record
from claims.models import Appearance, Claim, Topic
from claims.spreadsheet import csv_cell
from claims.views import reader_of
from claims.visibility import claims_visible
from sources.models import Document

CHUNK = 2000  # rows per database round trip (and per prefetch of their appearances)
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


class DownloadForm(forms.Form):
    """The filters a download takes: those of the pages that offer one."""

    q = forms.CharField(required=False, max_length=200, strip=True)
    topic = forms.SlugField(required=False, max_length=100, help_text="Topic slug.")
    side = forms.SlugField(required=False, max_length=100, help_text="Side slug.")
    claimant = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, help_text="Speaker id.")
    outlet = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                help_text="Outlet id: claims that appear in its documents.")
    kind = forms.ChoiceField(required=False, choices=[("", ""), *Topic.Kind.choices])
    verdict = forms.ChoiceField(required=False, choices=[("", ""), *Claim.Verdict.choices])
    contested = forms.TypedChoiceField(required=False, choices=[("", ""), ("true", "true"), ("false", "false")],
                                       coerce=lambda value: value == "true", empty_value=None)
    stated_after = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    stated_before = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


def matching_claims(data: dict, user=None) -> QuerySet[Claim]:
    """Return the claims `user` may read that match the download filters (cleaned DownloadForm data)."""
    filters = search.Filters(side=data["side"], kind=data["kind"], stated_after=data["stated_after"],
                             stated_before=data["stated_before"], verdict=data["verdict"])
    if data["q"]:
        claims = search.claims_matching(data["q"], user, speakers=search.speakers_matching(data["q"], user),
                                        filters=filters)
    else:
        claims = filters.apply(claims_visible(user)).order_by("pk")
    if data["topic"]:
        claims = claims.filter(topic__slug=data["topic"])
    if data["claimant"]:
        claims = claims.filter(claimant_id=data["claimant"])
    if data["outlet"]:
        claims = claims.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), document__outlet=data["outlet"])))
    if data["contested"] is not None:
        contested = Claim.objects.contested().filter(pk=OuterRef("pk"))
        claims = claims.filter(Exists(contested)) if data["contested"] else claims.exclude(Exists(contested))
    return claims


def claim_records(claims: QuerySet[Claim]) -> Iterator[dict]:
    """Yield each claim's interchange record, reading `CHUNK` claims (and their sources) at a time."""
    appearances = (
        Appearance.objects.select_related("document__outlet")
        .defer("document__text")
        .order_by("pk")
        .prefetch_related(Prefetch("document__cites", queryset=Document.objects.only("pk")))
    )
    claims = claims.select_related("topic__counted_side", "claimant", "side", "accused_side").prefetch_related(
        Prefetch("appearances", queryset=appearances)
    )
    # The body is written after the view returns, when the request's transaction is over: the rows are read in
    # one of their own, so PostgreSQL's cursor streams them (a cursor outside a transaction is kept WITH HOLD,
    # which makes the server compute every row before the first is sent), and an error leaves nothing behind.
    with transaction.atomic():
        for claim in claims.iterator(chunk_size=CHUNK):
            yield claim_record(claim)


def csv_chunks(records: Iterable[dict], columns: list[str] = COLUMNS) -> Iterator[str]:
    """Yield CSV text, cells safe in a spreadsheet (claims.spreadsheet): the header, then rows a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for n, record in enumerate(records, start=1):
        writer.writerow([csv_cell(record[column]) for column in columns])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(records: Iterable[dict]) -> Iterator[bytes]:
    """Yield JSON Lines, a chunk of lines at a time."""
    lines = []
    for record in records:
        lines.append(orjson.dumps(record))
        if len(lines) == 500:
            yield b"\n".join(lines) + b"\n"
            lines = []
    if lines:
        yield b"\n".join(lines) + b"\n"


def streamed(claims: QuerySet[Claim], fmt: str, filename: str) -> StreamingHttpResponse:
    """Return a streamed download of `claims` in `fmt` ("csv" or "jsonl")."""
    records = claim_records(claims)
    body = csv_chunks(records) if fmt == "csv" else jsonl_chunks(records)
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def download_response(params, user, fmt: str):
    """Check the filters and return the streamed download, or a 400 naming each field that cannot be read."""
    form = DownloadForm(params)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"detail": "These filters could not be used.", "errors": errors},
                            status=HTTPStatus.BAD_REQUEST)
    return streamed(matching_claims(form.cleaned_data, user), fmt, "claims")


@require_safe
def download_claims(request, fmt):
    """Stream every claim the reader may see that matches the query's filters."""
    return download_response(request.GET, reader_of(request), fmt)
