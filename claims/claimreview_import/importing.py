"""Write the reviews a document holds: each one a draft claim (or the claim it matches) and its review.

One document is one transaction: a document that cannot be read writes nothing, and a review that
cannot be written (a field the database refuses) is skipped with the reason, the rest kept.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from claims.claimreview_import.models import ExternalReview
from claims.claimreview_import.reading import Review, Skipped, Unreadable, read_document
from claims.claimreview_import.verdicts import UNRATED, RatingTable
from claims.interchange.references import Unresolved, resolve_actor, resolve_document, resolve_side, resolve_topic
from claims.matching import Said, find_repeats, match_actor
from claims.models import Appearance, Claim, Topic
from claims.services import claim_create, claim_set_appearances
from sources.models import Actor, Document, Side

DEFAULT_TOPIC = "Imported fact-checks"
DEFAULT_SIDE = "Unassigned"
UNKNOWN_CLAIMANT = "Unknown claimant"
# schema.org types of a claim's author, as our actor kinds; anything else is an unnamed group until an editor says.
ACTOR_KINDS = {
    "Person": Actor.Kind.PERSON,
    "GovernmentOrganization": Actor.Kind.GOVERNMENT,
    "NewsMediaOrganization": Actor.Kind.MEDIA,
    "NGO": Actor.Kind.NGO,
}


@dataclass
class Outcome:
    where: str
    claim_id: int
    created: bool
    verdict: str
    notes: list[str]


@dataclass
class DocumentReport:
    """What one document gave: claims created or matched, reviews kept, what was skipped and why."""

    source: str
    error: str = ""
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unknown_ratings: Counter = field(default_factory=Counter)

    @property
    def created(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.created)

    @property
    def matched(self) -> int:
        return sum(1 for outcome in self.outcomes if not outcome.created)

    def lines(self) -> list[str]:
        """Return the report as lines of text, the same for the command and the admin page."""
        if self.error:
            return [f"{self.source}: cannot be read, nothing imported: {self.error}"]
        lines = [f"{self.source}: {len(self.outcomes)} review(s) imported: {self.created} new draft claim(s), "
                 f"{self.matched} matched to existing claims; {len(self.skipped)} skipped"]
        for outcome in self.outcomes:
            action = "new draft claim" if outcome.created else "matched claim"
            lines.append(f"  {outcome.where}: {action} {outcome.claim_id}, proposed verdict {outcome.verdict}")
            lines.extend(f"    note: {note}" for note in outcome.notes)
        lines.extend(f"  skipped {skipped}" for skipped in self.skipped)
        for rating, count in sorted(self.unknown_ratings.items()):
            lines.append(f"  rating not in the rating table, imported as unrated: {rating!r} ×{count}")
        return lines


class _Writer:
    def __init__(self, *, user, source: str, topic: Topic | None, side: Side | None):
        self.user = user if user is not None and user.is_authenticated else None
        self.source = source
        self.topic = topic
        self.side = side  # chosen: claimants are looked up and created on it
        self._unassigned: Side | None = None
        self.table = RatingTable.load()

    # -- references: found or made as every other door finds and makes them -------------------------------

    def _default_topic(self) -> Topic:
        if self.topic is None:
            self.topic = resolve_topic(DEFAULT_TOPIC, kind=Topic.Kind.PROPOSITION, user=self.user)
        return self.topic

    def _new_actor_side(self) -> Side:
        if self.side is not None:
            return self.side
        if self._unassigned is None:
            self._unassigned = resolve_side(DEFAULT_SIDE)
        return self._unassigned

    def _actor(self, review: Review, notes: list[str]) -> Actor:
        name = review.claimant[:200]
        match = match_actor(name, side=self.side) if name else None
        if match is not None and match.refusal:
            notes.append(f"{match.refusal} The claim is attributed to {UNKNOWN_CLAIMANT!r}.")
            name, match = UNKNOWN_CLAIMANT, None
        elif not name:
            name = UNKNOWN_CLAIMANT
            notes.append(f"no claimant given: the claim is attributed to {UNKNOWN_CLAIMANT!r}")
        if match is not None and match.matched:
            return Actor.objects.select_related("side").get(pk=match.actor_id)
        if match is not None and match.ambiguous and self.side is not None:
            raise Unresolved(match.problem())  # the review is skipped, naming the actors it may be
        if match is not None and match.suggestions:
            offered = ", ".join(f"{s.name} ({s.side})" for s in match.suggestions)
            notes.append(f"{name!r} may be one of {offered}: a new actor was made; an editor can merge them")
        kind = ACTOR_KINDS.get(review.claimant_type) or (
            Actor.Kind.UNNAMED_GROUP if name == UNKNOWN_CLAIMANT or review.claimant_type else Actor.Kind.PERSON)
        actor = resolve_actor(name, side=self._new_actor_side(), kind=kind, role=review.claimant_role)
        if review.claimant_wikidata and not actor.wikidata and not actor.claims.exists():
            actor.wikidata = review.claimant_wikidata
            actor.full_clean(validate_unique=False, validate_constraints=False)
            actor.save(update_fields=["wikidata"])
        return actor

    def _document(self, work) -> Document:
        return resolve_document(url=work.url, title=work.title or None, outlet=work.outlet or None,
                                published_on=work.published_on, user=self.user)

    # -- claims ------------------------------------------------------------------------------------

    def _matching_claim(self, text: str, actor: Actor, stated_on) -> Claim | None:
        """Return the stored claim this review is about: same claimant, same words, date within the topic's window."""
        found = find_repeats(Said(actor_id=actor.pk, figure=None, statement=text, stated_on=stated_on), limit=1)
        return Claim.objects.filter(pk=found[0]).first() if found else None

    def _new_claim(self, review: Review, actor: Actor, stated_on) -> Claim:
        claim = claim_create(
            user=self.user,
            topic=self._default_topic(),
            claimant=actor,
            side=actor.side,
            stated_on=stated_on,
            statement=review.claim_text,
            attribution=Claim.Attribution.PARAPHRASE,
            language=(review.language or "en")[:20],
            status=Claim.Status.DRAFT,
        )
        works = [(review.first_appearance, Appearance.Role.PRIMARY)] if review.first_appearance else []
        works += [(work, Appearance.Role.REPORT) for work in review.appearances]
        appearances = {}
        for work, role in works:
            document = self._document(work)
            appearances.setdefault(document.pk, {"document": document, "role": role})
        if appearances:
            claim_set_appearances(claim=claim, user=self.user, appearances=list(appearances.values()))
        return claim

    def write(self, review: Review, report: DocumentReport) -> None:
        if not review.claim_text:
            report.skipped.append(Skipped(review.where, "no claim text (claimReviewed is missing or empty)"))
            return
        if not review.url:
            report.skipped.append(Skipped(review.where, "no review URL (url), and the page gives none"))
            return
        stated_on = review.claim_date or review.review_date
        if stated_on is None:
            report.skipped.append(Skipped(review.where, "no readable date: neither the claim's nor the review's"))
            return
        notes = list(review.notes)
        if review.claim_date is None:
            notes.append(f"no claim date given: the review's date {stated_on} is used")
        verdict = self.table.verdict(review.textual_rating)
        if verdict is None:
            report.unknown_ratings[review.textual_rating or "(no rating given)"] += 1
            verdict = UNRATED
        try:
            with transaction.atomic():
                actor = self._actor(review, notes)
                claim = self._matching_claim(review.claim_text, actor, stated_on)
                created = claim is None
                if created:
                    claim = self._new_claim(review, actor, stated_on)
                self._keep_review(claim, review, verdict)
        except ValidationError as exc:
            report.skipped.append(Skipped(review.where, f"refused: {_messages(exc)}"))
            return
        except Unresolved as exc:
            report.skipped.append(Skipped(review.where, f"refused: {exc}"))
            return
        except DatabaseError as exc:
            report.skipped.append(Skipped(review.where, f"refused by the database: {exc}"))
            return
        report.outcomes.append(Outcome(review.where, claim.pk, created, verdict, notes))

    def _keep_review(self, claim: Claim, review: Review, verdict: str) -> ExternalReview:
        stored = ExternalReview.objects.filter(claim=claim, url=review.url).first() or ExternalReview(
            claim=claim, url=review.url
        )
        stored.title = review.title
        stored.publisher = review.publisher
        stored.publisher_url = review.publisher_url
        stored.published_on = review.review_date
        stored.claim_reviewed = review.claim_text
        stored.textual_rating = review.textual_rating
        stored.rating_value = review.rating_value
        stored.best_rating = review.best_rating
        stored.worst_rating = review.worst_rating
        stored.language = review.language
        stored.proposed_verdict = verdict
        stored.source = self.source[:1000]
        stored.imported_by = self.user
        stored.full_clean(validate_unique=False)
        stored._history_user = self.user
        stored.save()
        return stored


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items())
    return " ".join(exc.messages)


def claimreview_import(*, data: bytes, source: str, user=None, topic: Topic | None = None,
                       side: Side | None = None, page_url: str = "") -> DocumentReport:
    """Import every ClaimReview in one document, in one transaction; return what it did and skipped."""
    report = DocumentReport(source=source)
    try:
        reading = read_document(data, page_url=page_url)
    except Unreadable as exc:
        report.error = str(exc)
        return report
    report.skipped.extend(reading.skipped)
    with transaction.atomic():
        writer = _Writer(user=user, source=source, topic=topic, side=side)
        for review in reading.reviews:
            writer.write(review, report)
    return report
