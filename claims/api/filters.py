"""Query parameters of the list endpoints: filters and ordering (DESIGN §8).

A value that cannot be read (`status=bogus`, `stated_after=yesterday`, `ordering=colour`) is a 400
naming the parameter; a well-formed value that matches nothing (`topic=no-such-slug`) is an empty page.
"""

from django import forms
from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from claims.api.fields import LabelChoiceFilter, choice_help, label_choice_field
from claims.models import Claim, Contradiction, Topic
from claims.selectors import search_claims
from sources.models import Actor, Document, Outlet

MAX_ID = 2**63 - 1


class _IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IntegerFilter(filters.NumberFilter):
    """An id: a whole number (not the decimal NumberFilter reads)."""

    field_class = _IdField


@extend_schema_field({"type": "boolean"})
class BooleanFilter(filters.TypedChoiceFilter):
    """`true` or `false`; anything else is a 400 rather than silently no filter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class ClaimFilter(filters.FilterSet):
    topic = filters.CharFilter(field_name="topic__slug", help_text="Topic slug.")
    side = filters.CharFilter(field_name="side__slug", help_text="Side slug: the claimant's side.")
    claimant = IntegerFilter(field_name="claimant_id", help_text="Actor id.")
    contested = BooleanFilter(
        method="filter_contested",
        help_text="true: published claims with a live public contradiction; false: every other claim.",
    )
    status = LabelChoiceFilter(
        choices=Claim.Status, help_text=f"{choice_help(Claim.Status)} Anonymous users only ever see published claims."
    )
    kind = LabelChoiceFilter(field_name="topic__kind", choices=Topic.Kind,
                             help_text=f"The topic's kind. {choice_help(Topic.Kind)}")
    stated_after = filters.DateFilter(field_name="stated_on", lookup_expr="gte", help_text="On or after (YYYY-MM-DD).")
    stated_before = filters.DateFilter(
        field_name="stated_on", lookup_expr="lte", help_text="On or before (YYYY-MM-DD)."
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Full text over statement, quote, translation, claimant and topic "
        "(PostgreSQL web-search syntax; every word on SQLite).",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_contested(self, queryset, name, value):
        contested = Q(contested=True, status=Claim.Status.PUBLISHED)
        return queryset.filter(contested) if value else queryset.exclude(contested)

    def filter_q(self, queryset, name, value):
        return search_claims(queryset, value.strip()) if value.strip() else queryset


class ContradictionFilter(filters.FilterSet):
    topic = filters.CharFilter(field_name="topic__slug", help_text="Topic slug.")
    kind = LabelChoiceFilter(choices=Contradiction.Kind)
    status = LabelChoiceFilter(
        choices=Contradiction.Status,
        help_text=f"{choice_help(Contradiction.Status)} Anonymous users see open and confirmed flags only.",
    )
    claim = IntegerFilter(method="filter_claim", help_text="Flags involving this claim id.")
    side = filters.CharFilter(method="filter_side", help_text="Flags where this side (slug) made either claim.")

    class Meta:
        model = Contradiction
        fields = []

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))

    def filter_side(self, queryset, name, value):
        return queryset.filter(Q(claim_a__side__slug=value) | Q(claim_b__side__slug=value))


class TopicFilter(filters.FilterSet):
    kind = LabelChoiceFilter(choices=Topic.Kind)

    class Meta:
        model = Topic
        fields = []


class ActorFilter(filters.FilterSet):
    side = filters.CharFilter(field_name="side__slug", help_text="Side slug.")
    kind = LabelChoiceFilter(choices=Actor.Kind)

    class Meta:
        model = Actor
        fields = []


class OutletFilter(filters.FilterSet):
    kind = LabelChoiceFilter(choices=Outlet.Kind)

    class Meta:
        model = Outlet
        fields = []


class DocumentFilter(filters.FilterSet):
    outlet = IntegerFilter(field_name="outlet_id", help_text="Outlet id.")

    class Meta:
        model = Document
        fields = []


class DisputeQuerySerializer(serializers.Serializer):
    """The disputes list's parameters, handed to `claims.selectors.dispute_list`."""

    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Disputes with a claim matching these words."
    )
    side = serializers.SlugField(
        required=False, allow_blank=True, help_text="Disputes where this side's claim is flagged (slug)."
    )
    kind = label_choice_field(
        Contradiction.Kind, required=False, allow_blank=True,
        help_text=f"Disputes with a flag of this kind. {choice_help(Contradiction.Kind)}",
    )


class OrderingFilter(BaseFilterBackend):
    """`?ordering=name` or `-name` among the view's `ordering_fields` (API name -> model field); else a 400.

    One field only: the cursor pages by it, and ties fall back to the id.
    """

    param = "ordering"

    def get_ordering(self, request, queryset, view):
        value = request.query_params.get(self.param, "").strip()
        if not value:
            return view.ordering
        name = value.removeprefix("-")
        if name not in view.ordering_fields:
            choices = ", ".join(sorted(view.ordering_fields))
            raise serializers.ValidationError({self.param: [f"Unknown ordering “{value}”; choose one of {choices}."]})
        return ("-" if value.startswith("-") else "") + view.ordering_fields[name]

    def filter_queryset(self, request, queryset, view):
        # The cursor paginator applies the ordering (it asks get_ordering); validating here keeps unpaginated
        # uses, such as a bad ?ordering on any page, a 400 too.
        self.get_ordering(request, queryset, view)
        return queryset

    def get_schema_operation_parameters(self, view):
        names = sorted(view.ordering_fields)
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Sort by one field; prefix with - for descending.",
                "schema": {"type": "string", "enum": [*names, *(f"-{name}" for name in names)]},
            }
        ]
