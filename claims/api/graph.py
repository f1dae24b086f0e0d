"""The claim graph (#21): one claim, its provenance and its contradictions as JSON-LD, and the published @context."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.api.renderers import JSONLDRenderer, ORJSONRenderer
from claims.graph.build import claim_graph
from claims.graph.context import CONTEXT
from claims.models import Claim
from claims.visibility import claims_visible, not_found


def graph_claims(user):
    """Return the claims `user` may read, with what the graph writes of each."""
    return claims_visible(user).select_related("claimant__side", "side", "accused_side")


class ContextView(GenericAPIView):
    """The @context every claim graph refers to (docs/claim-graph.md explains its terms)."""

    permission_classes = ()
    renderer_classes = [JSONLDRenderer, ORJSONRenderer]

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The JSON-LD @context.")})
    def get(self, request):
        return Response(CONTEXT)


class ClaimGraphView(GenericAPIView):
    """A claim as JSON-LD: schema.org Claim, PROV-O provenance, and its contradictions as typed relations."""

    queryset = Claim.objects.none()
    renderer_classes = [JSONLDRenderer, ORJSONRenderer]

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="JSON-LD (@graph).")})
    def get(self, request, pk):
        claim = graph_claims(request.user).filter(pk=pk).first()
        if claim is None:
            raise not_found()
        base = request.build_absolute_uri("/")
        graph = claim_graph([claim], user=request.user, base=base)
        return Response({"@context": reverse("api:context", request=request), **graph})
