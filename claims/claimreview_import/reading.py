"""Read ClaimReview markup as published into plain records, surviving the mess real pages carry.

Pure functions over bytes and JSON values: no ORM, so the shapes can be tested by the hundred.
A document is one of: a single ClaimReview; an array or `@graph` of nodes; a schema.org
DataFeed (`dataFeedElement`, each a ClaimReview or a DataFeedItem whose `item` holds them); a
Fact Check Tools API `claims:search` response (`claims[].claimReview[]`); or an HTML page whose
`<script type="application/ld+json">` blocks hold any of those.
"""

import datetime
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Deeper than any real markup; stops a hostile nesting from costing recursion.
MAX_DEPTH = 32
MAX_TEXT = 5000
_CUT_TAG = re.compile(r"<[A-Za-z/!][^>]*$")
WIKIDATA_SAME_AS = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)$")


class Unreadable(ValueError):
    """The document as a whole cannot be read: nothing from it is imported."""


@dataclass(frozen=True)
class Work:
    """A document where the claim appeared (schema.org appearance / firstAppearance)."""

    url: str
    title: str = ""
    published_on: datetime.date | None = None
    outlet: str = ""


@dataclass
class Review:
    """One ClaimReview as published, flattened; `where` says where it sat in the document."""

    where: str
    claim_text: str = ""
    claimant: str = ""
    claimant_type: str = ""
    claimant_role: str = ""
    claimant_wikidata: str = ""
    claim_date: datetime.date | None = None
    url: str = ""
    title: str = ""
    publisher: str = ""
    publisher_url: str = ""
    review_date: datetime.date | None = None
    textual_rating: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    language: str = ""
    first_appearance: Work | None = None
    appearances: list[Work] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    where: str
    reason: str

    def __str__(self):
        return f"{self.where}: {self.reason}"


@dataclass
class Reading:
    reviews: list[Review] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# -- text ---------------------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def plain_text(value) -> str:
    """Return a value as one line of text: tags stripped, entities decoded, spaces collapsed."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return plain_text(next((v for v in value if plain_text(v)), ""))
    if isinstance(value, dict):
        return plain_text(value.get("@value") or value.get("name") or "")
    text = str(value)
    if "<" in text or "&" in text:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = html.unescape("".join(parser.parts))
        text = _CUT_TAG.sub("", text)  # a tag cut off at the end (real API ratings end mid-link)
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(text.split())[:MAX_TEXT]


def _url(value) -> str:
    """Return an http(s) URL from a string, an object's url/@id, or the first of a list; else ''."""
    if isinstance(value, list):
        return next((u for u in map(_url, value) if u), "")
    if isinstance(value, dict):
        return _url(value.get("url") or value.get("@id") or "")
    text = plain_text(value)
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc and " " not in text else ""


def read_date(value) -> datetime.date | None:
    """Return the date an ISO date or datetime gives (its own day, whatever the offset), else None."""
    text = plain_text(value)
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if match:
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            return None
    for pattern in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_number(value) -> float | None:
    """Return a rating number given as a number or a numeric string ("4", "0.5", "1,5"), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = plain_text(value).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    return number if number == number and abs(number) != float("inf") else None


def _types(node: dict) -> set[str]:
    value = node.get("@type", ())
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _first_object(value):
    """Return the first dict of a value that may be a dict, a list of them, or a string."""
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, dict)), next((v for v in value if isinstance(v, str)), None))
    return value


# -- one review ---------------------------------------------------------------------------------


def _work(value, notes: list[str]) -> Work | None:
    node = _first_object(value)
    if node is None:
        return None
    url = _url(node)
    if not url:
        notes.append("an appearance without an http(s) URL was left out")
        return None
    if not isinstance(node, dict):
        return Work(url=url)
    outlet = node.get("publisher") or node.get("author")
    return Work(
        url=url,
        title=plain_text(node.get("headline") or node.get("name"))[:500],
        published_on=read_date(node.get("datePublished")),
        outlet=plain_text(outlet)[:200] if isinstance(_first_object(outlet), dict) else "",
    )


def _works(value, notes: list[str]) -> list[Work]:
    values = value if isinstance(value, list) else [value] if value else []
    return [work for work in (_work(v, notes) for v in values) if work is not None]


def _claimant(review: Review, author) -> None:
    node = _first_object(author)
    if isinstance(node, dict):
        review.claimant = plain_text(node.get("name"))
        types = _types(node)
        review.claimant_type = next(iter(sorted(types)), "")
        review.claimant_role = plain_text(node.get("jobTitle") or node.get("title"))[:200]
        same_as = node.get("sameAs") or []
        for link in same_as if isinstance(same_as, list) else [same_as]:
            match = WIKIDATA_SAME_AS.match(plain_text(link))
            if match:
                review.claimant_wikidata = match.group(1)
                break
    elif node is not None:
        review.claimant = plain_text(node)


def _rating(review: Review, rating) -> None:
    node = _first_object(rating)
    if isinstance(node, dict):
        review.textual_rating = plain_text(node.get("alternateName") or node.get("name"))
        review.rating_value = read_number(node.get("ratingValue"))
        review.best_rating = read_number(node.get("bestRating"))
        review.worst_rating = read_number(node.get("worstRating"))
        if node.get("ratingValue") not in (None, "") and review.rating_value is None:
            review.notes.append(f"ratingValue {plain_text(node.get('ratingValue'))!r} is not a number; left out")
    elif node is not None:
        review.textual_rating = plain_text(node)


def review_from_markup(node: dict, where: str) -> Review:
    """Flatten one ClaimReview node, tolerating strings where objects belong and lists where one is."""
    review = Review(where=where)
    review.claim_text = plain_text(node.get("claimReviewed"))
    review.url = _url(node.get("url")) or _url(node.get("@id"))
    review.title = plain_text(node.get("headline") or node.get("name"))[:500]
    publisher = _first_object(node.get("author")) or _first_object(node.get("publisher"))
    review.publisher = plain_text(publisher)[:200]
    review.publisher_url = _url(publisher) if isinstance(publisher, dict) else ""
    if not review.publisher and review.publisher_url:  # an author given by its address alone
        review.publisher = urlsplit(review.publisher_url).netloc[:200]
    review.review_date = read_date(node.get("datePublished") or node.get("dateCreated"))
    review.language = plain_text(node.get("inLanguage"))[:20]
    _rating(review, node.get("reviewRating"))
    item = _first_object(node.get("itemReviewed"))
    if isinstance(item, dict):
        _claimant(review, item.get("author") or item.get("creator"))
        review.claim_date = read_date(item.get("datePublished") or item.get("dateCreated"))
        review.first_appearance = _work(item.get("firstAppearance"), review.notes)
        review.appearances = _works(item.get("appearance"), review.notes)
        if "Claim" not in _types(item) and _url(item):  # an older shape: the item is the work itself
            review.appearances.append(_work(item, review.notes))
        if not review.claim_text:
            review.claim_text = plain_text(item.get("text") or item.get("name"))
    elif isinstance(item, str) and item.strip():
        if _url(item):
            review.appearances = [Work(url=_url(item))]
        elif not review.claim_text:
            review.claim_text = plain_text(item)
        review.notes.append("itemReviewed is a string, not a Claim: no claimant or claim date in it")
    else:
        review.notes.append("no itemReviewed: no claimant or claim date given")
    return review


def review_from_api(claim: dict, claim_review: dict, where: str) -> Review:
    """Flatten one Fact Check Tools API claimReview with the claim it belongs to."""
    review = Review(where=where)
    review.claim_text = plain_text(claim.get("text"))
    review.claimant = plain_text(claim.get("claimant"))
    review.claim_date = read_date(claim.get("claimDate"))
    publisher = claim_review.get("publisher")
    review.publisher = plain_text(publisher)[:200]
    if isinstance(publisher, dict) and publisher.get("site"):
        site = plain_text(publisher["site"])
        review.publisher_url = site if _url(site) else _url(f"https://{site}/")
    review.url = _url(claim_review.get("url"))
    review.title = plain_text(claim_review.get("title"))[:500]
    review.review_date = read_date(claim_review.get("reviewDate"))
    review.textual_rating = plain_text(claim_review.get("textualRating"))
    review.language = plain_text(claim_review.get("languageCode"))[:20]
    return review


# -- documents ----------------------------------------------------------------------------------


def _walk(value, where: str, reading: Reading, depth: int) -> None:
    if depth > MAX_DEPTH:
        reading.skipped.append(Skipped(where, f"nested deeper than {MAX_DEPTH} levels; not read"))
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict | list):
                _walk(item, f"{where}[{index}]", reading, depth + 1)
            elif item is not None:
                reading.skipped.append(Skipped(f"{where}[{index}]", f"{_kind(item)} where an object belongs"))
        return
    if not isinstance(value, dict):
        return
    types = _types(value)
    if "ClaimReview" in types:
        reading.reviews.append(review_from_markup(value, where))
        return
    if isinstance(value.get("claims"), list) and not types:
        _walk_api(value["claims"], f"{where}claims", reading)
        return
    if "DataFeedItem" in types and not value.get("item"):
        reading.skipped.append(Skipped(where, "a DataFeedItem without an item"))
        return
    for key in ("@graph", "dataFeedElement", "item", "review", "mainEntity", "hasPart"):
        if key in value:
            _walk(value[key], f"{where}.{key}" if where else key, reading, depth + 1)


def _walk_api(claims: list, where: str, reading: Reading) -> None:
    for index, claim in enumerate(claims):
        here = f"{where}[{index}]"
        reviews = claim.get("claimReview") if isinstance(claim, dict) else None
        if not isinstance(reviews, list) or not reviews:
            reading.skipped.append(Skipped(here, "a claim without claimReview"))
            continue
        for number, claim_review in enumerate(reviews):
            if isinstance(claim_review, dict):
                reading.reviews.append(review_from_api(claim, claim_review, f"{here}.claimReview[{number}]"))
            else:
                reading.skipped.append(Skipped(f"{here}.claimReview[{number}]", "not an object"))


class _JsonLdBlocks(HTMLParser):
    """Collect the text of <script type="application/ld+json"> blocks and the page's canonical URL."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.canonical = ""
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag == "script" and attributes.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            self._current = []
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split() and not self.canonical:
            self.canonical = _url(attributes.get("href", ""))
        elif tag == "meta" and attributes.get("property", "").lower() == "og:url" and not self.canonical:
            self.canonical = _url(attributes.get("content", ""))

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") or "<html" in head or "<!doctype" in head


def read_document(data: bytes, *, page_url: str = "") -> Reading:
    """Read every ClaimReview in a document; raise Unreadable when the document itself is not one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise Unreadable("empty")
    reading = Reading()
    if _looks_like_html(text):
        parser = _JsonLdBlocks()
        parser.feed(text)
        parser.close()
        if not parser.blocks:
            raise Unreadable('an HTML page with no <script type="application/ld+json"> block')
        page_url = page_url or parser.canonical
        for number, block in enumerate(parser.blocks, start=1):
            where = f"JSON-LD block {number}"
            try:
                value = json.loads(block)
            except (ValueError, RecursionError) as exc:
                reading.skipped.append(Skipped(where, f"not JSON ({_json_error(exc)})"))
                continue
            reviews, skipped = len(reading.reviews), len(reading.skipped)
            _walk(value, "", reading, 0)
            for review in reading.reviews[reviews:]:
                review.where = f"{where} {review.where}".strip()
            reading.skipped[skipped:] = [Skipped(f"{where} {s.where}".strip(), s.reason)
                                         for s in reading.skipped[skipped:]]
    else:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise Unreadable(f"neither JSON nor an HTML page ({_json_error(exc)})") from None
        if not isinstance(value, dict | list):
            raise Unreadable("JSON that is neither an object nor an array")
        _walk(value, "", reading, 0)
    for review in reading.reviews:
        review.where = review.where.strip() or "the document"
        if not review.url and page_url:
            review.url = page_url
            review.notes.append("no url: the page's own address is used")
    return reading


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    return "a number" if isinstance(value, int | float) else "text"


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)
