"""Check one record at a time into a row ready to write, against the topics stored and those earlier rows create."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.http import MAX_URL_LENGTH

from claims.choices import ChoiceError, DateError, read_choice, read_date
from claims.figures import MAX_VALUE, Figure, FigureError, Qualifier, parse_figure
from claims.interchange.columns import FIGURE_COLUMNS, RowError
from claims.interchange.references import TOPIC_DEFAULTS
from claims.models import Claim, Topic
from claims.spreadsheet import unescape_text
from sources.models import Actor, Document, Outlet, Side
from sources.wikidata import QID_RE, validate_qid

_TEXT_FIELDS = ("statement", "quote", "translation")
_CHOICE_FIELDS = {
    "attribution": Claim.Attribution,
    "stance": Claim.Stance,
    "verdict": Claim.Verdict,
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


# DocRef and Row are named tuples rather than dataclasses: checked rows may be pickled, from
# the checking process to the writing one (see claims.interchange.importing), and tuples pickle several times faster.


class DocRef(NamedTuple):
    """A document as a row names it; `dated` is False for via documents, which have no date column."""

    url: str | None
    title: str | None
    outlet: str | None
    published_on: datetime.date | None = None
    dated: bool = True


class Row(NamedTuple):
    """A checked row, ready to write."""

    number: int
    external_id: str | None
    topic: str
    claimant: str
    claimant_kind: str | None
    claimant_role: str
    side: str
    fields: dict[str, Any]  # claim fields the row gives; accused_side is a side name here
    source: DocRef
    via: DocRef | None
    # Wikidata ids given for the claimant, the side and the source's outlet ("" when none).
    claimant_wikidata: str = ""
    side_wikidata: str = ""
    outlet_wikidata: str = ""


@dataclass(slots=True)
class TopicPlan:
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
        self.read: dict[str, Any] = {}  # each column as `get` first read it (some are read two or three times)

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
        if column in self.read:
            return self.read[column]
        value = self.raw.get(column)
        if isinstance(value, str):
            value = value.strip()
            if not value:
                value = None
            elif "\x00" in value:
                self.error(column, "contains a NUL character")
                value = None
            elif value[0] == "'" and self.header:  # a CSV cell made safe for spreadsheets (claims.spreadsheet)
                value = unescape_text(value)
        self.read[column] = value
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
        try:
            return read_choice(choices, value, name=column)
        except ChoiceError as exc:
            self.error(column, str(exc))
            return None

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        if _DATE.fullmatch(value):  # the common case, without a call
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        try:
            return read_date(value)
        except DateError as exc:
            self.error(column, str(exc))
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

    def wikidata(self, column: str) -> str:
        value = self.text(column, 64)
        if value is None:
            return ""
        if not QID_RE.match(value):
            self.error(column, f"{value!r}: {validate_qid.message}")
            return ""
        return value

    def url(self, column: str) -> str | None:
        value = self.text(column, Document._meta.get_field("url").max_length)
        if value is None:
            return None
        if not _valid_url(value):
            self.error(column, f"not a valid URL: {value!r}")
            return None
        return value


# Plain web addresses (http or https, an ASCII host name, a path of printable ASCII): every one of them
# is a URL Django's URLValidator accepts (tests/claims/test_urls_fast.py), read with one expression.
_PLAIN_URL = re.compile(
    r"https?://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?:/[!-~]*)?", re.IGNORECASE
)


def _valid_url(value: str) -> bool:
    """Whether Django's URLValidator accepts the URL: a plain one at once, any other as Django checks it."""
    if len(value) <= MAX_URL_LENGTH and (plain := _PLAIN_URL.fullmatch(value)) and len(plain[1]) <= 253:
        return True
    return _validated_url(value)


@functools.lru_cache(maxsize=4096)
def _validated_url(value: str) -> bool:
    """Whether Django's URLValidator accepts the URL; remembered, as rows sharing a document repeat it."""
    try:
        _validate_url(value)
    except ValidationError:
        return False
    return True


def _json_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


@functools.cache
def max_length(model: type[models.Model], name: str) -> int:
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


class Checker:
    """Check rows one by one against the stored topics and the topics earlier rows will create."""

    def __init__(self, status: str | None, fmt: str):
        self.status = status
        self.header = fmt == "csv"
        self.topics: dict[str, TopicPlan] = {}
        self.stored: dict[str, TopicPlan] | None = (
            None  # every stored topic, when it may not query (see claims.interchange.importing)
        )
        self.steady: set[tuple] = set()  # a topic's settings cells that passed, with its settings then (_check_topic)

    def topic(self, name: str) -> TopicPlan:
        key = name.lower()
        if key not in self.topics:
            if self.stored is not None:
                plan = self.stored.get(key)
            else:
                stored = Topic.objects.select_related("counted_side").filter(name__iexact=name).first()
                plan = None if stored is None else _stored_plan(stored)
            self.topics[key] = plan or TopicPlan(name=name, pk=None, settings={})
        return self.topics[key]

    def check(self, number: int, raw: dict) -> tuple[Row | None, list[RowError]]:
        """Return the row ready to write, or None and every error found in it."""
        f = _Fields(number, raw, header=self.header)
        external_id = f.text("external_id", max_length(Claim, "external_id"))
        topic = f.text("topic", max_length(Topic, "name"), required=True)
        claimant = f.text("claimant", max_length(Actor, "name"), required=True)
        side = f.text("side", max_length(Side, "name"), required=True)
        claimant_kind = f.choice("claimant_kind", Actor.Kind)
        claimant_role = f.text("claimant_role", max_length(Actor, "role")) or ""
        wikidata = (f.wikidata("claimant_wikidata"), f.wikidata("side_wikidata"), f.wikidata("outlet_wikidata"))
        fields: dict[str, Any] = {"stated_on": f.date("stated_on", required=True)}
        for name in _TEXT_FIELDS:
            if f.given(name):
                fields[name] = f.text(name) or ""
        if f.given("language"):
            fields["language"] = f.text("language", max_length(Claim, "language")) or "en"
        for name, choices in _CHOICE_FIELDS.items():
            if f.given(name):
                fields[name] = f.choice(name, choices) or Claim._meta.get_field(name).default.value
        if f.given("accused_side"):
            fields["accused_side"] = f.text("accused_side", max_length(Side, "name"))
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
            Row(number, external_id, topic, claimant, claimant_kind, claimant_role, side, fields, source, via,
                *wikidata),
            [],
        )

    @staticmethod
    def _document(f: _Fields, url_column: str, title_column: str, outlet_column: str, *, dated: bool):
        url = f.url(url_column)
        title = f.text(title_column, max_length(Document, "title"))
        outlet = f.text(outlet_column, max_length(Outlet, "name"))
        published_on = f.date("published_on") if dated else None
        if url is None and title is None:
            if outlet is not None and not dated and not f.bad & {url_column, title_column}:
                f.error(title_column, f"{outlet_column} names no document: give {url_column} or {title_column}")
            return None
        return DocRef(url=url, title=title, outlet=outlet, published_on=published_on, dated=dated)

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
            return column, {"qualifier": None, "value": None, "value_max": None, "as_of": None, "figure_wording": ""}
        return column, {
            "qualifier": figure.qualifier.value,
            "value": figure.value,
            "value_max": figure.value_max,
            "as_of": as_of or stated_on,
            # The figure as printed is kept; given only as parts, its canonical wording.
            "figure_wording": " ".join(wording.split()) if parsed is not None else str(figure),
        }

    def _check_topic(self, f: _Fields, plan: TopicPlan, figure_column: str | None) -> None:
        """Check the row's topic settings against the topic's, settling those it is the first to give.

        A topic's rows mostly repeat the same cells: once cells have passed and settled nothing, the
        same cells pass again while the topic's settings stay as they were (settings are only added).
        """
        try:
            key = (plan.name, len(plan.settings), figure_column, figure_column in f.bad,
                   *(f.raw.get(column) for column in _TOPIC_SETTING_COLUMNS.values()))
            if key in self.steady:
                return
        except TypeError:  # a JSON list or object in a settings column: checked (and refused) below
            key = None
        errors = len(f.errors)
        self._check_settings(f, plan, figure_column)
        if key is not None and len(f.errors) == errors and len(plan.settings) == key[1]:
            self.steady.add(key)

    def _check_settings(self, f: _Fields, plan: TopicPlan, figure_column: str | None) -> None:
        given: dict[str, Any] = {
            "kind": f.choice("topic_kind", Topic.Kind),
            "metric": f.text("metric", max_length(Topic, "metric")),
            "counted_side": f.text("counted_side", max_length(Side, "name")),
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
    def _settle(f: _Fields, plan: TopicPlan, setting: str, value) -> None:
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


def _stored_plan(topic: Topic) -> TopicPlan:
    settings = {setting: getattr(topic, setting) for setting in TOPIC_DEFAULTS}
    settings["counted_side"] = topic.counted_side.name if topic.counted_side_id else None
    return TopicPlan(name=topic.name, pk=topic.pk, settings=settings)


def stored_plans() -> dict[str, TopicPlan]:
    return {topic.name.lower(): _stored_plan(topic) for topic in Topic.objects.select_related("counted_side")}


def _same_document(a: DocRef, b: DocRef) -> bool:
    if a.url or b.url:
        return a.url == b.url
    return (a.title or "").lower() == (b.title or "").lower() and (a.outlet or "").lower() == (b.outlet or "").lower()


class Checked(NamedTuple):
    """Rows checked and ready to write, with the plans (as settled so far) of the topics they name."""

    rows: list[Row]
    topics: dict[str, TopicPlan]
