"""Contradictions (DESIGN §5, §8): flags between two claims, their representation, schema, CSV and views.

Budget: one query for a list or one flag.
"""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import Coalesce
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from claims.api.common import LIST_RENDERERS, ReadSerializer
from claims.api.filters import ContradictionFilter, OrderingFilter
from claims.api.reference import SideRefSerializer, TopicRefSerializer, side_ref, topic_ref
from claims.figures import format_figure
from claims.models import Claim, Contradiction
from claims.rules import format_severity
from claims.visibility import contradictions_visible, get_visible

# -- representation --------------------------------------------------------------------------------


def severity_data(severity: float | None) -> dict:
    """Return a severity for JSON: infinite is null with the label "∞"; no severity (propositions) is null twice."""
    if severity is None:
        return {"severity": None, "severity_label": None}
    return {"severity": None if math.isinf(severity) else severity, "severity_label": format_severity(severity)}


def gap_score_data(score: float | None) -> dict:
    """Return the ranking figure beside the severity (`rules.gap_score`), three decimals; null for propositions."""
    return {"gap_score": None if score is None else round(score, 3)}


def claim_summary(claim: Claim) -> dict:
    """Return the part of a claim a contradiction shows: who, when, what."""
    return {
        "id": claim.pk,
        "claimant": {"id": claim.claimant.pk, "name": claim.claimant.name},
        "side": side_ref(claim.side),
        "stated_on": claim.stated_on,
        "statement": claim.statement,
        "stance": claim.stance,
        "figure": format_figure(claim.qualifier, claim.value, claim.value_max) if claim.qualifier else None,
        "status": claim.status,
    }


def contradiction_data(flag: Contradiction) -> dict:
    return {
        "id": flag.pk,
        "topic": topic_ref(flag.topic),
        "kind": flag.kind,
        **severity_data(flag.severity),
        **gap_score_data(flag.gap_score),
        "explanation": flag.explanation,
        "status": flag.status,
        "claim_a": claim_summary(flag.claim_a),
        "claim_b": claim_summary(flag.claim_b),
    }


# -- declared shapes (OpenAPI) ---------------------------------------------------------------------


class ClaimantRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ClaimSummarySerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    claimant = ClaimantRefSerializer(read_only=True)
    side = SideRefSerializer(read_only=True)
    stated_on = serializers.DateField(read_only=True)
    statement = serializers.CharField(read_only=True)
    stance = serializers.ChoiceField(Claim.Stance.choices, read_only=True)
    figure = serializers.CharField(read_only=True, allow_null=True, help_text="The figure's canonical wording.")
    status = serializers.ChoiceField(Claim.Status.choices, read_only=True)

    represent = staticmethod(claim_summary)


class SeverityFieldsMixin(serializers.Serializer):
    severity = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="Figure flags: how many times apart (>= 1); null when infinite or for propositions.",
    )
    severity_label = serializers.CharField(
        read_only=True, allow_null=True, help_text='"2.3×", "∞" when infinite; null for propositions.'
    )
    gap_score = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="The ranking figure: log10((h+1)/(l+1)) × log10(h−l+1), where l is the lower figure's highest "
        "count and h the higher one's lowest, so a gap counts magnitude as well as ratio (\"0 vs 2\" scores 0.23, "
        "\"2,000 vs 20,000\" 4.3); 0 when the figures touch; null for propositions. Disputes rank by it.",
    )


class ContradictionSerializer(SeverityFieldsMixin, ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    topic = TopicRefSerializer(read_only=True)
    kind = serializers.ChoiceField(Contradiction.Kind.choices, read_only=True)
    explanation = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(Contradiction.Status.choices, read_only=True)
    claim_a = ClaimSummarySerializer(read_only=True)
    claim_b = ClaimSummarySerializer(read_only=True)

    represent = staticmethod(contradiction_data)


# -- views -----------------------------------------------------------------------------------------


def severity_cell(row: dict) -> float | str:
    """Severity for CSV: the number, "inf" when infinite, empty for propositions (DESIGN §10)."""
    if row["severity"] is not None:
        return row["severity"]
    return "inf" if row["severity_label"] == "∞" else ""


CONTRADICTION_CSV_COLUMNS = {
    "id": "id",
    "topic": "topic.name",
    "topic_slug": "topic.slug",
    "kind": "kind",
    "severity": severity_cell,
    "severity_label": "severity_label",
    "gap_score": "gap_score",
    "explanation": "explanation",
    "status": "status",
    "claim_a": "claim_a.id",
    "claim_a_side": "claim_a.side.name",
    "claim_a_claimant": "claim_a.claimant.name",
    "claim_a_figure": "claim_a.figure",
    "claim_b": "claim_b.id",
    "claim_b_side": "claim_b.side.name",
    "claim_b_claimant": "claim_b.claimant.name",
    "claim_b_figure": "claim_b.figure",
}


def contradictions_loaded(user):
    return (
        contradictions_visible(user, dismissed=True)
        .select_related("topic", "claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side")
        .annotate(rank=Coalesce(F("severity"), Value(-1.0), output_field=FloatField()))
    )


@extend_schema(summary="Contradictions", responses=ContradictionSerializer(many=True))
class ContradictionList(GenericAPIView):
    queryset = Contradiction.objects.all()
    serializer_class = ContradictionSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ContradictionFilter
    ordering = ("-rank",)
    ordering_fields = {"severity": "rank", "id": "id"}
    renderer_classes = LIST_RENDERERS
    csv_columns = CONTRADICTION_CSV_COLUMNS
    csv_filename = "contradictions"

    def get_queryset(self):
        return contradictions_loaded(self.request.user)

    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([contradiction_data(flag) for flag in page])


@extend_schema(summary="One contradiction", responses=ContradictionSerializer)
class ContradictionDetail(GenericAPIView):
    queryset = Contradiction.objects.all()
    serializer_class = ContradictionSerializer

    def get(self, request, pk):
        flag = get_visible(contradictions_loaded(request.user), pk=pk)
        return Response(contradiction_data(flag))
