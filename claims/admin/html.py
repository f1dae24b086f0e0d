"""Plain HTML for the workspace's pages: a side's colour, a claim's status, a claim in one line.

The bottom of the admin package: it imports nothing from it, so every module may use it.
"""

from django.urls import reverse
from django.utils.html import format_html


def side_chip(side):
    """Render a side with its chart colour, from the per-side class /sides.css defines (no inline style: CSP)."""
    if side is None:
        return "—"
    return format_html('<span class="side-chip side-{}"><span class="swatch"></span>{}</span>', side.pk, side.name)


def status_badge(claim):
    return format_html('<span class="status-badge status-{}">{}</span>', claim.status, claim.get_status_display())


def claim_link(claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html('<a href="{}">#{} {}</a>', url, claim.pk, claim)


def claim_summary(claim):
    """One line for a claim in a list of claims: link, side, claimant, topic, figure, status."""
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html(
        '<a href="{}">#{}</a> {} <b>{}</b> · {} {} {}',
        url, claim.pk, side_chip(claim.side), claim.claimant.name, claim.topic.name,
        format_html('· <span class="figure-text">{}</span>', claim.figure_as_worded) if claim.has_figure else "",
        status_badge(claim),
    )


# -- saving through services, with their refusals shown on the form ------------------------------------------
