"""Public pages (DESIGN §8): the disputes ranked, one dispute side by side, one claim.

Everyone gets the public view: published claims and the live flags between them. A
signed-in editor or reviewer may add `?preview=1` to see what they are allowed to read
(drafts, claims in review, integrity flags) rendered the same way.
"""

from http import HTTPStatus
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims import selectors, visibility
from claims.charts import COMPACT, figure_chart, ink_colour, range_text, safe_colour
from claims.claimreview import claim_review, is_reviewed
from claims.models import Claim, Topic
from sources.models import Side

PAGE_SIZE = 30


class DisputeFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True, label="Search")
    side = forms.ChoiceField(required=False, label="Side")
    kind = forms.ChoiceField(required=False, label="Contradiction")
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, sides, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = [("", "All sides"), *((s.slug, s.name) for s in sides)]
        self.fields["kind"].choices = [("", "All kinds"), *kinds]


def reader_of(request):
    """Return whose view to render: None (the public) unless a signed-in editor asks for `?preview=1`."""
    if request.GET.get("preview") == "1" and not visibility.is_public(request.user):
        return request.user
    return None


def share(request, title: str, description: str) -> dict:
    """Return what a page's Open Graph and Twitter tags say: its title, a line about it, its address."""
    return {"title": title, "description": description[:300],
            "url": request.build_absolute_uri(request.path)}


@require_safe
def dispute_list(request):
    """List the disputes, largest gap first, with search and filters."""
    reader = reader_of(request)
    sides = list(selectors.sides_in_disputes(reader))
    form = DisputeFilterForm(request.GET, sides=sides, kinds=visibility.kinds_visible(reader))
    status = HTTPStatus.OK
    topics, page, has_next = [], 1, False
    if form.is_valid():
        data = form.cleaned_data
        page = data["page"] or 1
        start = (page - 1) * PAGE_SIZE
        # One row more than shown tells whether there is a next page, without COUNT(*).
        ranked = selectors.dispute_list(reader, q=data["q"], side=data["side"], kind=data["kind"])
        topics = selectors.dispute_headlines(selectors.dispute_sides(ranked[start : start + PAGE_SIZE + 1], reader))
        has_next = len(topics) > PAGE_SIZE
        topics = topics[:PAGE_SIZE]
    else:
        status = HTTPStatus.BAD_REQUEST
    filtered = form.is_valid() and any(form.cleaned_data[k] for k in ("q", "side", "kind"))
    return render(
        request,
        "claims/dispute_list.html",
        {
            "form": form,
            "topics": topics,
            "rank_offset": (page - 1) * PAGE_SIZE,
            "page": page,
            "has_next": has_next,
            "filtered": filtered,
            "preview": reader is not None,
        },
        status=status,
    )


def _positions(request) -> tuple[selectors.Position | None, selectors.Position | None]:
    """Read `?before=` and `?after=` (a page of a dispute); raise BadPosition naming the parameter."""
    positions = {}
    for name in ("before", "after"):
        raw = request.GET.get(name)
        if raw is None:
            positions[name] = None
            continue
        try:
            positions[name] = selectors.Position.parse(raw)
        except selectors.BadPosition as error:
            raise selectors.BadPosition(f"{name}: {error}") from None
    return positions["before"], positions["after"]


def _timeline_charts(detail: selectors.DisputePage) -> list:
    """Draw every claim of the topic on one axis, wide and compact: each claim, or past TIMELINE_BANDS_FROM figure
    claims each side's weekly bands with the page's claims marked; the largest gap shaded either way."""
    overview, topic = detail.overview, detail.topic
    top = [overview.top] if overview.top is not None and overview.top.is_figure else []
    if overview.banded:
        claims = {c.pk: c for c in detail.claims if c.has_figure}
        for claim in (top[0].claim_a, top[0].claim_b) if top else ():
            claims.setdefault(claim.pk, claim)
        marks, bands = list(claims.values()), overview.bands
    else:
        marks, bands = overview.points, []
    charts = []
    for variant, size in (("wide", {}), ("compact", COMPACT)):
        chart = figure_chart(marks, top, tolerance=settings.FIGURE_TOLERANCE, title=topic.name, bands=bands,
                             on_page=detail.shown_ids, **size)
        if chart is not None:
            chart.variant = variant
            charts.append(chart)
    return charts


@require_safe
def dispute_detail(request, slug):
    """Show one topic: its sides at a glance, every claim on one axis, then a page of claims in a column per side.

    A topic of more than DISPUTE_PAGE_SIZE claims lists them a page at a time, latest first, with
    links to the earlier and later claims (`?before=` / `?after=`, positions that never shift); the
    summary and the chart always cover the whole topic.
    """
    reader = reader_of(request)
    # A topic with no claim this reader may read is absent to them: one 404 before any parameter is read. The page
    # reads the topic's largest gap with its overview, so no annotation here (dispute_topics sorts every flag).
    topic = visibility.get_visible(
        Topic.objects.select_related("counted_side").filter(visibility.with_claims_visible(reader)), slug=slug)
    try:
        before, after = _positions(request)
        detail = selectors.dispute_page(topic, reader, before=before, after=after)
    except selectors.BadPosition as error:
        return render(request, "claims/bad_request.html", {"message": str(error), "topic": topic},
                      status=HTTPStatus.BAD_REQUEST)
    if not detail.claims:
        if before is None and after is None:
            raise visibility.not_found()
        raise Http404("No public claims on this topic lie beyond that position.")
    charts = _timeline_charts(detail) if topic.is_figure else []
    sides = len(detail.overview.sides)
    return render(
        request,
        "claims/dispute_detail.html",
        {
            "topic": topic,
            "detail": detail,
            "overview": detail.overview,
            "shown_ids": detail.shown_ids,
            "chart": charts[0] if charts else None,
            "charts": charts,
            "preview": reader is not None,
            "feeds": [{"title": f"New claims on {topic.name}", "url": reverse("dispute-feed", args=[topic.slug])}],
            "share": share(request, topic.name, f"{detail.claim_count} claims by {sides} side{pluralize(sides)} on "
                           f"“{topic.name}”, side by side, with the contradictions between them."),
        },
    )


@require_safe
def claim_detail(request, pk):
    """Show one claim: its provenance chain, its flags, its history and, when rated, its ClaimReview."""
    reader = reader_of(request)
    try:
        detail = selectors.claim_detail(pk, reader)
    except Claim.DoesNotExist:
        raise visibility.not_found() from None
    claim = detail.claim
    return render(
        request,
        "claims/claim_detail.html",
        {
            "detail": detail,
            "claim": claim,
            "claim_review": claim_review(claim, request) if is_reviewed(claim) else None,
            "allowed": range_text(claim.qualifier, claim.value, claim.value_max, settings.FIGURE_TOLERANCE)
            if claim.has_figure
            else "",
            "preview": reader is not None,
            "dispute_url": _dispute_page_of(claim, preview=reader is not None),
            "share": share(request, f"{claim.claimant.name}: {claim_headline(claim)}",
                           f"{claim.claimant.name} ({claim.side.name}), {claim.stated_on:%d %b %Y}, on "
                           f"{claim.topic.name}." + (f" Rated {claim.get_verdict_display()}." if is_reviewed(claim)
                                                     else "")),
        },
    )


def claim_headline(claim: Claim) -> str:
    """Return a claim in a line: its figure as worded, else its statement, quote or translation."""
    text = claim.figure_as_worded or claim.statement or claim.translation or claim.quote
    return text if len(text) <= 120 else text[:119] + "…"


def _dispute_page_of(claim: Claim, *, preview: bool) -> str:
    """Return the link to the dispute page that holds this claim, at its card.

    A topic's page shows its latest claims; an older claim (`on_earlier_page`, see
    selectors.claim_detail) is on an earlier page: the one that ends with it.
    """
    query = {"preview": "1"} if preview else {}
    if claim.on_earlier_page:
        query["before"] = str(selectors.Position.just_after(claim))
    return f"{claim.topic.get_absolute_url()}{'?' if query else ''}{urlencode(query)}#claim-{claim.pk}"


@require_safe
def side_styles(request):
    """Serve a class per side carrying its colour (`--side`, and `--side-ink` dark enough for text), so pages need
    no inline styles (CSP)."""
    rules = [
        f".side-{pk}{{--side:{safe_colour(colour)};--side-ink:{ink_colour(colour)}}}"
        for pk, colour in Side.objects.order_by("pk").values_list("pk", "colour")
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
