"""Writes with rules: creating, changing and moving claims through review (DESIGN §3, §10, §11).

Admin, API, importer and extraction all call these, and each asks `claims.policy` itself before it
writes, so the rules hold whichever door a change comes in by. `user` is required everywhere: the
door says who acts (None only for the operator at the command line).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims import policy
from claims.bulk import bulk_history, bulk_insert_with_history, bulk_update, unsaved
from claims.contradictions import contradictions_refresh_claim, rule_inputs
from claims.figures import Figure, FigureError, check_figure, format_figure, parse_figure
from claims.models import Appearance, Claim, Topic

FIGURE_FIELDS = ("qualifier", "value", "value_max")
REFERENCE_FIELDS = ("topic", "claimant", "side", "accused_side", "created_by", "reviewed_by", "edited_by")
# What claim_bulk_update writes: every field a change can touch; `contested` is the flags' to keep.
UPDATED_FIELDS = [
    field.name for field in Claim._meta.concrete_fields if field.name not in ("id", "created_at", "contested")
]


class StaleVersion(Exception):
    """The claim changed since the client read it (optimistic locking on `version`)."""

    def __init__(self, claim: Claim):
        self.claim = claim
        self.current_version = claim.version
        super().__init__(f"claim {claim.pk} is at version {claim.version}; reload it and apply your change again")


def _set_figure(claim: Claim, *, figure: str | None, qualifier, value, value_max, as_of) -> None:
    """Fill the figure fields from wording or from parts, checking them against the topic."""
    if figure is not None and str(figure).strip():
        try:
            parsed = parse_figure(str(figure))
        except FigureError as exc:
            raise ValidationError({"figure": str(exc)}) from exc
        # The qualifier as the plain value the database gives back: the flags' digests are written from these
        # values, and an enum's repr differs from its value's (a recompute then reopened reviewed flags).
        claim.qualifier, claim.value, claim.value_max = str(parsed.qualifier), parsed.value, parsed.value_max
        claim.figure_wording = " ".join(str(figure).split())  # As printed; runs of spaces and newlines as one.
    elif qualifier not in (None, ""):
        try:
            check_figure(qualifier, value, value_max)
        except ValueError as exc:
            raise ValidationError({"qualifier": str(exc)}) from exc
        claim.qualifier, claim.value = qualifier, int(value)
        claim.value_max = None if value_max in (None, "") else int(value_max)
        if not _reads_as(claim.figure_wording, claim.qualifier, claim.value, claim.value_max):
            claim.figure_wording = format_figure(claim.qualifier, claim.value, claim.value_max)
    elif value not in (None, "") or value_max not in (None, ""):
        raise ValidationError({"qualifier": "A value needs a qualifier (or give the figure as worded)."})
    else:
        claim.qualifier = claim.value = claim.value_max = None
        claim.figure_wording = ""
    if claim.qualifier is None:
        if as_of is not None:
            raise ValidationError({"as_of": "as_of goes with a figure; this claim has none."})
        claim.as_of = None
    else:
        claim.as_of = as_of or claim.stated_on


def _reads_as(wording: str, qualifier, value, value_max) -> bool:
    """Return whether a kept wording still reads as these parts (so the parts came from it)."""
    if not wording:
        return False
    try:
        return parse_figure(wording) == Figure(qualifier, value, value_max)
    except (FigureError, ValueError):
        return False


def _check(claim: Claim, *, references: Iterable[str] = REFERENCE_FIELDS, unique: bool = True,
           fields: bool = True) -> None:
    """Validate the claim before it is written, with no query a caller has made needless.

    `references` are the foreign keys to look up (a caller may have looked them up itself, or
    left them unchanged); `unique`, whether to query the external_id's uniqueness; without
    `fields`, only the rules across fields run (claim_build explains when). The check
    constraints are never queried one by one: each repeats a rule checked here with a clearer
    message (the figure rules in _set_figure, the fields' choices), and the database still
    holds them.
    """
    topic = claim.topic
    if claim.qualifier is not None and topic.kind != Topic.Kind.FIGURE:
        raise ValidationError({"figure": f"Topic “{topic}” is a proposition; only figure topics take a figure."})
    if claim.attribution == Claim.Attribution.DIRECT_QUOTE and not claim.quote.strip():
        raise ValidationError({"attribution": "A direct quote needs the quote: give `quote`, or choose paraphrase."})
    if fields:
        unchecked = [name for name in REFERENCE_FIELDS if name not in references]
        claim.full_clean(exclude=unchecked, validate_unique=unique, validate_constraints=False)


def _new_claim(user, figure, qualifier, value, value_max, as_of, fields) -> Claim:
    if "attribution" not in fields:
        # Nobody said how it is attributed: a verbatim quote is a direct quote, anything else a paraphrase.
        quoted = bool(str(fields.get("quote") or "").strip())
        fields["attribution"] = Claim.Attribution.DIRECT_QUOTE if quoted else Claim.Attribution.PARAPHRASE
    # claim_build makes thousands at a time (the importer): `unsaved` is Claim(...) without __init__'s cost.
    claim = unsaved(Claim, created_by=user if user and user.is_authenticated else None, **fields)
    policy.require(user, policy.Action.CREATE, claim)
    _set_figure(claim, figure=figure, qualifier=qualifier, value=value, value_max=value_max, as_of=as_of)
    claim._history_user = claim.created_by
    return claim


@transaction.atomic
def claim_create(
    *,
    user,
    figure: str | None = None,
    qualifier: str | None = None,
    value=None,
    value_max=None,
    as_of=None,
    refresh_contradictions: bool = True,
    **fields,
) -> Claim:
    """Create a claim, parse its figure and flag what it contradicts in its topic."""
    claim = _new_claim(user, figure, qualifier, value, value_max, as_of, fields)
    _check(claim, unique="external_id" in fields)  # A generated external_id is a fresh UUID.
    claim.save()
    if refresh_contradictions:
        contradictions_refresh_claim(claim=claim)
    return claim


def claim_build(
    *,
    user,
    figure: str | None = None,
    qualifier: str | None = None,
    value=None,
    value_max=None,
    as_of=None,
    fields_checked: bool = False,
    **fields,
) -> Claim:
    """Return a new claim checked as claim_create checks it, unsaved, for claim_bulk_create.

    It runs no query: what the claim points to, the uniqueness of its external_id and the
    check constraints are left to the database, so the caller must have looked up the
    records it names (as the importer does). Each field's own validation still runs, unless
    `fields_checked` says the caller has already applied it to every value it passes (the
    importer's checker does, column by column): then only the rules across fields run.
    """
    claim = _new_claim(user, figure, qualifier, value, value_max, as_of, fields)
    _check(claim, references=(), unique=False, fields=not fields_checked)
    return claim


@transaction.atomic
def claim_bulk_create(*, claims: list[Claim]) -> list[Claim]:
    """Save claims made by claim_build, each with its history record, in a few queries.

    Flags are not refreshed: recompute the claims' topics afterwards (contradictions_recompute_all).
    """
    return bulk_insert_with_history(Claim, claims)


@transaction.atomic
def claim_update(*, claim: Claim, user, version: int | None = None, refresh_contradictions: bool = True,
                 **changes) -> Claim:
    """Apply changes to a claim unless someone else saved it since `version`; re-flag if a rule input changed."""
    current = Claim.objects.select_for_update(of=("self",)).select_related("topic").get(pk=claim.pk)
    policy.require(user, policy.Action.CHANGE, current, fields=changes)
    return _update(current, user=user, version=version, refresh_contradictions=refresh_contradictions, **changes)


def _update(current: Claim, *, user, version, refresh_contradictions: bool = True, **changes) -> Claim:
    """Write changes to a locked claim whose policy check the caller has made."""
    if version is not None and int(version) != current.version:
        raise StaleVersion(current)
    before, worded = rule_inputs(current), current.figure_wording
    _apply(current, user, changes)
    # What the claim pointed to still exists (PROTECT); only what the change names is looked up.
    changed = [name for name in REFERENCE_FIELDS if name in changes or f"{name}_id" in changes]
    _check(current, references=changed, unique="external_id" in changes)
    current.save()
    # A new wording alone changes no rule input (no ruling reopens) but the flags' explanations quote it.
    reworded = current.figure_wording != worded
    if refresh_contradictions and (rule_inputs(current) != before or "status" in changes or reworded):
        contradictions_refresh_claim(claim=current)
    return current


def _apply(claim: Claim, user, changes: dict) -> None:
    """Set the changes on the claim, its figure fields together, and count a new version by `user`."""
    old_stated_on = claim.stated_on
    figure_keys = ("figure", *FIGURE_FIELDS, "as_of")
    figure_given = {key: changes[key] for key in figure_keys if key in changes}
    for field, value in changes.items():
        if field not in figure_keys:
            setattr(claim, field, value)
    if figure_given:
        parts = {key: figure_given.get(key, getattr(claim, key)) for key in (*FIGURE_FIELDS, "as_of")}
        if "figure" in figure_given:
            parts.update(qualifier=None, value=None, value_max=None)
        _set_figure(claim, figure=figure_given.get("figure"), **parts)
    elif claim.qualifier is not None and "stated_on" in changes and claim.as_of == old_stated_on:
        # as_of defaulted to stated_on: keep following it.
        claim.as_of = claim.stated_on
    claim.version += 1
    claim._history_user = user if user and user.is_authenticated else None
    if claim._history_user is not None and policy.is_content_change(changes):
        claim.edited_by = claim._history_user


def claim_change(*, claim: Claim, user, **changes) -> Claim:
    """Apply changes to a claim as claim_update does, checked without queries, unsaved: for claim_bulk_update.

    The caller must have locked the claim as it read it (select_for_update) and looked up
    what the changes name, as for claim_build.
    """
    policy.require(user, policy.Action.CHANGE, claim, fields=changes)
    _apply(claim, user, changes)
    _check(claim, references=(), unique=False)
    return claim


@transaction.atomic
def claim_bulk_update(*, claims: list[Claim]) -> list[Claim]:
    """Save claims changed by claim_change, each with its history record, in a few queries.

    Flags are not refreshed: recompute the claims' topics afterwards (contradictions_recompute_all).
    """
    now = timezone.now()
    for claim in claims:
        claim.updated_at = now
    bulk_update(Claim, claims, UPDATED_FIELDS)
    bulk_history(Claim, claims, history_type="~")
    return claims


@transaction.atomic
def claim_set_appearances(*, claim: Claim, user, appearances: list[dict]) -> None:
    """Make the claim's appearances exactly `appearances` (dicts of document, role, quote).

    Where a claim appears is part of what the public sees (its provenance), so this is a change
    of the claim's content: the policy's CHANGE rule applies and the user becomes its last editor.
    """
    policy.require(user, policy.Action.CHANGE, claim, fields=("appearances",))
    wanted = {appearance["document"].pk: appearance for appearance in appearances}
    existing = {appearance.document_id: appearance for appearance in claim.appearances.all()}
    history_user = user if user and user.is_authenticated else None
    for appearance in (a for doc, a in existing.items() if doc not in wanted):
        appearance._history_user = history_user
        appearance.delete()
    changed = False
    for document_id, data in wanted.items():
        appearance = existing.get(document_id) or Appearance(claim=claim, document=data["document"])
        role, quote = data["role"], data.get("quote", "")
        if appearance.pk and (appearance.role, appearance.quote) == (role, quote):
            continue
        appearance.role, appearance.quote = role, quote
        appearance.full_clean()
        appearance._history_user = history_user
        appearance.save()
        changed = True
    if history_user is not None and (changed or set(existing) - set(wanted)):
        Claim.objects.filter(pk=claim.pk).update(edited_by=history_user)
        claim.edited_by = history_user


@transaction.atomic
def appearance_save(*, appearance: Appearance, user) -> Appearance:
    """Add or change one appearance of a claim in a document (the document page's rows).

    On a published claim this is a reviewer's act: a new primary document changes its public provenance.
    """
    action = policy.Action.CHANGE if appearance.pk else policy.Action.CREATE
    policy.require(user, action, appearance)
    appearance.full_clean()
    appearance._history_user = user if user and user.is_authenticated else None
    appearance.save()
    return appearance


@transaction.atomic
def appearance_delete(*, appearance: Appearance, user) -> None:
    """Remove one appearance (the claim stays); on a published claim, a reviewer's act."""
    policy.require(user, policy.Action.DELETE, appearance)
    appearance._history_user = user if user and user.is_authenticated else None
    appearance.delete()


def _move(claim: Claim, *, user, action: policy.Action, to: str, allowed_from: tuple, **extra) -> Claim:
    current = Claim.objects.select_for_update(of=("self",)).select_related("topic").get(pk=claim.pk)
    policy.require(user, action, current)
    if current.status not in allowed_from:
        labels = ", ".join(Claim.Status(s).label for s in allowed_from)
        raise ValidationError({"status": f"Only a claim that is {labels} can become {Claim.Status(to).label}; "
                                         f"this one is {current.get_status_display()}."})
    return _update(current, user=user, version=None, status=to, **extra)


@transaction.atomic
def claim_submit(*, claim: Claim, user) -> Claim:
    """Send a draft for review."""
    return _move(claim, user=user, action=policy.Action.SUBMIT, to=Claim.Status.IN_REVIEW,
                 allowed_from=(Claim.Status.DRAFT,))


@transaction.atomic
def claim_publish(*, claim: Claim, user) -> Claim:
    """Publish a claim in review; reviewers only, never one they created or last changed (four eyes)."""
    return _move(claim, user=user, action=policy.Action.PUBLISH, to=Claim.Status.PUBLISHED,
                 allowed_from=(Claim.Status.IN_REVIEW,), reviewed_by=user, reviewed_at=timezone.now())


@transaction.atomic
def claim_retract(*, claim: Claim, user, reason: str) -> Claim:
    """Retract a claim with a reason; published claims are retracted, never deleted."""
    if not (reason or "").strip():
        raise ValidationError({"retraction_reason": "Give the reason for the retraction."})
    return _move(claim, user=user, action=policy.Action.RETRACT, to=Claim.Status.RETRACTED,
                 allowed_from=(Claim.Status.DRAFT, Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED),
                 retraction_reason=reason.strip(), reviewed_by=user, reviewed_at=timezone.now())


@transaction.atomic
def claim_rate(*, claim: Claim, user, verdict: str, **reasoning) -> Claim:
    """Set a claim's verdict (and its reasoning fields, where the model has them); reviewers only."""
    current = Claim.objects.select_for_update(of=("self",)).select_related("topic").get(pk=claim.pk)
    policy.require(user, policy.Action.SET_VERDICT, current)
    return _update(current, user=user, version=None, verdict=verdict, **reasoning)
