"""Who may do what: the one home of the writing rules (DESIGN §10, §11 "Two people for anything public").

One question, one answer: `refusal(user, action, obj, fields=...)` returns None when the user may
act, else the reason in words a newsroom reads. Every service asks `require` before it writes, so
no door (admin forms, admin pages, bulk actions, the import page and command, the API, extraction)
can forget a rule; the admin and the API ask `refusal` and `claim_actions` only to decide which
buttons and actions to offer.

The rules:
- Editors enter claims and change drafts (their own) and claims in review. Published claims, and
  anything published claims stand on (their actors, sides, outlets, documents, appearances,
  citations and topics), change only by a reviewer's hand.
- Publishing needs a second person: a reviewer who neither created the claim nor last changed what
  it says. Retracting needs a reviewer who did not create it. Verdicts are reviewers' alone.
- Retracted claims are final. Published claims are retracted, never deleted.
- `user=None` is the operator at the command line (load_demo, import_claims): trusted, and recorded
  in history as no user.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.core.exceptions import PermissionDenied

from claims import visibility
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side

Cites = Document.cites.through


class Action(StrEnum):
    CREATE = "create"
    CHANGE = "change"
    SET_VERDICT = "set_verdict"
    SUBMIT = "submit"
    PUBLISH = "publish"
    RETRACT = "retract"
    DELETE = "delete"
    REVIEW_FLAG = "review_flag"
    IMPORT = "import"


# The fields that carry a reviewer's rating; changing any of them is setting the verdict.
VERDICT_FIELDS = frozenset({"verdict", "verdict_rationale", "verdict_url"})
# Fields the review workflow moves; they change only through submit, publish and retract.
WORKFLOW_FIELDS = frozenset({"status", "reviewed_by", "reviewed_at", "retraction_reason"})
# Fields that are bookkeeping, not what the claim says: a change to them leaves `edited_by` alone.
NOT_CONTENT_FIELDS = VERDICT_FIELDS | WORKFLOW_FIELDS | frozenset(
    {"external_id", "version", "contested", "created_by", "created_at", "updated_at", "edited_by"}
)
# What a claim may be created as: the workflow's start. Publishing is a second person's act.
CREATABLE_STATUSES = frozenset({Claim.Status.DRAFT, Claim.Status.IN_REVIEW})

_REFERENCE_MODELS = (Actor, Side, Outlet, Document, Topic, Appearance, Cites)


def _operator(user) -> bool:
    return user is None


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _perm(user, codename: str, model) -> bool:
    meta = model._meta
    return user.has_perm(f"{meta.app_label}.{codename}_{meta.model_name}")


def is_reviewer(user) -> bool:
    """Return whether `user` may publish, retract and rate (the operator may)."""
    return _operator(user) or visibility.is_reviewer(user)


def is_content_change(fields) -> bool:
    """Return whether changing these claim fields changes what the claim says (and so who last edited it)."""
    return any(field not in NOT_CONTENT_FIELDS for field in fields)


def _claim_refusal(user, action: Action, claim: Claim | None, fields) -> str | None:
    reviewer = is_reviewer(user)
    if action == Action.CREATE:
        if not _operator(user) and not _perm(user, "add", Claim):
            return "Only editors may enter claims."
        status = claim.status if claim is not None else Claim.Status.DRAFT
        if status not in CREATABLE_STATUSES and not _operator(user):
            return (f"A new claim starts as a draft or in review, not {Claim.Status(status).label}: "
                    "publishing is a second person's act.")
        if claim is not None and claim.verdict != Claim.Verdict.UNRATED and not reviewer:
            return "Only reviewers may set the verdict."
        return None
    if _operator(user):
        return None
    if not visibility.claim_is_visible(user, claim):
        return "No such claim."  # The same words as "not there": a hidden claim is not confirmed.
    if action == Action.CHANGE:
        target = fields.get("status", claim.status) if isinstance(fields, Mapping) else claim.status
        fields = set(fields)
        if not _perm(user, "change", Claim):
            return "Only editors may change claims."
        if claim.status == Claim.Status.RETRACTED:
            return "A retracted claim cannot be changed."
        if claim.status == Claim.Status.PUBLISHED and not reviewer:
            return "Only reviewers may change a published claim."
        if target != claim.status:
            reason = _status_change_refusal(user, claim, Claim.Status(target), fields)
            if reason is not None:
                return reason
        if fields & VERDICT_FIELDS and not reviewer:
            return "Only reviewers may set the verdict."
        return None
    if action == Action.SET_VERDICT:
        if not reviewer:
            return "Only reviewers may set the verdict."
        if claim.status == Claim.Status.RETRACTED:
            return "A retracted claim cannot be changed."
        return None
    if action == Action.SUBMIT:
        if not _perm(user, "change", Claim):
            return "Only editors may submit claims for review."
        return None
    if action in (Action.PUBLISH, Action.RETRACT):
        verb = action.value
        if not reviewer:
            return f"Only reviewers may {verb} claims."
        if claim.created_by_id is not None and claim.created_by_id == user.pk:
            return f"Four-eyes rule: you cannot {verb} a claim you created yourself."
        if action == Action.PUBLISH and claim.last_editor_id == user.pk:
            return "Four-eyes rule: you cannot publish a claim whose wording you last changed yourself."
        return None
    if action == Action.DELETE:
        if claim.status in (Claim.Status.PUBLISHED, Claim.Status.RETRACTED):
            return "Published claims are retracted, never deleted."
        if not _perm(user, "delete", Claim):
            return "Only reviewers may delete claims."
        return None
    return f"“{action}” is not an action on a claim."


def _status_change_refusal(user, claim: Claim, target: Claim.Status, fields: set) -> str | None:
    """A change that moves the claim's status is that move: the same rules as the workflow's actions."""
    if target == Claim.Status.PUBLISHED:
        if is_content_change(fields):
            return "Four-eyes rule: you cannot change a claim's content and publish it in one step."
        return _claim_refusal(user, Action.PUBLISH, claim, ())
    if target == Claim.Status.RETRACTED:
        return _claim_refusal(user, Action.RETRACT, claim, ())
    if claim.status in (Claim.Status.PUBLISHED, Claim.Status.RETRACTED):
        return f"A {claim.get_status_display()} claim cannot go back to {target.label}."
    return None


def _reference_refusal(user, action: Action, obj, model) -> str | None:
    """Actors, sides, outlets, documents, topics, appearances and citations."""
    if _operator(user):
        return None
    label = model._meta.verbose_name
    perm_model = Document if model is Cites else model
    if action == Action.CREATE:
        public = isinstance(obj, Appearance | Cites) and visibility.is_shown_to_public(_parent(obj))
        if public and not is_reviewer(user):
            return f"Only reviewers may add {_a(label)} to what the public sees."
        if not _perm(user, "add", perm_model) and not (model is Cites and _perm(user, "change", Document)):
            return f"Only editors may add {_a(label)}."
        return None
    if action in (Action.CHANGE, Action.DELETE):
        codename = "change" if action == Action.CHANGE or model is Cites else "delete"
        if not _perm(user, codename, perm_model):
            return f"You may not {action.value} this {label}."
        if obj is not None and not is_reviewer(user) and visibility.is_shown_to_public(obj):
            return f"Only reviewers may {action.value} {_a(label)} that published claims stand on."
        return None
    return f"“{action}” is not an action on a {label}."


def _a(label: str) -> str:
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


def _parent(obj):
    """Return what a new appearance or citation would attach to: its claim, or the citing document."""
    if isinstance(obj, Appearance):
        return obj.claim
    return Document(pk=obj.from_document_id)


def refusal(user, action: Action | str, obj=None, *, fields=()) -> str | None:
    """Say why `user` may not take `action` on `obj` (touching `fields`), or None when they may.

    `obj` is a model instance (for CREATE, the unsaved instance or its class); `fields` names the
    fields a CHANGE touches, or maps them to their new values (a new `status` is then checked as
    the workflow move it is). `user=None` is the operator at the command line.
    """
    action = Action(action)
    model = obj if isinstance(obj, type) else type(obj)
    instance = None if isinstance(obj, type) else obj
    if not _operator(user) and not _signed_in(user):
        return "Sign in to make changes."
    if action == Action.IMPORT:
        return None if _operator(user) or _perm(user, "add", Claim) else "Only editors may import claims."
    if model is Claim:
        return _claim_refusal(user, action, instance, fields)
    if model is Contradiction:
        if action == Action.REVIEW_FLAG and (_operator(user) or user.has_perm("claims.review_contradiction")):
            return None
        return "Only reviewers may confirm or dismiss flags."
    if model in _REFERENCE_MODELS:
        return _reference_refusal(user, action, instance, model)
    raise TypeError(f"no policy is defined for {model.__name__}")


def require(user, action: Action | str, obj=None, *, fields=()) -> None:
    """Raise PermissionDenied with the reason unless `user` may take `action` on `obj`."""
    reason = refusal(user, action, obj, fields=fields)
    if reason is not None:
        raise PermissionDenied(reason)


def allowed(user, action: Action | str, obj=None, *, fields=()) -> bool:
    """Return whether `user` may take `action` on `obj`."""
    return refusal(user, action, obj, fields=fields) is None


# The workflow's moves, from each status: what to offer when the policy also agrees.
_MOVES = {
    Claim.Status.DRAFT: (Action.SUBMIT, Action.RETRACT),
    Claim.Status.IN_REVIEW: (Action.PUBLISH, Action.RETRACT),
    Claim.Status.PUBLISHED: (Action.RETRACT,),
    Claim.Status.RETRACTED: (),
}


def claim_actions(user, claim: Claim) -> list[Action]:
    """Return the workflow actions (submit, publish, retract) to offer `user` on this claim, in that order.

    The admin's buttons and the API's `actions` are this list: a button is shown exactly when the
    service behind it would agree. Reads `status`, `created_by_id` and `edited_by_id` only.
    """
    return [action for action in _MOVES[Claim.Status(claim.status)] if allowed(user, action, claim)]


def claim_actions_withheld(user, claim: Claim) -> dict[Action, str]:
    """Return the workflow moves this claim's status allows that `user` may not take, each with the reason."""
    refused = {action: refusal(user, action, claim) for action in _MOVES[Claim.Status(claim.status)]}
    return {action: reason for action, reason in refused.items() if reason is not None}
