"""The editors' and reviewers' home (#17): what waits for me, counted, each a link to the filtered list.

Each queue is defined once, as a filter over the claims (or flags) a user may read; the admin
index counts them and the lists' "queue" filter shows them, so a count and its list never differ.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from claims import policy
from claims.admin.paging import COUNT_CAP
from claims.models import Claim, Contradiction
from claims.visibility import claims_visible, contradictions_visible, is_reviewer

RECENT_IMPORTS = datetime.timedelta(days=7)
GENERATED_ID = r"^[0-9a-f]{32}$"  # claims.models.new_external_id


COUNT_UP_TO = COUNT_CAP  # beyond this a queue says "1,000+", as its list does: counting a large archive costs seconds


@dataclass(frozen=True)
class QueueRow:
    """One line of the home page: what it counts, how many (up to COUNT_UP_TO + 1), and the list that shows them."""

    key: str
    label: str
    count: int
    url: str

    @property
    def shown(self) -> str:
        return f"{COUNT_UP_TO:,}+" if self.count > COUNT_UP_TO else f"{self.count:,}"


def _count(queryset) -> int:
    """Count up to COUNT_UP_TO rows: each queue's own index finds them, and a long queue stops early."""
    return queryset.order_by()[: COUNT_UP_TO + 1].count()


def _sent_back():
    """Drafts that were in review before: a reviewer sent them back to their author."""
    was_in_review = Claim.history.model.objects.filter(id=OuterRef("pk"), status=Claim.Status.IN_REVIEW)
    return Q(status=Claim.Status.DRAFT) & Exists(was_in_review)


def claim_queues(user) -> dict[str, tuple[str, Q]]:
    """Return {key: (label, condition on claims)} of the claim queues this user works in, in page order."""
    queues = {}
    if is_reviewer(user):
        not_mine = ~Q(created_by=user)
        if any(f.name == "edited_by" for f in Claim._meta.fields):  # four eyes: nor whoever last changed it
            not_mine &= ~Q(edited_by=user)
        queues["review"] = ("Claims awaiting your review", Q(status=Claim.Status.IN_REVIEW) & not_mine)
    if user.has_perm("claims.add_claim"):
        queues["returned"] = ("Your claims sent back to you", Q(created_by=user) & _sent_back())
        queues["drafts"] = ("Your drafts", Q(created_by=user, status=Claim.Status.DRAFT))
        queues["submitted"] = ("Your claims waiting for a reviewer",
                               Q(created_by=user, status=Claim.Status.IN_REVIEW))
        since = timezone.now() - RECENT_IMPORTS
        # An imported row brings its own external_id; entry by hand gets a generated one (uuid4 hex).
        imported = ~Q(external_id__regex=GENERATED_ID) & Q(created_at__gte=since)
        if not is_reviewer(user):
            imported &= Q(created_by=user)
        queues["imported"] = ("Imported in the last 7 days", imported)
    return queues


def open_flags_on_published() -> Q:
    """Flags still open between two claims of which at least one is published: the public may see them soon."""
    published = Claim.Status.PUBLISHED
    return Q(status=Contradiction.Status.OPEN) & (Q(claim_a__status=published) | Q(claim_b__status=published))


def workspace_queue(user) -> list[QueueRow]:
    """Return the home page's queue for this user: one bounded count per queue, whatever the archive's size."""
    rows = []
    visible = claims_visible(user)
    claims_url = reverse("admin:claims_claim_changelist")
    for key, (label, condition) in claim_queues(user).items():
        rows.append(QueueRow(key, label, _count(visible.filter(condition)), f"{claims_url}?queue={key}"))
    if policy.allowed(user, policy.Action.REVIEW_FLAG, Contradiction):
        count = _count(contradictions_visible(user).filter(open_flags_on_published()))
        rows.append(QueueRow("flags", "Open flags on published claims", count,
                             reverse("admin:claims_contradiction_changelist") + "?queue=flags"))
    return rows


class ClaimQueueFilter(admin.SimpleListFilter):
    """The claim list as one of the home page's queues (`?queue=review`)."""

    title = "my queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in claim_queues(request.user).items()]

    def queryset(self, request, queryset):
        queues = claim_queues(request.user)
        if self.value() in queues:
            return queryset.filter(queues[self.value()][1])
        return queryset


class FlagQueueFilter(admin.SimpleListFilter):
    """The contradiction list as the home page's queue of open flags on published claims (`?queue=flags`)."""

    title = "my queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("flags", "Open flags on published claims")]

    def queryset(self, request, queryset):
        if self.value() == "flags":
            return queryset.live().filter(open_flags_on_published())
        return queryset
