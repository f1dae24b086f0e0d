"""Disputes (DESIGN §8): topics with contested claims, ranked, and one dispute side by side.

Budget: the list 2 (ranked topics, their sides), one dispute 5.
"""

from django.db.models import F, FloatField, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims import selectors, visibility
from claims.api.claims import ClaimSerializer, claim_data, claim_row
from claims.api.common import LIST_RENDERERS, ReadSerializer
from claims.api.contradictions import (
    ContradictionSerializer,
    SeverityFieldsMixin,
    contradiction_data,
    gap_score_data,
    severity_cell,
    severity_data,
)
from claims.api.filters import DisputeQuerySerializer
from claims.api.reference import SideSerializer, TopicRefSerializer, TopicSerializer, side_data, topic_data, topic_ref
from claims.models import Contradiction, Topic
from claims.selectors import BadPosition, Position

# -- representation and declared shapes ------------------------------------------------------------


def dispute_data(topic: Topic) -> dict:
    """Return one entry of the disputes list (a topic annotated by `dispute_list`, `sides` set)."""
    return {
        "topic": topic_ref(topic),
        **severity_data(topic.max_severity),
        **gap_score_data(topic.max_gap_score),
        "top_kind": topic.top_kind,
        "top_explanation": topic.top_explanation,
        "claim_count": topic.claim_count,
        "latest_claim_on": topic.latest_claim_on,
        "sides": [side_data(side) for side in topic.sides],
    }


class DisputeSerializer(SeverityFieldsMixin, ReadSerializer):
    topic = TopicRefSerializer(read_only=True)
    top_kind = serializers.ChoiceField(
        Contradiction.Kind.choices, read_only=True, help_text="Kind of its largest flag."
    )
    top_explanation = serializers.CharField(read_only=True)
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims you may read on this topic.")
    latest_claim_on = serializers.DateField(read_only=True, allow_null=True)
    sides = SideSerializer(many=True, read_only=True)

    represent = staticmethod(dispute_data)


class PositionField(serializers.CharField):
    """A place in a topic's claims, `YYYY-MM-DD.ID` (the date stated, then the id), as `earlier`/`later` give it."""

    def to_internal_value(self, data):
        try:
            return Position.parse(super().to_internal_value(data))
        except BadPosition as error:
            raise serializers.ValidationError(str(error)) from None


class DisputePageQuerySerializer(serializers.Serializer):
    """One dispute's page parameters: the claims before or after a position (else the latest ones)."""

    before = PositionField(
        required=False,
        help_text="The claims stated before this position (`YYYY-MM-DD.ID`; follow `earlier`).",
    )
    after = PositionField(
        required=False,
        help_text="The claims stated after this position (`YYYY-MM-DD.ID`; follow `later`).",
    )

    def validate(self, attrs):
        if attrs.get("before") is not None and attrs.get("after") is not None:
            raise serializers.ValidationError({"after": ["Give before or after, not both."]})
        return attrs


class DisputeColumnSerializer(serializers.Serializer):
    side = SideSerializer(read_only=True)
    claim_count = serializers.IntegerField(read_only=True, help_text="The side's claims on the whole topic.")
    claims = ClaimSerializer(many=True, read_only=True, help_text="The side's claims on this page, by date.")


class DisputeDetailSerializer(SeverityFieldsMixin, serializers.Serializer):
    """A page of one dispute: at most DISPUTE_PAGE_SIZE claims, the latest unless `before`/`after` says otherwise."""

    topic = TopicSerializer(read_only=True)
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims you may read on the whole topic.")
    earlier = serializers.URLField(
        read_only=True, allow_null=True, help_text="The page of the claims before these; null on the first."
    )
    later = serializers.URLField(
        read_only=True, allow_null=True, help_text="The page of the claims after these; null on the latest."
    )
    sides = DisputeColumnSerializer(
        many=True, read_only=True, help_text="A column per side of the topic, by side name (claims may be empty)."
    )
    contradictions = ContradictionSerializer(
        many=True, read_only=True, help_text="Flags touching the claims on this page, largest first."
    )
    more_contradictions = serializers.BooleanField(
        read_only=True, help_text="More flags exist than the ones listed (the largest are listed)."
    )

    def to_representation(self, detail):
        def claim(claim):
            return claim_data(claim_row(claim), claim.provenance, [flag.contradiction.pk for flag in claim.flags])

        def page(param, position):
            if position is None:
                return None
            url = remove_query_param(self.context["request"].build_absolute_uri(), "before" if param == "after"
                                     else "after")
            return replace_query_param(url, param, str(position))

        return {
            "topic": topic_data(detail.topic),
            # The largest gap of the whole topic, whichever page this is.
            **severity_data(detail.max_severity),
            **gap_score_data(detail.topic.max_gap_score),
            "claim_count": detail.claim_count,
            "earlier": page("before", detail.earlier),
            "later": page("after", detail.later),
            "sides": [
                {"side": side_data(column.side), "claim_count": column.claim_count,
                 "claims": [claim(c) for c in column.claims]}
                for column in detail.columns
            ],
            "contradictions": [contradiction_data(flag) for flag in detail.contradictions],
            "more_contradictions": detail.more_contradictions,
        }


# -- views -----------------------------------------------------------------------------------------


DISPUTE_CSV_COLUMNS = {
    "topic": "topic.name",
    "topic_slug": "topic.slug",
    "topic_kind": "topic.kind",
    "severity": severity_cell,
    "severity_label": "severity_label",
    "gap_score": "gap_score",
    "top_kind": "top_kind",
    "top_explanation": "top_explanation",
    "claim_count": "claim_count",
    "latest_claim_on": "latest_claim_on",
    "sides": lambda row: "; ".join(side["name"] for side in row["sides"]),
}


@extend_schema(
    summary="Disputes, ranked",
    description="Topics with contested claims, largest gap score first (propositions after figures).",
    parameters=[DisputeQuerySerializer],
    responses=DisputeSerializer(many=True),
)
class DisputeList(GenericAPIView):
    queryset = Topic.objects.all()
    serializer_class = DisputeSerializer
    # Cursor on the rank (largest gap score; -1 for propositions), then the freshest dispute.
    ordering = ("-rank", "-latest_claim_on", "name")
    renderer_classes = LIST_RENDERERS
    csv_columns = DISPUTE_CSV_COLUMNS
    csv_filename = "disputes"

    def get(self, request):
        params = DisputeQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        topics = selectors.dispute_list(request.user, **params.validated_data).annotate(
            rank=Coalesce(F("max_gap_score"), Value(-1.0), output_field=FloatField())
        )
        page = selectors.dispute_sides(self.paginate_queryset(topics), request.user)
        return self.get_paginated_response([dispute_data(topic) for topic in page])


@extend_schema(
    summary="One dispute, side by side",
    description=(
        f"A page of at most {selectors.DISPUTE_PAGE_SIZE} claims of one topic: the latest, or those before or after "
        "a position (follow `earlier` and `later`). Every claim of a topic: `/api/claims/?topic=<slug>`."
    ),
    parameters=[DisputePageQuerySerializer],
    responses=DisputeDetailSerializer,
)
class DisputeDetail(GenericAPIView):
    queryset = Topic.objects.all()
    serializer_class = DisputeDetailSerializer

    def get(self, request, slug):
        # A topic with no claim this reader may read is absent to them: one 404, whatever the parameters say.
        topics = selectors.dispute_topics(request.user).filter(visibility.with_claims_visible(request.user))
        topic = visibility.get_visible(topics, slug=slug)
        params = DisputePageQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        detail = selectors.dispute_detail(topic, request.user, **params.validated_data)
        if not detail.claims:
            if not params.validated_data:
                raise visibility.not_found()
            raise NotFound(f"No claims on “{slug}” that you may read lie beyond that position.")
        return Response(DisputeDetailSerializer(detail, context={"request": request}).data)
