"""Write checked rows a chunk at a time, finding or creating the topics, sides, actors, outlets, documents they name."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Lower

from claims import policy
from claims.bulk import (
    FEW,
    bulk_history,
    bulk_insert,
    bulk_insert_with_history,
    bulk_update,
    chunks,
    insert_rows,
    is_written,
    overtaking,
    sent_mark,
    take_keys,
    unsaved,
    wait_for_sent,
)
from claims.contradictions import Names, contradictions_flag_new, contradictions_recompute_all
from claims.interchange.checking import Checked, DocRef, Row, TopicPlan
from claims.interchange.columns import FIGURE_COLUMNS, KNOWN, WHOLE_ROW, ImportFailed, RowError
from claims.interchange.references import (
    TOPIC_DEFAULTS,
    actor_key,
    document_key,
    new_actor,
    new_document,
    resolve_outlet,
    resolve_side,
    unique_slugs,
)
from claims.matching import ActorIndex
from claims.models import Appearance, Claim, Topic
from claims.selectors.common import one_of
from claims.services import cites_reason, claim_build, claim_bulk_create, claim_bulk_update, claim_change
from claims.visibility import claims_visible
from sources.models import Actor, Document, Outlet, Side

_IN_LIST = 1000  # ids per IN (...) list
_CACHE_SIZE = 50_000  # actors, documents and citations remembered while writing
_HELD = 40_000  # new claims held back at most, waiting for their topics' last rows (about 1 KB each)


_NOT_YOURS = (
    "external_id “{external_id}” is in use by a claim you cannot open: choose another external_id"
    " (or ask a reviewer to import this row)"
)


_FINAL = (Claim.Status.PUBLISHED, Claim.Status.RETRACTED)
_FINAL_HERE = (
    "would change claim “{claim.external_id}”, which is {claim.status}: correct it on its own page"
    " (published claims are not re-imported here)"
)


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


class _Runs:
    """A set of integer keys kept as runs of consecutive keys (keys taken from a sequence come in runs)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []  # inclusive

    def update(self, keys) -> None:
        for key in sorted(keys):
            if self.ends and key == self.ends[-1] + 1:
                self.ends[-1] = key
            elif not self.ends or key > self.ends[-1]:
                self.starts.append(key)
                self.ends.append(key)
            elif key not in self:  # out of order: rare (keys taken by other sessions meanwhile)
                at = bisect_right(self.starts, key)
                self.starts.insert(at, key)
                self.ends.insert(at, key)

    def __contains__(self, key: int) -> bool:
        at = bisect_right(self.starts, key) - 1
        return at >= 0 and key <= self.ends[at]


class _Cited(NamedTuple):
    """A cited document as a history record's reason names it (claims.services.cites_reason)."""

    pk: int
    title: str


def _row_errors(number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(number, WHOLE_ROW, message) for message in exc.messages]
    return [
        RowError(number, name if name in KNOWN else WHOLE_ROW, message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


class Writer:
    """Write checked rows a chunk at a time, finding or creating what they name.

    What a chunk names (topics, actors, documents, citations, the claims its external_ids
    match) is looked up, and what is missing created, with a few queries for the whole
    chunk. New claims go through claim_build and claim_bulk_create, changed ones through
    claim_change and claim_bulk_update: the checks of claim_create and claim_update, and
    a history record each, without a query per row.

    Flags (PostgreSQL). The new claims of a topic this import creates are held back, their
    keys taken, until a chunk comes without that topic (or `_HELD` claims wait): its flags are
    then worked out from the claims in memory (`contradictions_flag_new`), so each claim is
    written once, its `contested` mark known, instead of written and then updated. Their
    appearances, citations and documents are written with their chunk; the foreign keys are
    checked at COMMIT. Every other topic the import touches (a stored one, one a re-imported
    claim leaves or joins, one whose rows come back after its flags were worked out) is
    recomputed by `finish`, from the database. SQLite cannot hand out keys ahead, so there
    every topic is recomputed by `finish`.
    """

    def __init__(self, user, *, change_published: bool = True):
        self.change_published = change_published  # False: rows may not change published or retracted claims
        self.plans: dict[str, TopicPlan] = {}
        self.user = user if user is not None and user.is_authenticated else None
        self.topics: dict[str, Topic] = {}
        self.created_topics: dict[str, tuple] = {}  # the new topics' settings as written when created, by key
        self.new_topics: set[int] = set()  # their ids
        self.sides: dict[str, int] = {}
        self.outlets: dict[str, int] = {}
        self.actors = _Bounded(_CACHE_SIZE)
        self.index = ActorIndex()  # every actor of the sides named, to match names without a query each
        self.names = Names(sides={}, actors=_Bounded(_CACHE_SIZE))  # as stored, for the flags' explanations
        self.documents = _Bounded(_CACHE_SIZE)
        self.citations = _Bounded(_CACHE_SIZE)
        self.hold = connection.vendor == "postgresql"  # new topics' claims wait for their flags (see above)
        self.held: dict[int, list[Claim]] = {}  # by topic id, in the order topics were first held
        self.held_count = 0
        self.held_ids: set[str] = set()  # the external_ids given to held claims
        self.held_appearances: dict[int, list[Appearance]] = {}  # theirs, by topic id: written after them
        self.titled = False  # documents were looked up by title (the planner then needs lower(title)'s statistics)
        self.flagged: dict[int, Counter] = {}  # flags by kind of the topics written with their flags
        self.touched: set[int] = set()  # the topics `finish` recomputes
        self.created_documents = _Runs()  # their creation records carry what they cite
        self.titles = _Bounded(_CACHE_SIZE)  # documents' titles by key, for the reasons of those records
        self.citing: set[int] = set()  # documents written before this chunk that came to cite more
        self.sent_ids: list[tuple[int, set[str]]] = []  # external_ids of new claims whose rows may be on their way
        self.sent_now: set[str] = set()  # those of the chunk being written
        self.created = self.updated = self.actors_created = 0
        self.row = 1  # the first row of the chunk being written
        self.failed = False  # a row was refused: the later chunks are checked against the rules, not written

    def write(self, checked: Checked) -> None:
        """Write the rows; a row repeating an external_id of its chunk waits until the rows before it are written.

        Raise ImportFailed with every row of the chunk that the rules refuse. Once a row has been
        refused, nothing more is written: the later rows are only checked, so that every refused
        row of the file is reported (the caller's transaction undoes what was written).
        """
        self.plans.update(checked.topics)
        for key, plan in checked.topics.items():
            if key in self.created_topics:  # later rows may have settled more of a new topic's settings
                self._configure(self.topics[key], plan)
        segments: list[list[Row]] = [[]]
        pending: set[str] = set()
        for row in checked.rows:
            if row.external_id in pending:
                segments.append([])
                pending = set()
            segments[-1].append(row)
            if row.external_id:
                pending.add(row.external_id)
        # A held topic this chunk does not name is most likely complete (files hold a topic's rows
        # together): its flags are worked out and its claims written now, while the chunk's rows are
        # checked. If its rows come back later, `finish` recomputes it.
        keys = {row.topic.lower() for row in checked.rows}
        named = {self.topics[key].pk for key in keys if key in self.topics}
        done = [topic_id for topic_id in self.held if topic_id not in named or topic_id in self.touched]
        if self.held_count - sum(len(self.held[topic_id]) for topic_id in done) > _HELD:
            done = list(self.held)  # memory stays bounded whatever the order of the rows
        errors: list[RowError] = []
        for segment in segments:
            try:
                self._write(segment, done)
            except ImportFailed as exc:
                errors += exc.errors
                self.failed = True
            done = []
        if errors:
            raise ImportFailed(errors)

    def finish(self) -> Counter:
        """Write the claims still held, recompute the other topics touched; return the flags by kind of them all."""
        self._flush(list(self.held))
        self._record_citations(self.citing)
        counts = contradictions_recompute_all(topics=self.touched)
        for topic_id, found in self.flagged.items():
            if topic_id not in self.touched:
                counts.update(found)
        return counts

    def _flush(self, topic_ids: list[int]) -> None:
        """Write the held claims of these topics with their flags (`contradictions_flag_new`)."""
        if not topic_ids:
            return
        claims = [claim for topic_id in topic_ids for claim in self.held.pop(topic_id)]
        self.held_count -= len(claims)
        if not self.held:
            self.held_ids.clear()
        else:
            self.held_ids.difference_update(claim.external_id for claim in claims)
        flags = contradictions_flag_new(claims=claims, names=self.names)
        for claim in claims:
            claim.contested = claim.id in flags.contested
        claim_bulk_create(claims=claims)
        appearances = [row for topic_id in topic_ids for row in self.held_appearances.pop(topic_id, ())]
        bulk_insert_with_history(Appearance, appearances, user=self.user)
        flags.save()
        self.sent_ids.append((sent_mark(), {claim.external_id for claim in claims}))  # with their appearances
        for topic_id in topic_ids:
            self.flagged[topic_id] = Counter()
        for row in flags.rows:
            self.flagged[row[0]][row[3]] += 1

    def _write(self, rows: list[Row], done: list[int]) -> None:
        """Write a chunk's rows (and the held claims of the `done` topics): look-ups first, then the writes.

        Every query the rows need (what they name, keys for what they create) comes before any of
        their rows are written: the writes then go to the database (inside `claims.bulk.sending`,
        from a thread of their own) while the rows are checked and built here.
        """
        known: dict[str, Claim] = {}
        ids = [row.external_id for row in rows if row.external_id]
        if not self.held_ids.isdisjoint(ids):  # a row changes a claim still held: written first, then found
            self._flush(list(self.held))
            done = []
        self.sent_ids = [(mark, sent) for mark, sent in self.sent_ids if not is_written(mark)]
        if any(not sent.isdisjoint(ids) for _, sent in self.sent_ids):
            wait_for_sent()  # a row changes a claim this import made whose row may still be on its way
        # The look-ups go before the rows still being written (claims.bulk.overtaking): what those rows
        # hold, the writer remembers (the actors, documents, citations and outlets it made, by key).
        with overtaking():
            if ids:  # locked, as claim_update locks the claim it changes
                stored = Claim.objects.select_for_update(of=("self",)).select_related("topic")
                stored = stored.filter(one_of("external_id", ids))
                known = {claim.external_id: claim for claim in stored}
            readable = self._readable(known)
            self._topics(rows)
            actors = self._actors(rows)
            documents, new = self._documents(rows)
            citations = self._citations(rows, documents, {documents[key] for key in new})
            have = self._appearances([claim.pk for claim in known.values()])
            keys = take_keys(Claim, sum(1 for row in rows if row.external_id not in known)) if self.hold else []
        self._fill_wikidata(rows, actors)  # it updates what may have just been sent: after it, in turn
        # -- the writes: documents, the claims held for the done topics, then the chunk's claims
        made = self._new_documents(new, documents)  # made here, not among the look-ups, while the database writes
        if made:
            citing = self._cites_on_creation(made, citations)
            bulk_insert_with_history(Document, made, user=self.user)
        else:
            citing = set()
        self._flush(done)
        written: list[tuple[Claim, Row, bool]] = []
        changed: list[Claim] = []
        errors: list[RowError] = []
        for row in rows:
            claim = known.get(row.external_id) if row.external_id else None
            try:
                values = self._values(row, actors)
                if claim is None:
                    if row.external_id:
                        values["external_id"] = row.external_id
                    refused = self._creation_refusal(row, values)
                    if refused is None:
                        claim = claim_build(user=self.user, fields_checked=True, **values)
                elif claim.pk not in readable:
                    refused = RowError(row.number, "external_id", _NOT_YOURS.format(external_id=row.external_id))
                else:
                    moved_from = claim.topic_id
                    changes = _changes(claim, values)
                    refused = self._refusal(row, claim, fields=changes) if changes else None
                    final_here = changes and not self.change_published and claim.status in _FINAL
                    if final_here and (refused is None or policy.is_reviewer(self.user)):
                        # A reviewer may change a published claim, but on its own page, not by re-import here.
                        refused = RowError(row.number, "external_id", _FINAL_HERE.format(claim=claim))
                    if changes and refused is None:
                        changed.append(claim_change(claim=claim, user=self.user, **changes))
                        self.touched.add(moved_from)  # the flags of the topic it leaves, if it moved
            except ValidationError as exc:
                errors += _row_errors(row.number, exc)
                continue
            if refused is not None:
                errors.append(refused)
                continue
            written.append((claim, row, claim.id is None))
        if errors or self.failed:  # after a refused row, rows are checked against the rules, not written
            raise ImportFailed(errors)
        new = [claim for claim, _, created in written if created]
        if changed:
            claim_bulk_update(claims=changed)
        self.touched.update(claim.topic_id for claim, _, created in written if not created)  # changed or not
        for claim, pk in zip(new, keys, strict=False):  # keys for every row without a stored claim; gaps are fine
            claim.pk = pk
        self._new(new)
        self.created += len(new)
        self.updated += len(written) - len(new)
        through = Document.cites.through
        insert_rows(through, ["from_document_id", "to_document_id"], sorted(citations))
        # Documents written before that come to cite more: their records are written once, at the end
        # (reading what they cite is a query, which would wait for every row sent so far).
        self.citing.update({source for source, _ in citations} - citing)
        if len(self.citing) > _CACHE_SIZE:
            self._record_citations(self.citing)
            self.citing = set()
        self._appear(written, documents, have)
        if self.sent_now:  # their rows and their appearances' rows may still be on their way
            self.sent_ids.append((sent_mark(), self.sent_now))
            self.sent_now = set()

    def _new(self, claims: list[Claim]) -> None:
        """Hold back the new claims of the topics this import creates (see the class), write the others now."""
        now = []
        for claim in claims:
            topic_id = claim.topic_id
            if topic_id in self.flagged and topic_id not in self.held:
                self.touched.add(topic_id)  # its rows came back after its flags were worked out
            if self.hold and topic_id in self.new_topics and topic_id not in self.touched:
                self.held.setdefault(topic_id, []).append(claim)
                self.held_appearances.setdefault(topic_id, [])
                self.held_count += 1
                self.held_ids.add(claim.external_id)
            else:
                now.append(claim)
                self.touched.add(topic_id)
        if now:
            claim_bulk_create(claims=now)
            self.sent_now.update(claim.external_id for claim in now)

    def _readable(self, known: dict[str, Claim]) -> set[int]:
        """Return the ids of the stored claims the rows name that the importing user may read (all, for no user)."""
        if self.user is None or not known:
            return {claim.pk for claim in known.values()}
        pks = [claim.pk for claim in known.values()]
        return set(claims_visible(self.user).filter(pk__in=pks).values_list("pk", flat=True))

    def _creation_refusal(self, row: Row, values: dict) -> RowError | None:
        """Say, as a row error, why the importing user may not create this claim, or None.

        The rules are the policy's (the services ask it again): a user's import never publishes a new
        claim or sets its verdict; an import without a user (the command, run by whoever holds the
        server) is the operator's and is not limited.
        """
        if self.user is None:
            return None
        status = values.get("status", Claim.Status.DRAFT)
        verdict = values.get("verdict", Claim.Verdict.UNRATED)
        reason = policy.refusal(self.user, policy.Action.CREATE, Claim(status=status, verdict=verdict))
        if reason is None:
            return None
        if status not in policy.CREATABLE_STATUSES:
            return RowError(row.number, "status", f"status {status}: {reason}")
        return RowError(row.number, "verdict" if verdict != Claim.Verdict.UNRATED else "external_id", reason)

    def _refusal(self, row: Row, claim: Claim, *, fields) -> RowError | None:
        """Say, as a row error, why the importing user may not make these changes to a stored claim, or None.

        An import by a user never does what that user could not do on the claim's own page: the
        policy's CHANGE rule, with a new status checked as the workflow move it is.
        """
        if self.user is None:
            return None
        if set(fields) & policy.VERDICT_FIELDS and not policy.allowed(self.user, policy.Action.SET_VERDICT, claim):
            return RowError(row.number, "verdict", policy.refusal(self.user, policy.Action.SET_VERDICT, claim))
        others = {name: value for name, value in dict(fields).items() if name != "status"}
        column, reason = "external_id", policy.refusal(self.user, policy.Action.CHANGE, claim, fields=others)
        if reason is None:
            column, reason = "status", policy.refusal(self.user, policy.Action.CHANGE, claim, fields=fields)
        return None if reason is None else RowError(row.number, column, f"claim “{claim.external_id}”: {reason}")

    def _values(self, row: Row, actors: dict) -> dict[str, Any]:
        side_id = self.side(row.side)
        claimant = actors[actor_key(row.claimant, side_id)]
        if isinstance(claimant, str):  # why no actor may have this name
            raise ValidationError({"claimant": claimant})
        values = {
            "topic": self.topic(row.topic),
            "claimant_id": claimant,
            "side_id": side_id,
            **row.fields,
        }
        if "accused_side" in values:
            accused = values.pop("accused_side")
            values["accused_side_id"] = self.side(accused) if accused else None
        return values

    def _appearances(self, claim_ids: list[int]) -> dict[tuple[int, int], Appearance]:
        """Return the stored appearances of these (stored) claims, by (claim id, document id)."""
        have: dict[tuple[int, int], Appearance] = {}
        for chunk in chunks(claim_ids, _IN_LIST):
            for appearance in Appearance.objects.filter(one_of("claim_id", chunk)):
                have[appearance.claim_id, appearance.document_id] = appearance
        return have

    def _appear(self, written: list[tuple[Claim, Row, bool]], documents: dict, have: dict) -> None:
        """Give each claim its appearances: the via document primary, the source a report (else primary).

        Each appearance made or changed gets its history record, naming the importing user, as
        claim_set_appearances would write it: written in bulk, a few statements for the chunk.
        """
        new: list[Appearance] = []
        changed: list[Appearance] = []
        for claim, row, _ in written:
            held = self.held_appearances.get(claim.topic_id) if claim.topic_id in self.held else None
            source_id = documents[_document_key(row.source, self.outlet)]
            if row.via is None:
                wanted = {source_id: Appearance.Role.PRIMARY}
            else:
                via_id = documents[_document_key(row.via, self.outlet)]
                wanted = {via_id: Appearance.Role.PRIMARY, source_id: Appearance.Role.REPORT}
            for document_id, role in wanted.items():
                current = have.get((claim.id, document_id))
                if current is None:
                    have[claim.id, document_id] = appearance = unsaved(
                        Appearance, claim_id=claim.id, document_id=document_id, role=role, quote="")
                    # A held claim's appearances wait with it: rows may only point to rows already written.
                    (new if held is None else held).append(appearance)
                elif current.role != role:
                    current.role = role
                    changed.append(current)
        bulk_insert_with_history(Appearance, new, user=self.user)
        bulk_update(Appearance, changed, ["role"])
        bulk_history(Appearance, changed, history_type="~", user=self.user)

    def _citations(self, rows: list[Row], documents: dict, fresh: set[int]) -> set[tuple[int, int]]:
        """Return the citations the rows give (a source relays its via document) that are not stored yet.

        A pair with a document made for this chunk (`fresh`: their keys) cannot be stored: only the
        others are looked up.
        """
        pairs = {
            (documents[_document_key(row.source, self.outlet)], documents[_document_key(row.via, self.outlet)])
            for row in rows
            if row.via is not None
        }
        pairs = {pair for pair in pairs if self.citations.get(pair) is None}
        older = {pair for pair in pairs if fresh.isdisjoint(pair)}
        if older:
            stored = Document.cites.through.objects.filter(
                one_of("from_document_id", [source for source, _ in older]),
                one_of("to_document_id", [via for _, via in older]),
            ).values_list("from_document_id", "to_document_id")
            pairs -= set(stored)
        for pair in pairs:
            self.citations.put(pair, True)
        return pairs

    def _cites_on_creation(self, made: list[Document], citations: set[tuple[int, int]]) -> set[int]:
        """Give the documents made for this chunk that cite others the reason their creation record carries.

        What a new document cites is all in this chunk's rows, so it is written with the record, not
        read back and rewritten (`_record_citations`); return those documents' keys.
        """
        cited: dict[int, list[int]] = defaultdict(list)
        for source, via in citations:
            cited[source].append(via)
        done = set()
        for document in made:
            vias = cited.get(document.pk)
            titles = [self.titles.get(via) for via in sorted(vias)] if vias else None
            if titles is None or None in titles:
                continue  # cites nothing, or a document whose title is not at hand: _record_citations reads it
            document._change_reason = cites_reason(_Cited(*item) for item in zip(sorted(vias), titles, strict=True))
            done.add(document.pk)
        return done

    def _record_citations(self, citing: set[int]) -> None:
        """Put on the record that these documents now cite more, the reason listing all they cite.

        The reason document_create and document_set_cites write ("cites: #3 Interview; …"): on the
        creation record of a document this import made, else on a change record naming the importing
        user. A few statements for the whole chunk.
        """
        if not citing:
            return
        history = Document.history.model
        changed, created = [], []
        for chunk in chunks(sorted(citing), _IN_LIST):
            cited: dict[int, list[Document]] = {pk: [] for pk in chunk}
            links = Document.cites.through.objects.filter(from_document_id__in=chunk).select_related("to_document")
            for link in links.only("from_document_id", "to_document__title").order_by("to_document_id"):
                cited[link.from_document_id].append(link.to_document)
            new = [pk for pk in chunk if pk in self.created_documents]
            for record in history.objects.filter(id__in=new, history_type="+"):
                record.history_change_reason = cites_reason(cited[record.id])
                created.append(record)
            for document in Document.objects.filter(pk__in=[pk for pk in chunk if pk not in self.created_documents]):
                document._change_reason = cites_reason(cited[document.pk])
                changed.append(document)
        bulk_update(history, created, ["history_change_reason"])
        bulk_history(Document, changed, history_type="~", user=self.user)

    def _actors(self, rows: list[Row]) -> dict[tuple[str, int], int | str]:
        """Return the actors the rows name, by (lower-case name, side id): remembered, stored or created now.

        Names are matched as every door matches them (`claims.matching.ActorIndex`, a few queries per
        import); a name no actor may have (a side's, or several actors' equally) maps to the reason why.
        """
        found: dict[tuple[str, int], int | str] = {}
        missing: dict[tuple[str, int], Row] = {}
        for row in rows:
            key = actor_key(row.claimant, self.side(row.side))
            if key in found or key in missing:
                continue
            pk = self.actors.get(key)
            if pk is None:
                missing[key] = row
            else:
                found[key] = pk
        if not missing:
            return found
        matched = self.index.match_many({key: (row.claimant, key[1]) for key, row in missing.items()})
        made = [new_actor(missing[key].claimant, key[1], missing[key].claimant_kind, missing[key].claimant_role)
                for key in matched.new]
        created = bulk_insert_with_history(Actor, made, user=self.user)
        self.actors_created += len(created)
        for pk, name in [*matched.names.items(), *((actor.pk, actor.name) for actor in created)]:
            self.names.actors.put(pk, name)
        for key, pk in matched.written([actor.pk for actor in created]).items():
            found[key] = pk
            self.actors.put(key, pk)
        return found

    def _fill_wikidata(self, rows: list[Row], actors: dict) -> None:
        """Give the claimants, sides and outlets the rows name the QIDs the rows give, where they have none.

        A QID is filled in, never replaced: a stored one that differs stays (change it in the workspace).
        """
        wanted: dict[type, dict[int, str]] = {Actor: {}, Side: {}, Outlet: {}}
        for row in rows:
            claimant = actors[actor_key(row.claimant, self.side(row.side))]
            if row.claimant_wikidata and isinstance(claimant, int):
                wanted[Actor].setdefault(claimant, row.claimant_wikidata)
            if row.side_wikidata:
                wanted[Side].setdefault(self.side(row.side), row.side_wikidata)
            if row.outlet_wikidata and row.source.outlet:
                wanted[Outlet].setdefault(self.outlet(row.source.outlet), row.outlet_wikidata)
        for model, qids in wanted.items():
            if not qids:
                continue
            empty = set(model.objects.filter(pk__in=list(qids), wikidata="").values_list("pk", flat=True))
            for pk in sorted(empty):
                model.objects.filter(pk=pk, wikidata="").update(wikidata=qids[pk])

    def _documents(self, rows: list[Row]) -> tuple[dict[tuple, int], dict[tuple, DocRef]]:
        """Return the keys of the documents the rows name, by `_document_key` (remembered, stored or new), and the
        references of the new ones, which `_new_documents` makes once the look-ups are done (PostgreSQL).

        Documents known by URL are settled first, so that a title-only row finds a document that
        a row of the same chunk names by URL and title, as it would if an earlier chunk had created it.
        """
        # An outlet a row names exists after the import, as it says: all of the chunk's found or made at once.
        self._outlets({ref.outlet for row in rows for ref in (row.source, row.via) if ref is not None and ref.outlet})
        refs: dict[tuple, DocRef] = {}
        for row in rows:
            for ref in (row.source, row.via):
                if ref is not None:
                    refs.setdefault(_document_key(ref, self.outlet), ref)
        found: dict[tuple, int] = {}
        new: dict[tuple, DocRef] = {}
        missing: dict[tuple, DocRef] = {}
        for key, ref in refs.items():
            pk = self.documents.get(key)
            if pk is None:
                missing[key] = ref
            else:
                found[key] = pk
        by_url = {key: ref for key, ref in missing.items() if ref.url}
        if by_url:
            keys = {ref.url: key for key, ref in by_url.items()}
            for url, pk, title in Document.objects.filter(one_of("url", list(keys))).values_list("url", "pk", "title"):
                found[keys[url]] = pk
                self.titles.put(pk, title)
            new.update(self._number_documents({key: ref for key, ref in by_url.items() if key not in found}, found))
        by_title = {key: ref for key, ref in missing.items() if not ref.url}
        if by_title:
            self.titled = True
            outlets = {key[2] for key in by_title}
            in_outlets = Q(outlet_id__in=outlets - {None})
            if None in outlets:
                in_outlets |= Q(outlet__isnull=True)
            stored = (
                Document.objects.annotate(title_ci=Lower("title"))
                .filter(in_outlets, one_of("title_ci", list({key[1] for key in by_title})))
                .order_by("pk")
                .values_list("title", "outlet_id", "published_on", "pk")
            )
            for title, outlet_id, published_on, pk in stored:
                self.titles.put(pk, title)
                for key in (
                    document_key(url=None, title=title, outlet_id=outlet_id, published_on=published_on),
                    document_key(url=None, title=title, outlet_id=outlet_id, dated=False),
                ):
                    if key in by_title:
                        found.setdefault(key, pk)
            new.update(self._number_documents({key: ref for key, ref in by_title.items() if key not in found}, found))
        for key in missing:
            self.documents.put(key, found[key])
        return found, new

    def _outlets(self, names: set[str]) -> None:
        """Find the outlets of these names that are not known yet, and make the missing ones, in a query or two."""
        missing = {name.lower(): name for name in names if name.lower() not in self.outlets}
        if not missing:
            return
        stored = Outlet.objects.annotate(name_ci=Lower("name")).filter(one_of("name_ci", list(missing)))
        stored = stored.values_list("name", "pk")
        for name, pk in stored:
            self.outlets[name.lower()] = pk
            missing.pop(name.lower(), None)
        made = [unsaved(Outlet, name=name) for name in missing.values()]
        for outlet in made:  # as resolve_outlet makes one
            outlet.full_clean(validate_unique=False, validate_constraints=False)
        for key, outlet in zip(missing, bulk_insert_with_history(Outlet, made, user=self.user), strict=True):
            self.outlets[key] = outlet.pk

    def _number_documents(self, refs: dict[tuple, DocRef], found: dict[tuple, int]) -> dict[tuple, DocRef]:
        """Give the documents these references make their keys (in `found`); return those still to make.

        On PostgreSQL the keys are taken ahead (claims.bulk.take_keys) and the documents made later,
        by `_new_documents`; SQLite cannot hand out keys ahead, so there they are made and written here.
        """
        if not refs:
            return {}
        if connection.vendor == "postgresql":
            for key, pk in zip(refs, take_keys(Document, len(refs)), strict=True):
                found[key] = pk
            self.created_documents.update(found[key] for key in refs)
            return refs
        documents = self._made(refs, found)  # keyless: written here, which gives them their keys
        bulk_insert_with_history(Document, documents, user=self.user)
        for key, document in zip(refs, documents, strict=True):
            found[key] = document.pk
            self.titles.put(document.pk, document.title)
        self.created_documents.update(document.pk for document in documents)
        return {}

    def _new_documents(self, refs: dict[tuple, DocRef], found: dict[tuple, int]) -> list[Document]:
        """Make the new documents `_number_documents` gave keys (in `found`), for the chunk's writes."""
        documents = self._made(refs, found)
        for document in documents:
            self.titles.put(document.pk, document.title)
        return documents

    def _made(self, refs: dict[tuple, DocRef], found: dict[tuple, int]) -> list[Document]:
        """Documents for these references: with the keys `found` gives them, where it does."""
        documents = []
        for key, ref in refs.items():
            outlet_id = self.outlet(ref.outlet) if ref.outlet else None
            document = new_document(url=ref.url, title=ref.title, outlet_id=outlet_id, published_on=ref.published_on)
            document.pk = found.get(key)
            documents.append(document)
        return documents

    def _topics(self, rows: list[Row]) -> None:
        """Fetch the stored topics the rows name and create the new ones, a query or two for the whole chunk."""
        keys = dict.fromkeys(row.topic.lower() for row in rows)  # in the order of the rows, as pks are handed out
        plans = {key: self.plans[key] for key in keys if key not in self.topics}
        if not plans:
            return
        stored = {plan.pk: key for key, plan in plans.items() if plan.pk}
        for topic in Topic.objects.filter(pk__in=stored):
            self.topics[stored[topic.pk]] = topic
        new = {key: plan for key, plan in plans.items() if key not in self.topics}
        slugs = unique_slugs(Topic, [plan.name for plan in new.values()], "topic")
        for (key, plan), slug in zip(new.items(), slugs, strict=True):
            topic = Topic(name=plan.name, slug=slug)
            self._configure(topic, plan)
            self.topics[key] = topic
        # Their history records wait for settle_topics, which knows every setting the file gives them.
        bulk_insert(Topic, [self.topics[key] for key in new])
        if len(new) > FEW:  # sent by COPY: written before the next chunk's look-ups of slugs, which overtake
            wait_for_sent()
        for key in new:
            self.created_topics[key] = _settings_of(self.topics[key])
            self.new_topics.add(self.topics[key].pk)

    def _configure(self, topic: Topic, plan: TopicPlan) -> None:
        """Give a topic this import creates its plan's settings, the defaults where the rows so far settle none."""
        settings = {**TOPIC_DEFAULTS, **plan.settings}
        counted = settings.pop("counted_side")
        for setting, value in settings.items():
            setattr(topic, setting, value)
        topic.counted_side_id = self.side(counted) if counted else None

    def settle_topics(self, plans: dict[str, TopicPlan]) -> None:
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
        bulk_update(Topic, changed, [*TOPIC_DEFAULTS])
        bulk_history(Topic, topics, history_type="+", user=self.user)

    def topic(self, name: str) -> Topic:
        return self.topics[name.lower()]

    def side(self, name: str) -> int:
        key = name.lower()
        if key not in self.sides:
            side = resolve_side(name, user=self.user)
            self.sides[key] = side.pk
            self.names.sides[side.pk] = side.name
        return self.sides[key]

    def outlet(self, name: str) -> int:
        key = name.lower()
        if key not in self.outlets:
            self.outlets[key] = resolve_outlet(name, user=self.user).pk
        return self.outlets[key]


def _settings_of(topic: Topic) -> tuple:
    return tuple(getattr(topic, field.attname) for field in map(Topic._meta.get_field, TOPIC_DEFAULTS))


def _document_key(ref: DocRef, outlet: Callable[[str], int]) -> tuple:
    """Return how a row's document is matched: by URL, else by (title, outlet, published_on) ignoring case."""
    if ref.url:  # the common case, without looking up the outlet
        return ("url", ref.url)
    outlet_id = outlet(ref.outlet) if ref.outlet else None
    return document_key(url=None, title=ref.title, outlet_id=outlet_id, dated=ref.dated, published_on=ref.published_on)


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
