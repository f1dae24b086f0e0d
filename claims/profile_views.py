"""Pages for every public thing (issue #18): a speaker, an outlet, a side, and the list of topics.

A topic's own page is the dispute page (`/disputes/<slug>/`), which draws any topic with a
public claim: side by side, with its flags when it has some. Hidden and absent things answer
the same 404, so a page never tells that something unpublished exists.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims import profiles
from claims.views import reader_of, share
from claims.visibility import not_found, topics_visible
from sources.models import Actor, Outlet, Side

TOPICS_PAGE_SIZE = 100


class PageForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)


def _page(request) -> int:
    form = PageForm(request.GET)
    if not form.is_valid():
        raise not_found()  # a page number that cannot be read lists nothing
    return form.cleaned_data["page"] or 1


@require_safe
def speaker_detail(request, pk):
    """Show a speaker: role, side, every claim by date (paged), how many contested, the verdicts, where said."""
    reader = reader_of(request)
    try:
        profile = profiles.speaker_profile(pk, reader, page=_page(request))
    except Actor.DoesNotExist:
        raise not_found() from None
    return render(request, "claims/speaker_detail.html",
                  {"profile": profile, "actor": profile.actor, "preview": reader is not None,
                   "download_filters": urlencode({"claimant": pk}),
                   "feeds": [{"title": f"Claims by {profile.actor.name}", "url": reverse("speaker-feed", args=[pk])}],
                   "share": share(request, profile.actor.name,
                                  f"{profile.actor.name}: {profile.tally.claims} claims, "
                                  f"{profile.tally.contested} contested, {profile.tally.rated} rated.")})


@require_safe
def outlet_detail(request, pk):
    """Show an outlet: the claims it published first and those it relayed."""
    reader = reader_of(request)
    try:
        profile = profiles.outlet_profile(pk, reader, page=_page(request))
    except Outlet.DoesNotExist:
        raise not_found() from None
    return render(request, "claims/outlet_detail.html",
                  {"profile": profile, "outlet": profile.outlet, "preview": reader is not None,
                   "download_filters": urlencode({"outlet": pk})})


@require_safe
def side_detail(request, slug):
    """Show a side: its balance (claims, contested share, verdicts), its voices, its disputes, its claims."""
    reader = reader_of(request)
    try:
        profile = profiles.side_profile(slug, reader, page=_page(request))
    except Side.DoesNotExist:
        raise not_found() from None
    return render(request, "claims/side_detail.html",
                  {"profile": profile, "side": profile.side, "preview": reader is not None,
                   "download_filters": urlencode({"side": slug}),
                   "feeds": [{"title": f"Claims by {profile.side.name}", "url": reverse("side-feed", args=[slug])}]})


@require_safe
def topic_list(request):
    """List every topic with a claim the reader may see, A to Z, with its count of claims."""
    reader = reader_of(request)
    page = _page(request)
    start = (page - 1) * TOPICS_PAGE_SIZE
    visible = profiles.claims_visible(reader)
    counts = visible.filter(topic=OuterRef("pk")).order_by().values("topic").annotate(n=Count("pk")).values("n")
    contested = visible.contested().filter(topic=OuterRef("pk")).order_by().values("topic") \
        .annotate(n=Count("pk")).values("n")
    rows = list(
        topics_visible(reader)
        .annotate(claim_count=Coalesce(Subquery(counts), 0), contested_count=Coalesce(Subquery(contested), 0))
        .filter(claim_count__gt=0)
        .order_by("name", "pk")[start : start + TOPICS_PAGE_SIZE + 1]
    )
    return render(request, "claims/topic_list.html", {
        "topics": rows[:TOPICS_PAGE_SIZE], "page": page, "has_next": len(rows) > TOPICS_PAGE_SIZE,
        "preview": reader is not None,
    })
