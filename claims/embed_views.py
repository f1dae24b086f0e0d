"""Embeds (issue #18): a claim card and a dispute's chart, alone on a page a newsroom frames in its article.

These two routes, and only these, may be framed: their Content-Security-Policy is the site's own
(`SECURE_CSP`) with `frame-ancestors` taken from `EMBED_FRAME_ANCESTORS` (default any https origin),
and they carry no X-Frame-Options. Every other page keeps `frame-ancestors 'none'` and
`X-Frame-Options: DENY`. An embed shows the public view only: a newsroom's readers are the public.
"""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims import selectors
from claims.charts import COMPACT, figure_chart
from claims.models import Claim
from claims.visibility import not_found
from tracker.security import HEADER, build_policy


def embed_policy() -> str:
    """Return the site's policy with the frame ancestors embeds allow."""
    return build_policy({**settings.SECURE_CSP, "frame-ancestors": list(settings.EMBED_FRAME_ANCESTORS)})


def _framable(response):
    response[HEADER] = embed_policy()
    return response


@xframe_options_exempt
@require_safe
def embed_claim(request, pk):
    """Show one published claim as its card: who, when, what, its verdict, its flags and its sources."""
    try:
        detail = selectors.claim_detail(pk, None)
    except Claim.DoesNotExist:
        raise not_found() from None
    claim = detail.claim
    claim.provenance, claim.flags = detail.provenance, detail.flags
    return _framable(render(request, "claims/embed_claim.html", {"claim": claim}))


@xframe_options_exempt
@require_safe
def embed_chart(request, slug):
    """Show a figure dispute's chart (the latest page of its claims), wide and compact as the frame's width asks."""
    topic = selectors.dispute_topics(None).filter(slug=slug).first()
    if topic is None or not topic.is_figure:
        raise not_found()
    detail = selectors.dispute_detail(topic, None)
    charts = []
    for variant, size in (("wide", {}), ("compact", COMPACT)):
        chart = figure_chart(detail.claims, detail.flags_among_shown, tolerance=settings.FIGURE_TOLERANCE,
                             title=topic.name, **size)
        if chart is not None:
            chart.variant = variant
            charts.append(chart)
    if not charts:
        raise not_found()
    return _framable(render(request, "claims/embed_chart.html",
                            {"topic": topic, "charts": charts, "chart": charts[0], "detail": detail}))
