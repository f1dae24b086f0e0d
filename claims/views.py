"""Public pages: placeholders until the fact-checkers' pages land (issue #4)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from claims.models import Claim, Topic


def dispute_list(request):
    return HttpResponse("Claim Tracker")


def dispute_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return HttpResponse(topic.name, content_type="text/plain")


def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=pk)
    return HttpResponse(str(claim), content_type="text/plain")
