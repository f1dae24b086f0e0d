"""Write claims and contradictions in the interchange format (DESIGN §6, §7)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import orjson
from django.db.models import Prefetch

from claims.interchange.columns import COLUMNS, CONTRADICTION_COLUMNS, format_for
from claims.models import Appearance, Claim, Contradiction
from claims.rules import INF, format_severity
from claims.spreadsheet import csv_cell
from sources.models import Document


def _source_and_via(claim: Claim) -> tuple[Document | None, Document | None]:
    """Pick the row's source and via: a report relaying a primary document, else the first primary, else a report."""
    appearances = list(claim.appearances.all())
    primaries = [a.document for a in appearances if a.role == Appearance.Role.PRIMARY]
    reports = [a.document for a in appearances if a.role == Appearance.Role.REPORT]
    for report in reports:
        cited = {document.pk for document in report.cites.all()}
        for primary in primaries:
            if primary.pk in cited:
                return report, primary
    if primaries:
        return primaries[0], None
    return (reports[0] if reports else None), None


def _claim_record(claim: Claim) -> dict[str, Any]:
    topic = claim.topic
    source, via = _source_and_via(claim)
    return {
        "id": claim.pk,
        "external_id": claim.external_id,
        "topic": topic.name,
        "topic_kind": topic.kind,
        "metric": topic.metric,
        "counted_side": topic.counted_side.name if topic.counted_side_id else None,
        "cumulative": topic.cumulative,
        "window_days": topic.window_days,
        "claimant": claim.claimant.name,
        "claimant_kind": claim.claimant.kind,
        "claimant_role": claim.claimant.role,
        "claimant_wikidata": claim.claimant.wikidata,
        "side": claim.side.name,
        "side_wikidata": claim.side.wikidata,
        "stated_on": claim.stated_on,
        "statement": claim.statement,
        "quote": claim.quote,
        "language": claim.language,
        "translation": claim.translation,
        "attribution": claim.attribution,
        "stance": claim.stance,
        "accused_side": claim.accused_side.name if claim.accused_side_id else None,
        "figure": claim.figure_as_worded or None,  # as printed; qualifier, value and value_max are its reading
        "qualifier": claim.qualifier,
        "value": claim.value,
        "value_max": claim.value_max,
        "as_of": claim.as_of,
        "source_url": source.url if source else None,
        "source_title": source.title if source else None,
        "outlet": source.outlet.name if source and source.outlet_id else None,
        "outlet_wikidata": source.outlet.wikidata if source and source.outlet_id else None,
        "published_on": source.published_on if source else None,
        "via_url": via.url if via else None,
        "via_title": via.title if via else None,
        "via_outlet": via.outlet.name if via and via.outlet_id else None,
        "status": claim.status,
        "verdict": claim.verdict,
        "contested": claim.contested,
    }


def _write(dest: str | Path | IO[str], fmt: str, columns: list[str], records: Iterable[dict]) -> int:
    with ExitStack() as stack:
        if isinstance(dest, str | Path):
            handle = stack.enter_context(open(dest, "w", encoding="utf-8", newline=""))  # noqa: SIM115
        else:
            handle = dest
        count = 0
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(columns)
            for count, record in enumerate(records, start=1):  # noqa: B007 (count is the result)
                writer.writerow([csv_cell(record[column]) for column in columns])
        else:
            for count, record in enumerate(records, start=1):  # noqa: B007
                handle.write(orjson.dumps(record).decode() + "\n")
    return count


def export_claims(dest: str | Path | IO[str], *, fmt: str | None = None, claims=None) -> int:
    """Write claims (all, or the given queryset) in the interchange format; return the number of rows."""
    fmt = format_for(dest, fmt)
    claims = Claim.objects.all() if claims is None else claims
    if not claims.query.order_by:
        claims = claims.order_by("pk")
    appearances = (
        Appearance.objects.select_related("document__outlet")
        .order_by("pk")
        .prefetch_related(Prefetch("document__cites", queryset=Document.objects.only("pk")))
    )
    claims = claims.select_related("topic__counted_side", "claimant", "side", "accused_side").prefetch_related(
        Prefetch("appearances", queryset=appearances)
    )
    return _write(dest, fmt, COLUMNS, (_claim_record(claim) for claim in claims.iterator(chunk_size=2000)))


def _contradiction_records(fmt: str) -> Iterator[dict]:
    rows = Contradiction.objects.order_by("topic__slug", "claim_a__external_id", "claim_b__external_id", "pk")
    for record in rows.values(
        "kind",
        "topic__slug",
        "claim_a__external_id",
        "claim_b__external_id",
        "severity",
        "explanation",
        "status",
    ).iterator(chunk_size=2000):
        severity = record["severity"]
        out = {
            "kind": record["kind"],
            "topic": record["topic__slug"],
            "claim_a": record["claim_a__external_id"],
            "claim_b": record["claim_b__external_id"],
            "severity": severity,
            "explanation": record["explanation"],
            "status": record["status"],
        }
        if fmt == "jsonl":  # CSV keeps the number: csv_cell writes infinity as "inf"
            out["severity"] = None if severity == INF else severity
            out["severity_label"] = format_severity(severity)
        yield out


def export_contradictions(dest: str | Path | IO[str], *, fmt: str | None = None) -> int:
    """Write every flag: kind, topic slug, both claims' external_ids, severity, explanation, status."""
    fmt = format_for(dest, fmt)
    return _write(dest, fmt, CONTRADICTION_COLUMNS, _contradiction_records(fmt))
