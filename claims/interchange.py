"""Claims in and out as rows: the interchange format (DESIGN §6, §10).

One row per claim, as CSV with a header row or as JSON Lines with the same keys.

`import_claims` works in one transaction; imports take turns (on PostgreSQL an advisory lock),
so that two files naming the same new topic do not both create it. One pass reads the file,
checks every row and collects every error, touching the database only to read the topics the
rows name; the other writes the checked rows a chunk at a time (see `_Writer`) as they come,
until the first error. For a large file the checking runs in a forked process, beside the
writing, on the other core (see `_checking`). When every row is good, the flags of the topics
written are recomputed; otherwise the transaction takes back what was written and
ImportFailed lists every error of the file. Memory holds the topics (what later rows are
checked against), a chunk or two and bounded caches, so it does not grow with the file.

Matching: names compare case-insensitively; actors by (name, side); documents by URL, else
by (title, outlet, published_on). Existing sides, actors, outlets, documents and topics are
used as they are: the descriptive columns only fill in the records an import creates, and a
row that disagrees with an existing topic's settings is an error. A column the file does
not have (a CSV header without it, a JSON key left out) leaves the stored claim's value
alone on update; a column given empty sets the field empty or to its default.
"""

from __future__ import annotations

import csv
import datetime
import functools
import multiprocessing
import os
import pickle
import re
import signal
import sys
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from claims.bulk import (
    analyze,
    bulk_history,
    bulk_insert,
    bulk_insert_with_history,
    bulk_update,
    chunks,
    insert_rows,
)
from claims.contradictions import contradictions_recompute_all
from claims.figures import MAX_VALUE, Figure, FigureError, Qualifier, parse_figure
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.rules import INF, Kind, format_severity
from claims.services import claim_build, claim_bulk_create, claim_bulk_update, claim_change
from sources.models import Actor, Document, Outlet, Side

__all__ = [
    "COLUMNS",
    "CONTRADICTION_COLUMNS",
    "ImportFailed",
    "ImportResult",
    "RowError",
    "export_claims",
    "export_contradictions",
    "format_counts",
    "format_for",
    "import_claims",
    "unique_slug",
]

COLUMNS = [
    "id",
    "external_id",
    "topic",
    "topic_kind",
    "metric",
    "counted_side",
    "cumulative",
    "window_days",
    "claimant",
    "claimant_kind",
    "claimant_role",
    "side",
    "stated_on",
    "statement",
    "quote",
    "language",
    "translation",
    "attribution",
    "stance",
    "accused_side",
    "figure",
    "qualifier",
    "value",
    "value_max",
    "as_of",
    "source_url",
    "source_title",
    "outlet",
    "published_on",
    "via_url",
    "via_title",
    "via_outlet",
    "status",
    "verdict",
    "contested",
]
"""The interchange columns in export order; `id` and `contested` are written, and ignored on import."""

CONTRADICTION_COLUMNS = ["kind", "topic", "claim_a", "claim_b", "severity", "explanation", "status"]
"""The columns of `export_contradictions`; JSON Lines adds `severity_label` ("2.3×", "∞" or "")."""

REQUIRED = ("topic", "claimant", "side", "stated_on")
FIGURE_COLUMNS = ("figure", "qualifier", "value", "value_max", "as_of")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
WHOLE_ROW = "*"  # the column named by errors about a row as a whole (unreadable JSON, too many values)

_KNOWN = frozenset(COLUMNS)
_CHUNK = 2000  # rows written together: what they name is looked up in one query per kind
_PARALLEL_BYTES = 1 << 20  # files from this size (about 4,000 rows) are checked in a process of their own (Linux)
_IN_LIST = 1000  # ids per IN (...) list
_IMPORT_LOCK = 0x436C61696D73  # the PostgreSQL advisory lock that imports take in turn ("Claims")
_ANALYZE_ROWS = 10_000  # rows written from which the planner's statistics are refreshed (claims.bulk.analyze)
_WRITTEN = (Claim, Appearance, Document, Document.cites.through)  # the tables an import fills and looks up
_CACHE_SIZE = 50_000  # actors, documents and citations remembered while writing
_TEXT_FIELDS = ("statement", "quote", "translation")
_CHOICE_FIELDS = {
    "attribution": Claim.Attribution,
    "stance": Claim.Stance,
    "verdict": Claim.Verdict,
}
_TOPIC_DEFAULTS = {
    "kind": Topic.Kind.PROPOSITION.value,
    "metric": "",
    "counted_side": None,
    "cumulative": True,
    "window_days": 2,
}
_TOPIC_SETTING_COLUMNS = {
    "kind": "topic_kind",
    "metric": "metric",
    "counted_side": "counted_side",
    "cumulative": "cumulative",
    "window_days": "window_days",
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
_TRUE, _FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0"})
_validate_url = URLValidator()


# -- results and errors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in one row: CSV rows count the header as row 1; JSON Lines count the first line as row 1."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


class ImportFailed(Exception):
    """The file had bad rows; nothing was written."""

    def __init__(self, errors: Iterable[RowError]):
        self.errors = list(errors)
        shown = "; ".join(str(error) for error in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(f"{len(self.errors)} error(s), nothing imported: {shown}{more}")


@dataclass
class ImportResult:
    created: int
    updated: int
    contradictions: Counter = field(default_factory=Counter)
    """Flags by kind in the topics the import touched, after it."""


def format_counts(counts: Counter) -> str:
    """Return "3 (figure_mismatch: 2, denial: 1)": the total, then each kind found, in the order of Kind."""
    total = sum(counts.values())
    parts = [f"{kind}: {counts[kind]}" for kind in Kind.values if counts.get(kind)]
    return f"{total} ({', '.join(parts)})" if parts else str(total)


def format_for(target: str | Path | IO[str], fmt: str | None = None) -> str:
    """Return "csv" or "jsonl": `fmt` when given, else from the file name's extension."""
    if fmt is not None:
        if fmt not in ("csv", "jsonl"):
            raise ValueError(f"unknown format {fmt!r}: expected csv or jsonl")
        return fmt
    name = target if isinstance(target, str | Path) else getattr(target, "name", None)
    suffix = Path(str(name)).suffix.lower() if isinstance(name, str | Path) else ""
    if suffix not in FORMATS:
        shown = f"“{name}”" if isinstance(name, str | Path) else "this stream"
        raise ValueError(f"cannot tell the format of {shown}: name it .csv or .jsonl (JSON Lines)")
    return FORMATS[suffix]


# -- reading rows ----------------------------------------------------------------------------------------


def _missing_columns(present: set[str]) -> list[RowError]:
    errors = [RowError(1, column, "missing required column") for column in REQUIRED if column not in present]
    if "source_url" not in present and "source_title" not in present:
        errors.append(RowError(1, "source_url", "missing required column (give source_url or source_title)"))
    return errors


def _csv_records(handle: IO[str]) -> Iterator[tuple[int, dict | None, list[RowError]]]:
    """Yield (row number, values by column, errors); the header is row 1 and its errors come first."""
    reader = csv.reader(handle)
    number = 1
    try:
        header = next(reader, [])
        if header:
            header[0] = header[0].removeprefix("\ufeff")
        names: list[str | None] = []
        errors = []
        for name in (column.strip() for column in header):
            if name in names:
                errors.append(RowError(1, name, "the column appears twice"))
                names.append(None)
            elif name not in _KNOWN:
                errors.append(RowError(1, name or "(blank)", "unknown column"))
                names.append(None)
            else:
                names.append(name)
        errors += _missing_columns(set(names) - {None})
        if errors:
            yield 1, None, errors
        for number, values in enumerate(reader, start=2):  # noqa: B007 (number is read after the loop)
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                yield number, None, [RowError(number, WHOLE_ROW, f"{len(values)} values for {len(names)} columns")]
                continue
            values += [""] * (len(names) - len(values))
            yield number, {name: value for name, value in zip(names, values, strict=True) if name}, []
    except UnicodeDecodeError:  # text is decoded a block at a time: the row is not known
        yield 1, None, [RowError(1, WHOLE_ROW, "the file is not UTF-8 text")]
    except csv.Error as exc:
        yield number + 1, None, [RowError(number + 1, WHOLE_ROW, f"unreadable CSV: {exc}")]


def _jsonl_records(handle: IO[str]) -> Iterator[tuple[int, dict | None, list[RowError]]]:
    """Yield (row number, values by key, errors); the first line is row 1."""
    number = 0
    try:
        for number, line in enumerate(handle, start=1):  # noqa: B007 (number is read after the loop)
            if not line.strip():
                continue
            try:
                record = orjson.loads(line.removeprefix("\ufeff") if number == 1 else line)
            except orjson.JSONDecodeError as exc:
                yield number, None, [RowError(number, WHOLE_ROW, f"not valid JSON ({exc})")]
                continue
            if not isinstance(record, dict):
                yield number, None, [RowError(number, WHOLE_ROW, "each line must be a JSON object")]
                continue
            errors = [RowError(number, key, "unknown column") for key in record if key not in _KNOWN]
            yield number, {key: value for key, value in record.items() if key in _KNOWN}, errors
    except UnicodeDecodeError:  # text is decoded a block at a time: the row is not known
        yield 1, None, [RowError(1, WHOLE_ROW, "the file is not UTF-8 text")]


def _records(handle: IO[str], fmt: str):
    return _csv_records(handle) if fmt == "csv" else _jsonl_records(handle)


# -- checking one row ------------------------------------------------------------------------------------


# _DocRef and _Row are named tuples rather than dataclasses: checked rows may be pickled, from
# the checking process to the writing one (see _checking), and tuples pickle several times faster.


class _DocRef(NamedTuple):
    """A document as a row names it; `dated` is False for via documents, which have no date column."""

    url: str | None
    title: str | None
    outlet: str | None
    published_on: datetime.date | None = None
    dated: bool = True


class _Row(NamedTuple):
    """A checked row, ready to write."""

    number: int
    external_id: str | None
    topic: str
    claimant: str
    claimant_kind: str | None
    claimant_role: str
    side: str
    fields: dict[str, Any]  # claim fields the row gives; accused_side is a side name here
    source: _DocRef
    via: _DocRef | None


@dataclass(slots=True)
class _TopicPlan:
    """A topic as the file's rows must agree with: the stored one, or one this import will create."""

    name: str
    pk: int | None
    settings: dict[str, Any]  # counted_side is a side name
    origin: dict[str, int] = field(default_factory=dict)  # the row that settled each setting of a new topic


class _Fields:
    """Read one record's values, collecting an error per bad column."""

    def __init__(self, number: int, raw: dict, *, header: bool):
        self.number = number
        self.raw = raw
        self.header = header  # CSV: a column missing from the header was reported once, as row 1
        self.errors: list[RowError] = []
        self.bad: set[str] = set()

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, reason))
        self.bad.add(column)

    def given(self, column: str) -> bool:
        return column in self.raw

    def missing(self, column: str, reason: str) -> None:
        """Report a required value that is not there, unless its whole column is missing from a CSV header."""
        if column not in self.bad and (self.given(column) or not self.header):
            self.error(column, reason)

    def get(self, column: str):
        value = self.raw.get(column)
        if isinstance(value, str):
            value = value.strip()
            if "\x00" in value:
                self.error(column, "contains a NUL character")
                return None
            return value or None
        return value

    def text(self, column: str, max_length: int | None = None, *, required: bool = False) -> str | None:
        value = self.get(column)
        if value is None:
            if required:
                self.missing(column, "required")
            return None
        if not isinstance(value, str):
            if column == "external_id" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            else:
                self.error(column, f"expected text, got {_json_type(value)}")
                return None
        if max_length is not None and len(value) > max_length:
            self.error(column, f"longer than {max_length} characters ({len(value)})")
            return None
        return value

    def choice(self, column: str, choices: type[models.TextChoices]) -> str | None:
        value = self.text(column)
        if value is None:
            return None
        if value not in _choice_values(choices):
            self.error(column, f"unknown {column} {value!r}; expected one of {', '.join(choices.values)}")
            return None
        return value

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        if _DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(column, f"not a date: {value!r}; expected YYYY-MM-DD")
        return None

    def boolean(self, column: str) -> bool | None:
        value = self.get(column)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        self.error(column, f"not a boolean: {value!r}; expected true or false")
        return None

    def integer(self, column: str, maximum: int) -> int | None:
        value = self.get(column)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and _INTEGER.fullmatch(value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(column, f"not a whole number: {value!r}")
        elif value < 0:
            self.error(column, f"must not be negative ({value})")
        elif value > maximum:
            self.error(column, f"must not exceed {maximum:,}")
        else:
            return value
        return None

    def url(self, column: str) -> str | None:
        value = self.text(column, Document._meta.get_field("url").max_length)
        if value is None:
            return None
        if not _valid_url(value):
            self.error(column, f"not a valid URL: {value!r}")
            return None
        return value


@functools.lru_cache(maxsize=4096)
def _valid_url(value: str) -> bool:
    """Whether Django's URLValidator accepts the URL; remembered, as rows sharing a document repeat it."""
    try:
        _validate_url(value)
    except ValidationError:
        return False
    return True


@functools.cache
def _choice_values(choices: type[models.TextChoices]) -> frozenset[str]:
    # TextChoices.values builds a new list on every call; this runs for several columns of every row.
    return frozenset(choices.values)


def _json_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


@functools.cache
def _max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def _same_setting(setting: str, a, b) -> bool:
    if setting in ("metric", "counted_side") and isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


def _shown(value) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    return str(value)


class _Checker:
    """Check rows one by one against the stored topics and the topics earlier rows will create."""

    def __init__(self, status: str | None, fmt: str):
        self.status = status
        self.header = fmt == "csv"
        self.topics: dict[str, _TopicPlan] = {}
        self.stored: dict[str, _TopicPlan] | None = None  # every stored topic, when it may not query (see _checking)

    def topic(self, name: str) -> _TopicPlan:
        key = name.lower()
        if key not in self.topics:
            if self.stored is not None:
                plan = self.stored.get(key)
            else:
                stored = Topic.objects.select_related("counted_side").filter(name__iexact=name).first()
                plan = None if stored is None else _stored_plan(stored)
            self.topics[key] = plan or _TopicPlan(name=name, pk=None, settings={})
        return self.topics[key]

    def check(self, number: int, raw: dict) -> tuple[_Row | None, list[RowError]]:
        """Return the row ready to write, or None and every error found in it."""
        f = _Fields(number, raw, header=self.header)
        external_id = f.text("external_id", _max_length(Claim, "external_id"))
        topic = f.text("topic", _max_length(Topic, "name"), required=True)
        claimant = f.text("claimant", _max_length(Actor, "name"), required=True)
        side = f.text("side", _max_length(Side, "name"), required=True)
        claimant_kind = f.choice("claimant_kind", Actor.Kind)
        claimant_role = f.text("claimant_role", _max_length(Actor, "role")) or ""
        fields: dict[str, Any] = {"stated_on": f.date("stated_on", required=True)}
        for name in _TEXT_FIELDS:
            if f.given(name):
                fields[name] = f.text(name) or ""
        if f.given("language"):
            fields["language"] = f.text("language", _max_length(Claim, "language")) or "en"
        for name, choices in _CHOICE_FIELDS.items():
            if f.given(name):
                fields[name] = f.choice(name, choices) or Claim._meta.get_field(name).default
        if f.given("accused_side"):
            fields["accused_side"] = f.text("accused_side", _max_length(Side, "name"))
        if self.status is not None:
            fields["status"] = self.status
        elif f.given("status"):
            fields["status"] = f.choice("status", Claim.Status) or Claim.Status.DRAFT.value
        figure_column, figure = self._figure(f, fields["stated_on"])
        if topic is not None:
            self._check_topic(f, self.topic(topic), figure_column)
        source = self._document(f, "source_url", "source_title", "outlet", dated=True)
        via = self._document(f, "via_url", "via_title", "via_outlet", dated=False)
        source_given = f.given("source_url") or f.given("source_title") or not self.header
        if source is None and source_given and not f.bad & {"source_url", "source_title"}:
            f.error("source_url", "required (give source_url or source_title)")
        if source is not None and via is not None and _same_document(source, via):
            f.error("via_url" if via.url else "via_title", "names the source document itself")
        if f.errors:
            return None, f.errors
        if figure is not None:
            fields.update(figure)
        return (
            _Row(number, external_id, topic, claimant, claimant_kind, claimant_role, side, fields, source, via),
            [],
        )

    @staticmethod
    def _document(f: _Fields, url_column: str, title_column: str, outlet_column: str, *, dated: bool):
        url = f.url(url_column)
        title = f.text(title_column, _max_length(Document, "title"))
        outlet = f.text(outlet_column, _max_length(Outlet, "name"))
        published_on = f.date("published_on") if dated else None
        if url is None and title is None:
            if outlet is not None and not dated and not f.bad & {url_column, title_column}:
                f.error(title_column, f"{outlet_column} names no document: give {url_column} or {title_column}")
            return None
        return _DocRef(url=url, title=title, outlet=outlet, published_on=published_on, dated=dated)

    @staticmethod
    def _figure(f: _Fields, stated_on) -> tuple[str | None, dict | None]:
        """Return the column the figure came from (or None) and the figure fields (None: keep stored ones)."""
        if not any(f.given(column) for column in FIGURE_COLUMNS):
            return None, None
        wording = f.text("figure")
        parsed = None
        if wording is not None:
            try:
                parsed = parse_figure(wording)
            except FigureError as exc:
                f.error("figure", str(exc))
        qualifier = f.choice("qualifier", Qualifier)
        value = f.integer("value", MAX_VALUE)
        value_max = f.integer("value_max", MAX_VALUE)
        as_of = f.date("as_of")
        parts = None
        if qualifier is not None:
            if value is None and "value" not in f.bad:
                f.error("value", "required with a qualifier")
            if qualifier == Qualifier.BETWEEN and value_max is None and "value_max" not in f.bad:
                f.error("value_max", "required for a between figure")
            elif qualifier != Qualifier.BETWEEN and value_max is not None:
                f.error("value_max", f"only between figures have value_max, not {qualifier}")
            elif value is not None and value_max is not None and value_max < value:
                f.error("value_max", f"{value_max:,} is below value {value:,}")
            if not f.bad & {"value", "value_max"}:
                try:
                    parts = Figure(qualifier, value, value_max)
                except FigureError as exc:
                    f.error("qualifier", str(exc))
        elif (value is not None or value_max is not None) and "qualifier" not in f.bad:
            f.error("qualifier", "a value needs a qualifier (or give the figure as worded in `figure`)")
        if parsed is not None and parts is not None and parsed != parts:
            f.error("figure", f"“{wording}” reads as “{parsed}”, but qualifier, value and value_max say “{parts}”")
        figure = parts or parsed
        column = "figure" if wording is not None else "qualifier" if f.get("qualifier") is not None else None
        if column is None and as_of is not None:
            f.error("as_of", "as_of goes with a figure; this row has none")
        if figure is None:
            return column, {"qualifier": None, "value": None, "value_max": None, "as_of": None}
        return column, {
            "qualifier": figure.qualifier.value,
            "value": figure.value,
            "value_max": figure.value_max,
            "as_of": as_of or stated_on,
        }

    def _check_topic(self, f: _Fields, plan: _TopicPlan, figure_column: str | None) -> None:
        given: dict[str, Any] = {
            "kind": f.choice("topic_kind", Topic.Kind),
            "metric": f.text("metric", _max_length(Topic, "metric")),
            "counted_side": f.text("counted_side", _max_length(Side, "name")),
            "cumulative": f.boolean("cumulative"),
            "window_days": f.integer("window_days", 32767),
        }
        if given["kind"] is not None:
            self._settle(f, plan, "kind", given["kind"])
        for setting, needs in (("metric", "a metric"), ("counted_side", "a counted side"), (None, "a figure")):
            column = _TOPIC_SETTING_COLUMNS.get(setting) or figure_column
            if column is None or (setting is not None and given[setting] is None) or column in f.bad:
                continue
            if plan.settings.get("kind", Topic.Kind.FIGURE) != Topic.Kind.FIGURE:
                origin = plan.origin.get("kind", f.number)
                where = f" (row {origin})" if origin != f.number else ""
                f.error(column, f"topic “{plan.name}” is a proposition{where}; only figure topics take {needs}")
                break
            if "kind" not in plan.settings:
                plan.settings["kind"], plan.origin["kind"] = Topic.Kind.FIGURE.value, f.number
        for setting in ("metric", "counted_side", "cumulative", "window_days"):
            if given[setting] is not None and _TOPIC_SETTING_COLUMNS[setting] not in f.bad:
                self._settle(f, plan, setting, given[setting])

    @staticmethod
    def _settle(f: _Fields, plan: _TopicPlan, setting: str, value) -> None:
        column = _TOPIC_SETTING_COLUMNS[setting]
        if setting not in plan.settings:
            plan.settings[setting], plan.origin[setting] = value, f.number
        elif not _same_setting(setting, plan.settings[setting], value):
            where = f" (as row {plan.origin[setting]} says)" if setting in plan.origin else ""
            f.error(
                column,
                f"topic “{plan.name}” has {column} {_shown(plan.settings[setting])}{where};"
                f" this row says {_shown(value)}",
            )


def _stored_plan(topic: Topic) -> _TopicPlan:
    settings = {setting: getattr(topic, setting) for setting in _TOPIC_DEFAULTS}
    settings["counted_side"] = topic.counted_side.name if topic.counted_side_id else None
    return _TopicPlan(name=topic.name, pk=topic.pk, settings=settings)


def _stored_plans() -> dict[str, _TopicPlan]:
    return {topic.name.lower(): _stored_plan(topic) for topic in Topic.objects.select_related("counted_side")}


def _same_document(a: _DocRef, b: _DocRef) -> bool:
    if a.url or b.url:
        return a.url == b.url
    return (a.title or "").lower() == (b.title or "").lower() and (a.outlet or "").lower() == (b.outlet or "").lower()


# -- writing ------------------------------------------------------------------------------------------------


class _Bounded:
    """A least-recently-used map of at most `size` entries."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)


def unique_slug(model: type[models.Model], name: str, fallback: str) -> str:
    """Return a slug for the name that no stored row has."""
    return _unique_slugs(model, [name], fallback)[0]


def _unique_slugs(model: type[models.Model], names: list[str], fallback: str) -> list[str]:
    """Return a slug for each name, unique among the stored ones and each other."""
    limit = model._meta.get_field("slug").max_length
    bases = [slugify(name)[:limit].strip("-") or fallback for name in names]
    taken = set(model.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, n = base, 1
        while slug in taken or (n > 1 and model.objects.filter(slug=slug).exists()):
            n += 1
            suffix = f"-{n}"
            slug = base[: limit - len(suffix)].rstrip("-") + suffix
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _row_errors(number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(number, WHOLE_ROW, message) for message in exc.messages]
    return [
        RowError(number, name if name in _KNOWN else WHOLE_ROW, message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


class _Writer:
    """Write checked rows a chunk at a time, finding or creating what they name.

    What a chunk names (topics, actors, documents, citations, the claims its external_ids
    match) is looked up, and what is missing created, with a few queries for the whole
    chunk. New claims go through claim_build and claim_bulk_create, changed ones through
    claim_change and claim_bulk_update: the checks of claim_create and claim_update, and
    a history record each, without a query per row.
    """

    def __init__(self, user):
        self.plans: dict[str, _TopicPlan] = {}
        self.user = user if user is not None and user.is_authenticated else None
        self.topics: dict[str, Topic] = {}
        self.created_topics: dict[str, tuple] = {}  # the new topics' settings as written when created, by key
        self.sides: dict[str, int] = {}
        self.outlets: dict[str, int] = {}
        self.actors = _Bounded(_CACHE_SIZE)
        self.documents = _Bounded(_CACHE_SIZE)
        self.citations = _Bounded(_CACHE_SIZE)
        self.touched: set[int] = set()
        self.created = self.updated = 0
        self.row = 1  # the first row of the chunk being written

    def write(self, checked: _Checked) -> None:
        """Write the rows; a row repeating an external_id of its chunk waits until the rows before it are written."""
        self.plans.update(checked.topics)
        for key, plan in checked.topics.items():
            if key in self.created_topics:  # later rows may have settled more of a new topic's settings
                self._configure(self.topics[key], plan)
        rows = checked.rows
        segment: list[_Row] = []
        pending: set[str] = set()
        for row in rows:
            if row.external_id in pending:
                self._write(segment)
                segment, pending = [], set()
            segment.append(row)
            if row.external_id:
                pending.add(row.external_id)
        if segment:
            self._write(segment)

    def _write(self, rows: list[_Row]) -> None:
        known: dict[str, Claim] = {}
        ids = [row.external_id for row in rows if row.external_id]
        if ids:  # locked, as claim_update locks the claim it changes
            stored = Claim.objects.select_for_update(of=("self",)).select_related("topic").filter(external_id__in=ids)
            known = {claim.external_id: claim for claim in stored}
        self._topics(rows)
        actors = self._actors(rows)
        documents = self._documents(rows)
        written: list[tuple[Claim, _Row, bool]] = []
        changed: list[Claim] = []
        for row in rows:
            claim = known.get(row.external_id) if row.external_id else None
            try:
                values = self._values(row, actors)
                if claim is None:
                    if row.external_id:
                        values["external_id"] = row.external_id
                    claim = claim_build(user=self.user, fields_checked=True, **values)
                else:
                    self.touched.add(claim.topic_id)
                    changes = _changes(claim, values)
                    if changes:
                        changed.append(claim_change(claim=claim, user=self.user, **changes))
            except ValidationError as exc:
                raise ImportFailed(_row_errors(row.number, exc)) from exc
            written.append((claim, row, claim.pk is None))
        new = [claim for claim, _, created in written if created]
        if new:
            claim_bulk_create(claims=new)
        if changed:
            claim_bulk_update(claims=changed)
        self.created += len(new)
        self.updated += len(written) - len(new)
        self.touched.update(claim.topic_id for claim, _, _ in written)
        self._cite(rows, documents)
        self._appear(written, documents)

    def _values(self, row: _Row, actors: dict) -> dict[str, Any]:
        side_id = self.side(row.side)
        values = {
            "topic": self.topic(row.topic),
            "claimant_id": actors[(row.claimant.lower(), side_id)],
            "side_id": side_id,
            **row.fields,
        }
        if "accused_side" in values:
            accused = values.pop("accused_side")
            values["accused_side_id"] = self.side(accused) if accused else None
        return values

    def _appear(self, written: list[tuple[Claim, _Row, bool]], documents: dict) -> None:
        """Give each claim its appearances: the via document primary, the source a report (else primary)."""
        stored = [claim.pk for claim, _, created in written if not created]
        have: dict[tuple[int, int], str] = {}
        for chunk in chunks(stored, _IN_LIST):
            appearances = Appearance.objects.filter(claim_id__in=chunk).values_list("claim_id", "document_id", "role")
            have.update(((claim_id, document_id), role) for claim_id, document_id, role in appearances)
        new: list[tuple[int, int, str, str]] = []  # claim_id, document_id, role, quote
        for claim, row, _ in written:
            source_id = documents[_document_key(row.source, self.outlet)]
            if row.via is None:
                wanted = {source_id: Appearance.Role.PRIMARY}
            else:
                via_id = documents[_document_key(row.via, self.outlet)]
                wanted = {via_id: Appearance.Role.PRIMARY, source_id: Appearance.Role.REPORT}
            for document_id, role in wanted.items():
                current = have.get((claim.pk, document_id))
                if current is None:
                    new.append((claim.pk, document_id, role, ""))
                    have[claim.pk, document_id] = role
                elif current != role:
                    Appearance.objects.filter(claim=claim, document_id=document_id).update(role=role)
        insert_rows(Appearance, ["claim_id", "document_id", "role", "quote"], new)

    def _cite(self, rows: list[_Row], documents: dict) -> None:
        """Record that each source document relays its via document (Document.cites)."""
        pairs = {
            (documents[_document_key(row.source, self.outlet)], documents[_document_key(row.via, self.outlet)])
            for row in rows
            if row.via is not None
        }
        pairs = {pair for pair in pairs if self.citations.get(pair) is None}
        if not pairs:
            return
        through = Document.cites.through
        stored = set(
            through.objects.filter(
                from_document_id__in={source for source, _ in pairs}, to_document_id__in={via for _, via in pairs}
            ).values_list("from_document_id", "to_document_id")
        )
        insert_rows(through, ["from_document_id", "to_document_id"], sorted(pairs - stored))
        for pair in pairs:
            self.citations.put(pair, True)

    def _actors(self, rows: list[_Row]) -> dict[tuple[str, int], int]:
        """Return the actors the rows name, by (lower-case name, side id): remembered, stored or created now."""
        found: dict[tuple[str, int], int] = {}
        missing: dict[tuple[str, int], _Row] = {}
        for row in rows:
            key = (row.claimant.lower(), self.side(row.side))
            if key in found or key in missing:
                continue
            pk = self.actors.get(key)
            if pk is None:
                missing[key] = row
            else:
                found[key] = pk
        if not missing:
            return found
        stored = (
            Actor.objects.annotate(name_ci=Lower("name"))
            .filter(name_ci__in={name for name, _ in missing}, side_id__in={side for _, side in missing})
            .values_list("name", "side_id", "pk")
        )
        for name, side_id, pk in stored:
            if missing.pop((name.lower(), side_id), None) is not None:
                found[name.lower(), side_id] = pk
                self.actors.put((name.lower(), side_id), pk)
        created = bulk_insert(
            Actor,
            [
                Actor(
                    name=row.claimant,
                    side_id=side_id,
                    kind=row.claimant_kind or Actor.Kind.PERSON,
                    role=row.claimant_role,
                )
                for (_, side_id), row in missing.items()
            ],
        )
        for key, actor in zip(missing, created, strict=True):
            found[key] = actor.pk
            self.actors.put(key, actor.pk)
        return found

    def _documents(self, rows: list[_Row]) -> dict[tuple, int]:
        """Return the documents the rows name, by `_document_key`: remembered, stored or created now.

        Documents known by URL are settled first, so that a title-only row finds a document that
        a row of the same chunk names by URL and title, as it would if an earlier chunk had created it.
        """
        refs: dict[tuple, _DocRef] = {}
        for row in rows:
            for ref in (row.source, row.via):
                if ref is not None:
                    refs.setdefault(_document_key(ref, self.outlet), ref)
                    if ref.outlet:
                        self.outlet(ref.outlet)  # an outlet a row names exists after the import, as it says
        found: dict[tuple, int] = {}
        missing: dict[tuple, _DocRef] = {}
        for key, ref in refs.items():
            pk = self.documents.get(key)
            if pk is None:
                missing[key] = ref
            else:
                found[key] = pk
        by_url = {key: ref for key, ref in missing.items() if ref.url}
        if by_url:
            keys = {ref.url: key for key, ref in by_url.items()}
            for url, pk in Document.objects.filter(url__in=keys).values_list("url", "pk"):
                found[keys[url]] = pk
            self._create_documents({key: ref for key, ref in by_url.items() if key not in found}, found)
        by_title = {key: ref for key, ref in missing.items() if not ref.url}
        if by_title:
            outlets = {key[2] for key in by_title}
            in_outlets = Q(outlet_id__in=outlets - {None})
            if None in outlets:
                in_outlets |= Q(outlet__isnull=True)
            stored = (
                Document.objects.annotate(title_ci=Lower("title"))
                .filter(in_outlets, title_ci__in={key[1] for key in by_title})
                .order_by("pk")
                .values_list("title", "outlet_id", "published_on", "pk")
            )
            for title, outlet_id, published_on, pk in stored:
                for key in (
                    ("title", title.lower(), outlet_id, True, published_on),
                    ("title", title.lower(), outlet_id, False, None),
                ):
                    if key in by_title:
                        found.setdefault(key, pk)
            self._create_documents({key: ref for key, ref in by_title.items() if key not in found}, found)
        for key in missing:
            self.documents.put(key, found[key])
        return found

    def _create_documents(self, refs: dict[tuple, _DocRef], found: dict[tuple, int]) -> None:
        if not refs:
            return
        limit = _max_length(Document, "title")
        documents = [
            Document(
                title=ref.title or ref.url[:limit],
                url=ref.url,
                outlet_id=self.outlet(ref.outlet) if ref.outlet else None,
                published_on=ref.published_on,
            )
            for ref in refs.values()
        ]
        created = bulk_insert_with_history(Document, documents, user=self.user)
        for key, document in zip(refs, created, strict=True):
            found[key] = document.pk

    def _topics(self, rows: list[_Row]) -> None:
        """Fetch the stored topics the rows name and create the new ones, a query or two for the whole chunk."""
        keys = dict.fromkeys(row.topic.lower() for row in rows)  # in the order of the rows, as pks are handed out
        plans = {key: self.plans[key] for key in keys if key not in self.topics}
        if not plans:
            return
        stored = {plan.pk: key for key, plan in plans.items() if plan.pk}
        for topic in Topic.objects.filter(pk__in=stored):
            self.topics[stored[topic.pk]] = topic
        new = {key: plan for key, plan in plans.items() if key not in self.topics}
        slugs = _unique_slugs(Topic, [plan.name for plan in new.values()], "topic")
        for (key, plan), slug in zip(new.items(), slugs, strict=True):
            topic = Topic(name=plan.name, slug=slug)
            self._configure(topic, plan)
            self.topics[key] = topic
        # Their history records wait for settle_topics, which knows every setting the file gives them.
        bulk_insert(Topic, [self.topics[key] for key in new])
        for key in new:
            self.created_topics[key] = _settings_of(self.topics[key])

    def _configure(self, topic: Topic, plan: _TopicPlan) -> None:
        """Give a topic this import creates its plan's settings, the defaults where the rows so far settle none."""
        settings = {**_TOPIC_DEFAULTS, **plan.settings}
        counted = settings.pop("counted_side")
        for setting, value in settings.items():
            setattr(topic, setting, value)
        topic.counted_side_id = self.side(counted) if counted else None

    def settle_topics(self, plans: dict[str, _TopicPlan]) -> None:
        """Write the settings the whole file gives the topics this import created, and their history records.

        A topic is created when a row first names it, with the settings the rows checked so far
        agree on; a later row may settle another (a metric, the kind). What the rows settle is
        final (the checker refuses a row that disagrees), so this only fills in what was open.
        """
        topics, changed = [], []
        for key, written in self.created_topics.items():
            topic = self.topics[key]
            self._configure(topic, plans[key])
            # The checker made sure the name is new; the database's unique constraints hold the line.
            topic.full_clean(exclude=["counted_side"], validate_unique=False, validate_constraints=False)
            topics.append(topic)
            if _settings_of(topic) != written:
                changed.append(topic)
        bulk_update(Topic, changed, [*_TOPIC_DEFAULTS])
        bulk_history(Topic, topics, history_type="+", user=self.user)

    def topic(self, name: str) -> Topic:
        return self.topics[name.lower()]

    def side(self, name: str) -> int:
        key = name.lower()
        if key not in self.sides:
            pk = Side.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
            if pk is None:
                pk = Side.objects.create(name=name, slug=unique_slug(Side, name, "side")).pk
            self.sides[key] = pk
        return self.sides[key]

    def outlet(self, name: str) -> int:
        key = name.lower()
        if key not in self.outlets:
            pk = Outlet.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
            self.outlets[key] = pk if pk is not None else Outlet.objects.create(name=name).pk
        return self.outlets[key]


def _settings_of(topic: Topic) -> tuple:
    return tuple(getattr(topic, field.attname) for field in map(Topic._meta.get_field, _TOPIC_DEFAULTS))


def _document_key(ref: _DocRef, outlet: Callable[[str], int]) -> tuple:
    """Return how a row's document is matched: by URL, else by (title, outlet, published_on) ignoring case."""
    if ref.url:
        return ("url", ref.url)
    return ("title", ref.title.lower(), outlet(ref.outlet) if ref.outlet else None, ref.dated, ref.published_on)


def _changes(claim: Claim, values: dict) -> dict:
    """Return the values that differ from the stored claim; figure fields go together, as the services want."""
    changes = {}
    for name, value in values.items():
        current = claim.topic_id if name == "topic" else getattr(claim, name)
        if (value.pk if name == "topic" else value) != current:
            changes[name] = value
    if "qualifier" in values and ("stated_on" in changes or changes.keys() & set(FIGURE_COLUMNS)):
        changes.update({name: values[name] for name in ("qualifier", "value", "value_max", "as_of")})
    return changes


def _opened(source: str | Path | IO[str]):
    if isinstance(source, str | Path):
        return open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed by the caller's with)
    return nullcontext(source)


class _Checked(NamedTuple):
    """Rows checked and ready to write, with the plans (as settled so far) of the topics they name."""

    rows: list[_Row]
    topics: dict[str, _TopicPlan]


class _Done(NamedTuple):
    """The end of the checking pass: every error in the file, and every topic's plan, settled."""

    errors: list[RowError]
    topics: dict[str, _TopicPlan]


class _Failed(NamedTuple):
    """The checking process stopped on an exception, sent here to be raised by the importing one."""

    exception: BaseException


def _check_rows(checker: _Checker, handle: IO[str], fmt: str) -> Iterator[_Checked | _Done]:
    """Check every row; yield the checked rows a chunk at a time until the first error, then _Done."""
    errors: list[RowError] = []
    chunk: list[_Row] = []
    for number, raw, record_errors in _records(handle, fmt):
        errors += record_errors
        if raw is not None:
            row, row_errors = checker.check(number, raw)
            errors += row_errors
            if not errors:
                chunk.append(row)
        if len(chunk) == _CHUNK:
            yield _checked(checker, chunk)
            chunk = []
    if chunk and not errors:
        yield _checked(checker, chunk)
    yield _Done(errors, checker.topics)


def _checked(checker: _Checker, rows: list[_Row]) -> _Checked:
    keys = {row.topic.lower() for row in rows}
    return _Checked(rows, {key: checker.topics[key] for key in keys})


@contextmanager
def _checking(checker: _Checker, source: str | Path | IO[str], fmt: str, parallel: bool | None):
    """Open the source; yield its rows checked, as `_check_rows` yields them, here or in a forked process.

    In a process of its own the checking pass runs beside the writing one, on the other core,
    a chunk ahead of it. It gets the stored topics up front (it cannot use this process's
    database connection, which is in the middle of the import's transaction) and sends what it
    yields through a pipe; it reads the file and writes to the pipe, and nothing else. Forking
    (rather than starting a fresh interpreter, a second's work) keeps it worth doing from a few
    thousand rows: `parallel=None` forks for a file on disk of `_PARALLEL_BYTES` or more on
    Linux (macOS can fork, but its system libraries are not safe to use in a forked child, and
    Windows cannot). Uploads (open streams) and small files are checked here.
    """
    with _opened(source) as handle:
        if parallel is None:
            parallel = (
                isinstance(source, str | Path)
                and os.fstat(handle.fileno()).st_size >= _PARALLEL_BYTES
                and sys.platform == "linux"
            )
        if not parallel:
            yield _check_rows(checker, handle, fmt)
            return
        checker.stored = _stored_plans()
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_check_and_send, args=(checker, handle, fmt, sender), daemon=True)
        child.start()
        sender.close()
        try:
            yield _received(receiver, child)
        finally:
            receiver.close()
            if child.is_alive():  # the import stopped early (a row the database refused, say)
                child.terminate()
            child.join()


def _check_and_send(checker: _Checker, handle: IO[str], fmt: str, sender) -> None:
    """The checking process: it must not touch the database connection it inherited (see _checking)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle: it ends this one
    try:
        for item in _check_rows(checker, handle, fmt):
            sender.send(item)
    except BrokenPipeError:
        pass  # the importing process is gone: nobody to tell
    except Exception as exc:  # noqa: BLE001 (every failure goes to the importing process, to be raised there)
        try:
            sender.send(_Failed(exc))
        except (pickle.PicklingError, TypeError, AttributeError):  # an exception that cannot be pickled
            sender.send(_Failed(RuntimeError(f"checking the file failed: {exc!r}")))
    finally:
        sender.close()


def _received(receiver, child) -> Iterator[_Checked | _Done]:
    while True:
        try:
            item = receiver.recv()
        except EOFError:
            child.join()
            raise RuntimeError(f"the process checking the file stopped (exit code {child.exitcode})") from None
        if isinstance(item, _Failed):
            raise item.exception
        yield item
        if isinstance(item, _Done):
            return


def import_claims(
    source: str | Path | IO[str],
    *,
    fmt: str | None = None,
    status: str | None = None,
    user=None,
    progress: Callable[[int], None] | None = None,
    parallel: bool | None = None,
) -> ImportResult:
    """Import a CSV or JSON Lines file of claims: every row, or none and ImportFailed listing every bad row.

    `source` is a path or an open text file. `status` overrides each row's status.
    `progress(n)` is called as rows are written, with the number written since the last call.
    `parallel` checks the rows in a forked process beside the writing (None: for large files; see `_checking`).
    """
    fmt = format_for(source, fmt)
    if status is not None and status not in Claim.Status.values:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(Claim.Status.values)}")
    checker = _Checker(status, fmt)
    writer = _Writer(user)
    try:
        with transaction.atomic():
            _one_import_at_a_time()
            with _checking(checker, source, fmt, parallel) as checked:
                done = _write_all(writer, checked, progress)
            if done.errors:
                raise ImportFailed(done.errors)
            writer.settle_topics(done.topics)
            counts = contradictions_recompute_all(topics=writer.touched)
            if writer.created + writer.updated >= _ANALYZE_ROWS:
                analyze(Contradiction)
    except IntegrityError as exc:
        # Something else wrote the same names or ids meanwhile (an edit in the admin, say): the
        # database refused the duplicate, and the transaction took every row of the file back.
        refusal = str(exc).splitlines()[0]
        reason = f"the database changed while this file was written ({refusal}); nothing was imported: try again"
        raise ImportFailed([RowError(writer.row, WHOLE_ROW, reason)]) from exc
    return ImportResult(created=writer.created, updated=writer.updated, contradictions=counts)


def _write_all(writer: _Writer, checked: Iterator[_Checked | _Done], progress) -> _Done:
    """Write the chunks as they are checked; return the end of the checking pass, with every error of the file.

    A row the writer refuses stops the writing, not the checking: the errors of the rows
    after it are still found and reported with it (the caller's transaction undoes the rest).
    """
    refused: list[RowError] = []
    analyzed = 0  # rows written when the planner's statistics were last refreshed
    for item in checked:
        if isinstance(item, _Done):
            written = writer.created + writer.updated
            if not (refused or item.errors) and written >= _ANALYZE_ROWS and written > analyzed:
                analyze(*_WRITTEN)  # for the recompute's queries
            if refused:  # the refused row's errors go in among the checker's, which are in file order
                return item._replace(errors=sorted(refused + item.errors, key=lambda error: error.row))
            return item
        if refused:
            continue
        writer.row = item.rows[0].number
        try:
            writer.write(item)
        except ImportFailed as exc:
            refused = exc.errors
            continue
        if progress is not None:
            progress(len(item.rows))
        written = writer.created + writer.updated
        if written >= max(_ANALYZE_ROWS, 4 * analyzed):
            # The chunks' look-ups are planned from these statistics: refreshed as the tables
            # grow fourfold, the planner keeps to the indexes rather than scanning tables it
            # still believes small (at a million rows, scans read a hundred million rows of
            # documents). Refreshing at every doubling planned no better and cost more.
            analyze(*_WRITTEN)
            analyzed = written
    raise AssertionError("the checking pass ended without _Done")  # _check_rows always ends with it


def _one_import_at_a_time() -> None:
    """Wait until any other import has committed (PostgreSQL; SQLite has one writer at a time anyway).

    Two imports of overlapping files would otherwise both check that a topic, an actor or a
    document is new, and both create it. Waiting here, before the rows are checked, the second
    import checks against what the first one wrote. The lock is released with the transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_IMPORT_LOCK])


# -- exporting ------------------------------------------------------------------------------------------


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
        "side": claim.side.name,
        "stated_on": claim.stated_on,
        "statement": claim.statement,
        "quote": claim.quote,
        "language": claim.language,
        "translation": claim.translation,
        "attribution": claim.attribution,
        "stance": claim.stance,
        "accused_side": claim.accused_side.name if claim.accused_side_id else None,
        "figure": claim.figure_text or None,
        "qualifier": claim.qualifier,
        "value": claim.value,
        "value_max": claim.value_max,
        "as_of": claim.as_of,
        "source_url": source.url if source else None,
        "source_title": source.title if source else None,
        "outlet": source.outlet.name if source and source.outlet_id else None,
        "published_on": source.published_on if source else None,
        "via_url": via.url if via else None,
        "via_title": via.title if via else None,
        "via_outlet": via.outlet.name if via and via.outlet_id else None,
        "status": claim.status,
        "verdict": claim.verdict,
        "contested": claim.contested,
    }


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


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
                writer.writerow([_csv_cell(record[column]) for column in columns])
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
        if fmt == "csv":
            out["severity"] = "" if severity is None else "inf" if severity == INF else repr(severity)
        else:
            out["severity"] = None if severity == INF else severity
            out["severity_label"] = format_severity(severity)
        yield out


def export_contradictions(dest: str | Path | IO[str], *, fmt: str | None = None) -> int:
    """Write every flag: kind, topic slug, both claims' external_ids, severity, explanation, status."""
    fmt = format_for(dest, fmt)
    return _write(dest, fmt, CONTRADICTION_COLUMNS, _contradiction_records(fmt))
