"""Claims from a document's text, reviewed one by one in the admin (issue #6).

The extractor (`claims.extraction`) proposes candidates; here an editor accepts each one as a draft
claim with its appearance in the document (the actor, side and topic found or created), edits it
first, or rejects it.

Where the queue lives, without a table of its own:
- The candidates are extracted again on every visit: extraction is deterministic and takes
  milliseconds, so the queue always follows the document's current text.
- A candidate is *done* when the document already carries an appearance of it: one whose quote is
  the candidate's quote (spacing and case aside), or contains it, or lies inside it (an editor may
  have trimmed the quote since). Where one sentence gives several candidates (two figures), the
  claim's figure tells them apart. So accepting twice, re-running the extraction, or a claim entered
  by hand from the same sentence never duplicates a claim.
- Rejections are the editor's own triage and are kept in their session, per document: they need no
  migration, and another editor reading the same article starts with the full queue.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import policy
from claims.admin.figures import FigureField, figure_reading
from claims.admin.notices import warn_about_contradictions
from claims.extraction import Candidate, extract_claims
from claims.figures import FigureError, parse_figure
from claims.interchange import unique_slug
from claims.matching import alias_learn, candidate_matches, match_actor, one_per_statement, said_of
from claims.models import Appearance, Claim, Topic
from claims.selectors import known_sides_and_actors
from claims.services import actor_create, appearance_save, claim_create, side_create, topic_create
from claims.visibility import claims_visible
from sources.models import Actor, Document, Side

EXTRACT_PERM = "claims.add_claim"
# Longer texts (transcripts, reports) are read up to here; `manage.py extract_claims` reads them whole.
MAX_QUEUE_CHARS = 100_000
CONTEXT_CHARS = 220  # of text shown each side of a quote
SESSION_KEY = "extraction_rejected"
MAX_REJECTED = 1000  # per document, so that a session stays small
KEY = re.compile(r"^[0-9a-f]{12}(?:-[0-9]+)?$")
REPORT = Appearance.Role.REPORT
OPENING_QUOTES = "“‘\"'«„"


def can_extract(user) -> bool:
    """Return whether this user may turn candidates into claims (editors and reviewers)."""
    return user.is_active and user.has_perm(EXTRACT_PERM)


def normal(text: str) -> str:
    """Return text with runs of spacing (line breaks of a printed page included) as one space, casefolded."""
    return " ".join(text.split()).casefold()


def printed(text: str) -> str:
    """Return a quote as it is stored: its words, with the line breaks of a printed page made spaces."""
    return " ".join(text.split())


# -- the queue: candidates, and which of them are done ---------------------------------------------------------


@dataclass
class Item:
    """One candidate in a document's queue, with what the page shows about it."""

    candidate: Candidate
    key: str
    before: str
    after: str
    status: str = "pending"  # pending, done or rejected
    appearance: Appearance | None = None
    figure_reading: dict | None = None
    figure_error: str = ""
    side: Side | None = None
    accused_side: Side | None = None
    actor_known: bool = False
    repeats: list[Claim] = field(default_factory=list)  # stored claims it repeats (claims.matching)
    topic_suggestions: list = field(default_factory=list)  # [TopicSuggestion], best first
    same_as: int | None = None  # the number of an earlier candidate saying the same (the lead, then the quote)
    also: list[Item] = field(default_factory=list)  # later candidates saying the same, folded into this one
    report_to: Claim | None = None  # the stored claim this candidate repeats, that this document may report
    report_refusal: str | None = None  # why this user may not add this document to it (the policy's words)
    claim_visible: bool = False  # False for another editor's draft: shown as done, nothing of it shown
    form: forms.Form | None = None
    norm_quote: str = field(default="", repr=False)

    @property
    def figure_parts(self) -> tuple:
        c = self.candidate
        return c.qualifier, c.value, c.value_max

    @property
    def confidence_label(self) -> str:
        level = self.candidate.confidence
        return "high" if level >= 0.8 else "medium" if level >= 0.6 else "low"

    @property
    def quote(self) -> str:
        return printed(self.candidate.quote)


@dataclass
class Queue:
    """A document's candidates in reading order; one statement printed twice is one item (its `also`)."""

    document: Document
    items: list[Item]
    truncated: bool

    def get(self, key: str) -> Item | None:
        """Return the item of this key; a folded candidate's key names the item it was folded into."""
        return next((item for item in self.items if key in (item.key, *(other.key for other in item.also))), None)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)


def _key(candidate: Candidate) -> str:
    """Return a short stable name for a candidate: who, which figure, which words (not where, so text edits keep it)."""
    source = "\x1f".join((candidate.claimant, candidate.figure or "", normal(candidate.quote)))
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Return the text before and after a quote, cut at word boundaries, with an ellipsis where cut."""
    a = max(0, start - CONTEXT_CHARS)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    b = min(len(text), end + CONTEXT_CHARS)
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    return ("…" if a > 0 else "") + text[a:start], text[end:b] + ("…" if b < len(text) else "")


def _same_words(appearance_quote: str, candidate_quote: str) -> bool:
    if not appearance_quote:
        return False
    if appearance_quote == candidate_quote:
        return True
    shorter = min(appearance_quote, candidate_quote, key=len)
    return len(shorter) >= 20 and (appearance_quote in candidate_quote or candidate_quote in appearance_quote)


def _mark_done(items: list[Item], appearances: list[Appearance]) -> None:
    """Pair candidates with the document's appearances: same words and figure first, then same words."""
    free = [(normal(a.quote or a.claim.quote), a) for a in appearances]
    for exact in (True, False):
        for item in items:
            if item.appearance is not None:
                continue
            for i, (quote, appearance) in enumerate(free):
                claim = appearance.claim
                same_figure = (claim.qualifier, claim.value, claim.value_max) == item.figure_parts
                if (quote == item.norm_quote and same_figure) if exact else _same_words(quote, item.norm_quote):
                    item.appearance, item.status = appearance, "done"
                    del free[i]
                    break


def rejected_keys(request, document) -> set[str]:
    return set((request.session.get(SESSION_KEY) or {}).get(str(document.pk), []))


def _set_rejected(request, document, key: str, rejected: bool) -> None:
    store = request.session.get(SESSION_KEY) or {}
    keys = [k for k in store.get(str(document.pk), []) if k != key]
    if rejected:
        keys = [*keys, key][-MAX_REJECTED:]
    if keys:
        store[str(document.pk)] = keys
    else:
        store.pop(str(document.pk), None)
    request.session[SESSION_KEY] = store


def document_queue(request, document: Document) -> Queue:
    """Extract the document's candidates and tell which are done (accepted) and which this editor rejected."""
    text = document.text[:MAX_QUEUE_CHARS]
    sides, actors = known_sides_and_actors()
    candidates = extract_claims(text, sides=sides, actors=actors)
    items, seen = [], {}
    for candidate in candidates:
        key = _key(candidate)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # the same words by the same speaker printed twice
            key = f"{key}-{seen[key]}"
        before, after = _context(text, candidate.start, candidate.end)
        items.append(Item(candidate, key, before, after, norm_quote=normal(candidate.quote)))
    appearances = list(
        Appearance.objects.filter(document=document)
        .select_related("claim__topic", "claim__claimant", "claim__side")
        .order_by("pk")
    )
    _mark_done(items, appearances)
    rejected = rejected_keys(request, document)
    for item in items:
        if item.status == "pending" and item.key in rejected:
            item.status = "rejected"
    _describe(items, request.user)
    _match(items, document, request.user, carried={a.claim_id: a for a in appearances})
    return Queue(document, _fold(items), truncated=len(document.text) > MAX_QUEUE_CHARS)


def _describe(items: list[Item], user) -> None:
    """Fill in what the page says about each candidate: its figure read, its side and actor known or new."""
    sides = {side.name.casefold(): side for side in Side.objects.all()}
    visible = set(claims_visible(user).filter(
        pk__in=[item.appearance.claim_id for item in items if item.appearance]).values_list("pk", flat=True))
    for item in items:
        c = item.candidate
        if c.figure:
            try:
                parsed = parse_figure(c.figure)
            except FigureError as exc:
                item.figure_error = str(exc)
            else:
                item.figure_reading = figure_reading(parsed.qualifier, parsed.value, parsed.value_max)
        item.side = sides.get((c.side or "").casefold())
        item.accused_side = sides.get((c.accused_side or "").casefold())
        item.actor_known = item.side is not None and match_actor(c.claimant, side=item.side).matched
        item.claim_visible = item.appearance is not None and item.appearance.claim_id in visible


def _match(items: list[Item], document: Document, user, carried: dict) -> None:
    """Tell each candidate what the archive holds of it: the claims it repeats, its likely topics, its twin here.

    A candidate repeating a claim this document already carries (`carried`: appearances by claim) is done.
    """
    pending = [item for item in items if item.status == "pending"]
    visible = claims_visible(user)
    held = candidate_matches([item.candidate for item in pending], stated_on=document.published_on, claims=visible)
    repeated = visible.select_related("claimant").in_bulk({pk for row in held for pk in row["repeats"]})
    actors = {}
    for item, row in zip(pending, held, strict=True):
        item.repeats = [repeated[pk] for pk in row["repeats"] if pk in repeated]
        item.topic_suggestions = row["topic_suggestions"]
        actors[item.key] = row["claimant_id"]
        known = next((carried[claim.pk] for claim in item.repeats if claim.pk in carried), None)
        if known is not None:
            item.status, item.appearance, item.claim_visible = "done", known, True
        elif item.repeats:  # the one action: this document as a report of the claim it repeats, if the policy agrees
            item.report_to = item.repeats[0]
            item.report_refusal = policy.refusal(
                user, policy.Action.CREATE, Appearance(claim=item.report_to, document=document, role=REPORT))
    for item in items:
        if item.appearance is not None:
            actors[item.key] = item.appearance.claim.claimant_id
    said = [said_of(item.candidate, actors.get(item.key)) for item in items]
    for item, first in zip(items, one_per_statement(said), strict=True):
        if items[first] is not item:
            item.same_as = first + 1


def _fold(items: list[Item]) -> list[Item]:
    """Return the queue's items with each statement printed twice in the article folded into its first printing.

    A folded group is done when any of its printings was accepted (the claim is entered), so the lead
    and the quote never make two claims; it is rejected when its first printing is.
    """
    shown = []
    for item in items:
        if item.same_as is None:
            shown.append(item)
            continue
        first = items[item.same_as - 1]
        first.also.append(item)
        if item.status == "done" and first.status != "done":
            first.status, first.appearance, first.claim_visible = "done", item.appearance, item.claim_visible
    return shown


# -- accepting: find or create what a candidate names, then the claim and its appearance ------------------------


def _side(name: str, *, create: bool, user, field_name: str) -> Side:
    name = name.strip()
    side = Side.objects.filter(name__iexact=name).first()
    if side is not None:
        return side
    if not create:
        raise ValidationError({field_name: f"No side named “{name}” yet. Check the spelling, or tick "
                                           "“Create new sides” to add it."})
    with _refusals_on(field_name, f"No side named “{name}”, and"):
        return side_create(user=user, name=name, slug=unique_slug(Side, name, "side"))


def _actor(name: str, *, kind: str, side: Side, user) -> Actor:
    name = name.strip()
    match = match_actor(name, side=side, suggest=False)
    if match.problem():  # a side's name, or several actors' equally: the editor says which
        raise ValidationError({"claimant": match.problem()})
    if match.actor_id is not None:
        actor = Actor.objects.get(pk=match.actor_id)
        alias_learn(actor=actor, name=name, user=user)  # "MoD" accepted for the ministry: known next time
        return actor
    with _refusals_on("claimant", f"No actor “{name}” on the side {side}, and"):
        return actor_create(user=user, name=name, kind=kind, side=side)


def _topic(name: str, *, kind: str, user) -> Topic:
    name = name.strip()
    topic = Topic.objects.filter(name__iexact=name).first()
    if topic is not None:
        return topic
    with _refusals_on("new_topic", "No such topic, and"):
        return topic_create(user=user, name=name, kind=kind, slug=unique_slug(Topic, name, "topic"))


@contextmanager
def _refusals_on(field_name: str, missing: str):
    """Show a service's refusal (the policy's, or a field rule's) on the form field it concerns."""
    try:
        yield
    except PermissionDenied as exc:
        raise ValidationError({field_name: f"{missing} {str(exc)[0].lower()}{str(exc)[1:]}"}) from exc
    except ValidationError as exc:
        raise ValidationError({field_name: exc.messages}) from exc


@transaction.atomic
def candidate_accept(
    *,
    user,
    document: Document,
    quote: str,
    claimant: str,
    actor_kind: str,
    side: str,
    accused_side: str = "",
    create_sides: bool = False,
    topic: Topic | None = None,
    new_topic: str = "",
    new_topic_kind: str = Topic.Kind.FIGURE,
    stance: str = Claim.Stance.ASSERTS,
    figure: str = "",
    stated_on,
    role: str = Appearance.Role.REPORT,
    attribution: str = Claim.Attribution.DIRECT_QUOTE,
    statement: str = "",
) -> Claim:
    """Make a draft claim of a candidate, with its appearance in `document`; find or create what it names.

    Sides are created only with `create_sides`; the actor is matched on its side as every door matches
    it (`claims.matching.match_actor`) or created; the topic is `topic`, or the one named `new_topic`
    (found or created).
    """
    side_found = _side(side, create=create_sides, user=user, field_name="side")
    accused = _side(accused_side, create=create_sides, user=user, field_name="accused_side") if accused_side else None
    actor = _actor(claimant, kind=actor_kind, side=side_found, user=user)
    if topic is None:
        topic = _topic(new_topic, kind=new_topic_kind, user=user)
    claim = claim_create(
        user=user, topic=topic, claimant=actor, side=side_found, stated_on=stated_on, statement=statement,
        quote=quote, language=document.language or "en", attribution=attribution, stance=stance,
        accused_side=accused, figure=figure or None,
    )
    appearance_save(appearance=Appearance(claim=claim, document=document, role=role, quote=quote), user=user)
    return claim


# -- the form: one candidate, as the editor accepts or corrects it ---------------------------------------------

_KIND_WORDS = [
    (Actor.Kind.UNNAMED_GROUP, r"officials|sources|diplomats|residents|witnesses|medics|reports|spokesm[ae]n"),
    (Actor.Kind.INTERGOVERNMENTAL, r"united nations|UN|OSCE|NATO|European Union|EU|ICRC|Red Cross|African Union"),
    (Actor.Kind.MILITARY, r"army|armed forces|forces|military|troops|defen[cs]e|general staff|navy|air force"),
    (Actor.Kind.GOVERNMENT, r"ministry|department|government|office|embassy|presidency|kremlin|parliament|"
                            r"administration|council|cabinet|mayor'?s"),
    (Actor.Kind.NGO, r"amnesty|human rights watch|crisis group|institute|foundation|NGO|watchdog|observatory"),
    (Actor.Kind.MEDIA, r"post|times|news|agency|TASS|Reuters|AFP|monitor|TV|radio|journal|gazette|herald|"
                       r"telegraph|guardian|BBC|CNN|press|tribune|channel"),
]
_KIND_PATTERNS = [(kind, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for kind, words in _KIND_WORDS]


def guess_actor_kind(name: str, side_names=()) -> str:
    """Guess what kind of actor a name is, for an actor the database does not know yet (the editor may change it)."""
    if name.casefold() in {s.casefold() for s in side_names}:
        return Actor.Kind.GOVERNMENT  # "Armenia says…": the state speaking
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(name):
            return kind
    return Actor.Kind.PERSON


def guess_attribution(text: str, candidate: Candidate) -> str:
    """Return direct_quote for words printed in quotation marks, unconfirmed_report when hedged, else paraphrase."""
    words = candidate.quote
    if re.search(r"\breportedly\b|\bunconfirmed\b", words, re.IGNORECASE):
        return Claim.Attribution.UNCONFIRMED_REPORT
    before = text[candidate.start - 1] if 0 < candidate.start <= len(text) else " "
    if before in OPENING_QUOTES or words[0] in OPENING_QUOTES:
        return Claim.Attribution.DIRECT_QUOTE
    return Claim.Attribution.PARAPHRASE


class CandidateForm(forms.Form):
    """A candidate as the editor accepts it: who, which side, what about, the figure as worded."""

    topic = forms.ModelChoiceField(Topic.objects.all(), required=False,
                                   help_text="What the claim is about; type to search.")
    new_topic = forms.CharField(label="Or a new topic", required=False, max_length=300,
                                help_text="A topic not in the list yet: found by name or created.")
    new_topic_kind = forms.ChoiceField(label="New topic’s kind", choices=Topic.Kind.choices,
                                       help_text="figure: a counted quantity; proposition: something that happened "
                                                 "or not.")
    claimant = forms.CharField(max_length=200, help_text="As the coverage names them; found on the side below, "
                                                         "else created.")
    actor_kind = forms.ChoiceField(label="Kind, if new", choices=Actor.Kind.choices,
                                   help_text="Used only when this actor is created.")
    side = forms.CharField(max_length=100, required=False, help_text="The claimant's side.")
    accused_side = forms.CharField(max_length=100, required=False,
                                   help_text="Whom the claim blames; on a denial, the side whose act is denied.")
    create_sides = forms.BooleanField(label="Create new sides", required=False,
                                      help_text="Add a side named above that the database does not know yet.")
    stance = forms.ChoiceField(choices=Claim.Stance.choices)
    figure = FigureField()
    stated_on = forms.DateField(widget=AdminDateWidget, help_text="When the statement was made.")
    attribution = forms.ChoiceField(choices=Claim.Attribution.choices)
    statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                                help_text="A plain-words paraphrase (optional).")
    role = forms.ChoiceField(label="This document is", choices=Appearance.Role.choices,
                             initial=Appearance.Role.REPORT)

    SHOWN_IN_ROW = ("topic", "role")
    field_aliases = {"qualifier": "figure", "value": "figure", "value_max": "figure", "as_of": "figure",
                     "claimant_id": "claimant", "topic_id": "topic"}

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        topic_field = Claim._meta.get_field("topic")
        widget = AutocompleteSelect(topic_field, admin_site, attrs={"data-width": "24em"})
        widget.choices = self.fields["topic"].choices
        self.fields["topic"].widget = widget
        for name in ("side", "accused_side"):
            self.fields[name].widget.attrs.update(list="side-names", autocomplete="off")

    @classmethod
    def initial_for(cls, item: Item, document: Document, side_names) -> dict:
        c = item.candidate
        best = {"topic": item.topic_suggestions[0]["id"]} if item.topic_suggestions else {}
        return {
            **best,
            "claimant": c.claimant,
            "actor_kind": guess_actor_kind(c.claimant, side_names),
            "side": item.side.name if item.side else c.side or "",
            "accused_side": item.accused_side.name if item.accused_side else c.accused_side or "",
            "stance": c.stance,
            "figure": c.figure or "",
            "stated_on": document.published_on,
            "attribution": guess_attribution(document.text, c),
            "new_topic_kind": Topic.Kind.FIGURE if c.figure else Topic.Kind.PROPOSITION,
            "role": Appearance.Role.REPORT,
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topic") and not (cleaned.get("new_topic") or "").strip() and "topic" not in self.errors:
            self.add_error("topic", "Choose a topic, or name a new one below.")
        if cleaned.get("topic") and (cleaned.get("new_topic") or "").strip():
            self.add_error("new_topic", "Choose a topic or name a new one, not both.")
        if not (cleaned.get("side") or "").strip() and "side" not in self.errors:
            self.add_error("side", "Name the claimant's side: the extractor could not tell it.")
        return cleaned

    def row_fields(self):
        """Return the fields shown in a queue row; the others go along hidden, as the candidate has them."""
        return [self[name] for name in self.SHOWN_IN_ROW]

    def hidden_fields_for_row(self):
        return [self[name] for name in self.fields if name not in self.SHOWN_IN_ROW]

    def add_service_error(self, exc: ValidationError) -> None:
        """Show a refusal from the service on the field it concerns."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for name, errors in exc.message_dict.items():
            name = self.field_aliases.get(name, name)
            if name in self.fields:
                self.add_error(name, errors)
            else:
                label = "" if name == "__all__" else f"{name.replace('_', ' ')}: "
                self.add_error(None, [f"{label}{message}" for message in errors])

    def accept_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "claimant": data["claimant"],
            "actor_kind": data["actor_kind"],
            "side": data["side"],
            "accused_side": (data.get("accused_side") or "").strip(),
            "create_sides": data["create_sides"],
            "topic": data.get("topic"),
            "new_topic": (data.get("new_topic") or "").strip(),
            "new_topic_kind": data["new_topic_kind"],
            "stance": data["stance"],
            "figure": data.get("figure") or "",
            "stated_on": data["stated_on"],
            "role": data["role"],
            "attribution": data["attribution"],
            "statement": (data.get("statement") or "").strip(),
        }


class DocumentTextForm(forms.ModelForm):
    """The article's text, pasted in full."""

    class Meta:
        model = Document
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 24, "cols": 100, "class": "extract-text-input"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True
        self.fields["text"].help_text = ("The article as published, headline to last line. Claims are read from it "
                                         "in English; replacing it keeps the claims already accepted.")
        self.fields["text"].error_messages["required"] = "Paste the article's text."

    def clean_text(self):
        return self.cleaned_data["text"].replace("\r\n", "\n")


# -- the pages ---------------------------------------------------------------------------------------------------


class DocumentExtractionMixin:
    """Adds to the document admin: the review queue, the candidate page, rejections, the paste page, the action."""

    actions = ["extract_claims_action"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/text/", view(partial(text_view, self)), name="sources_document_text"),
            path("<path:object_id>/extract/", view(partial(queue_view, self)), name="sources_document_extract"),
            path("<path:object_id>/extract/<str:key>/", view(partial(candidate_view, self)),
                 name="sources_document_extract_candidate"),
            path("<path:object_id>/extract/<str:key>/reject/", view(partial(reject_view, self)), {"rejected": True},
                 name="sources_document_extract_reject"),
            path("<path:object_id>/extract/<str:key>/report/", view(partial(report_view, self)),
                 name="sources_document_extract_report"),
            path("<path:object_id>/extract/<str:key>/restore/", view(partial(reject_view, self)),
                 {"rejected": False}, name="sources_document_extract_restore"),
            *super().get_urls(),
        ]

    def has_extract_permission(self, request):
        return can_extract(request.user)

    @admin.action(description="Extract claims from the selected document", permissions=["extract"])
    def extract_claims_action(self, request, queryset):
        chosen = list(queryset.order_by("pk")[:2])
        if len(chosen) != 1:
            self.message_user(request, "Choose one document: its claims are reviewed one article at a time.",
                              messages.WARNING)
            return None
        name = "sources_document_extract" if chosen[0].text.strip() else "sources_document_text"
        return HttpResponseRedirect(reverse(f"admin:{name}", args=[chosen[0].pk]))


def _document(request, model_admin, object_id, *, change=False) -> Document:
    """Return the document named in the URL, refusing users who may not extract claims from it."""
    if not can_extract(request.user):
        raise PermissionDenied("Only editors extract claims.")
    document = model_admin.get_object(request, unquote(object_id))
    if document is None:
        raise Http404("No such document.")
    allowed = model_admin.has_change_permission(request, document) if change else \
        model_admin.has_view_or_change_permission(request, document)
    if not allowed:
        raise PermissionDenied
    return document


def _page(request, model_admin, document, title, **context) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": document.title,
        "opts": model_admin.opts,
        "original": document,
        "document": document,
        "has_view_permission": model_admin.has_view_permission(request),
        "queue_url": reverse("admin:sources_document_extract", args=[document.pk]),
        "text_url": reverse("admin:sources_document_text", args=[document.pk]),
        "document_url": reverse("admin:sources_document_change", args=[document.pk]),
        **context,
    }


def _side_names() -> list[str]:
    return list(Side.objects.order_by("name").values_list("name", flat=True))


def _no_text(request, document):
    messages.info(request, "This document has no text yet: paste the article's text to extract its claims.")
    return redirect(reverse("admin:sources_document_text", args=[document.pk]))


def queue_view(model_admin, request, object_id):
    """List a document's candidates in reading order, each with its quote in context, to accept, edit or reject."""
    document = _document(request, model_admin, object_id)
    if not document.text.strip():
        return _no_text(request, document)
    queue = document_queue(request, document)
    side_names = _side_names()
    media = forms.Media()
    for item in queue.items:
        if item.status == "pending":
            item.form = CandidateForm(initial=CandidateForm.initial_for(item, document, side_names),
                                      admin_site=model_admin.admin_site, auto_id=f"id_{item.key}_%s")
            media = item.form.media
    context = _page(
        request, model_admin, document, "Extract claims",
        queue=queue,
        pending=queue.count("pending"), done=queue.count("done"), rejected=queue.count("rejected"),
        side_names=side_names, media=model_admin.media + media, max_chars=MAX_QUEUE_CHARS,
    )
    return TemplateResponse(request, "admin/sources/document/extract_queue.html", context)


def candidate_view(model_admin, request, object_id, key):
    """Show one candidate in a form to correct it (GET); accept it as a draft claim (POST)."""
    document = _document(request, model_admin, object_id)
    if not document.text.strip():
        return _no_text(request, document)
    queue_url = reverse("admin:sources_document_extract", args=[document.pk])
    side_names = _side_names()
    if request.method == "POST":
        form = CandidateForm(request.POST, admin_site=model_admin.admin_site)
        with transaction.atomic():
            # One editor at a time per document, so that a double click cannot accept a candidate twice.
            document = Document.objects.select_for_update().get(pk=document.pk)
            item = document_queue(request, document).get(key)
            if (refused := _refusal(request, item, queue_url)) is not None:
                return refused
            if form.is_valid():
                try:
                    claim = candidate_accept(user=request.user, document=document, quote=item.quote,
                                             **form.accept_kwargs())
                except ValidationError as exc:
                    form.add_service_error(exc)
                else:
                    messages.success(request, format_html(
                        'Accepted as draft claim <a href="{}">#{}</a>: {} ({}) on “{}”{}.',
                        reverse("admin:claims_claim_change", args=[claim.pk]), claim.pk, claim.claimant.name,
                        claim.side.name, claim.topic.name, f", {claim.figure_as_worded}" if claim.has_figure else ""))
                    warn_about_contradictions(request, [claim])
                    return redirect(f"{queue_url}#candidate-{key}")
    else:
        item = document_queue(request, document).get(key)
        if (refused := _refusal(request, item, queue_url)) is not None:
            return refused
        form = CandidateForm(initial=CandidateForm.initial_for(item, document, side_names),
                             admin_site=model_admin.admin_site)
    context = _page(request, model_admin, document, "Check an extracted claim", item=item, form=form,
                    side_names=side_names, media=model_admin.media + form.media,
                    reject_url=reverse("admin:sources_document_extract_reject", args=[document.pk, key]))
    return TemplateResponse(request, "admin/sources/document/extract_candidate.html", context)


def _refusal(request, item: Item | None, queue_url: str):
    """Send the editor back to the queue when the candidate is gone from the text or already accepted."""
    if item is None:
        messages.error(request, "That candidate is no longer in this document's text (it may have been edited); "
                                "here is the queue as the text reads now.")
        return redirect(queue_url)
    if item.status == "done":
        messages.info(request, "That candidate was already accepted; it is marked done in the queue.")
        return redirect(f"{queue_url}#candidate-{item.key}")
    return None


def reject_view(model_admin, request, object_id, key, rejected):
    """Drop a candidate from this editor's queue, or bring it back."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _document(request, model_admin, object_id)
    if not KEY.match(key):
        raise Http404("No such candidate.")
    _set_rejected(request, document, key, rejected)
    if rejected:
        messages.success(request, "Rejected: the candidate is out of your queue for this document "
                                  "(restore it from “Rejected” at the bottom).")
    else:
        messages.success(request, "Restored to the queue.")
    return redirect(reverse("admin:sources_document_extract", args=[document.pk]) + f"#candidate-{key}")


def report_view(model_admin, request, object_id, key):
    """Add the document as a report (an appearance) of the stored claim a candidate repeats: the repeat's one action.

    Through `appearance_save`, which asks the policy: on a published claim this changes what the public sees,
    so an editor is refused (the queue says so instead of offering the button) and a reviewer adds it.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _document(request, model_admin, object_id)
    queue_url = reverse("admin:sources_document_extract", args=[document.pk])
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)  # one editor at a time, as accepting
        item = document_queue(request, document).get(key)
        if (refused := _refusal(request, item, queue_url)) is not None:
            return refused
        claim = item.report_to
        if claim is None or str(claim.pk) != request.POST.get("claim", ""):
            messages.error(request, "This candidate no longer repeats the claim you saw; here is the queue as it "
                                    "reads now.")
            return redirect(f"{queue_url}#candidate-{item.key}")
        try:
            with transaction.atomic():
                appearance_save(appearance=Appearance(claim=claim, document=document, role=REPORT, quote=item.quote),
                                user=request.user)
        except PermissionDenied as exc:
            messages.error(request, f"Not added: {exc}")
        except ValidationError as exc:
            messages.error(request, "Not added: " + " ".join(exc.messages))
        else:
            messages.success(request, format_html(
                'Added this document as a report of claim <a href="{}">#{}</a> ({}); no second claim was made.',
                reverse("admin:claims_claim_change", args=[claim.pk]), claim.pk, claim.claimant.name))
    return redirect(f"{queue_url}#candidate-{item.key}")


def text_view(model_admin, request, object_id):
    """Paste (or replace) a document's text, saved as the admin saves it, with its history; then go to the queue."""
    document = _document(request, model_admin, object_id, change=True)
    form = DocumentTextForm(request.POST if request.method == "POST" else None, instance=document)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            with transaction.atomic():
                model_admin.save_model(request, form.instance, form, change=True)
                model_admin.log_change(request, form.instance,
                                       model_admin.construct_change_message(request, form, None))
            messages.success(request, "Text saved; here are the claims found in it.")
        return redirect(reverse("admin:sources_document_extract", args=[document.pk]))
    context = _page(request, model_admin, document, "Paste the article's text", form=form,
                    media=model_admin.media + form.media)
    return TemplateResponse(request, "admin/sources/document/extract_text.html", context)
