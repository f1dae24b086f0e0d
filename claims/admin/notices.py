"""What the workspace tells an editor after a save: the published claims a new claim would contradict."""

from django.contrib import messages
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from claims.admin.html import claim_link
from claims.models import Claim, Contradiction


def warn_about_contradictions(request, claims):
    """Warn about the published claims these not-yet-published claims contradict (drafts take part in flags)."""
    pending = [c for c in claims if c.status in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW)]
    if not pending:
        return
    flags = (
        Contradiction.objects.live()
        .filter(Q(claim_a__in=pending, claim_b__status=Claim.Status.PUBLISHED)
                | Q(claim_b__in=pending, claim_a__status=Claim.Status.PUBLISHED))
        .select_related("claim_a__claimant", "claim_b__claimant")
        .order_by("claim_a_id", "claim_b_id")
    )
    pending_ids = {c.pk for c in pending}
    rows = [
        (flag.get_kind_display(), claim_link(flag.claim_b if flag.claim_a_id in pending_ids else flag.claim_a),
         flag.explanation)
        for flag in flags
    ]
    if rows:
        messages.warning(request, format_html(
            "This would contradict {} published claim{}:{}",
            len(rows), "" if len(rows) == 1 else "s", format_html_join("", "<br>{}: {} — {}", rows)))
