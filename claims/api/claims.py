"""Claims (DESIGN §8): their representation, schema, CSV columns, writes and workflow.

Query budget (DESIGN §10), not counting authentication, permissions and throttling, whatever the
page size: the list 3 (claims, their provenance chains, the flag ids), one claim 3, its ClaimReview 2.
Writes run the services (history, contradiction refresh): more queries, but a fixed number.
Claims are read from rows of `.values(*CLAIM_FIELDS)`, since model instances cost more than the
rest of a list page's Python together.
"""

import math
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import MethodNotAllowed, NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.settings import api_settings

from claims import policy, selectors, visibility
from claims.api.common import LIST_RENDERERS, ReadSerializer
from claims.api.fields import ReferenceField, WrittenDateField, label_choice_field
from claims.api.filters import ClaimFilter, OrderingFilter
from claims.api.reference import (
    ActorRefSerializer,
    DocumentRefSerializer,
    SideRefSerializer,
    TopicRefSerializer,
    document_ref,
)
from claims.api.renderers import JSONLDRenderer, ORJSONRenderer
from claims.api.resolving import resolve_claim_references
from claims.claimreview import NoVerdict, claim_review
from claims.figures import MAX_VALUE, Qualifier, format_figure
from claims.models import Appearance, Claim
from claims.rules import interval_for
from claims.selectors import Provenance
from claims.services import (
    StaleVersion,
    claim_create,
    claim_publish,
    claim_retract,
    claim_set_appearances,
    claim_submit,
    claim_update,
)
from sources.models import Actor

# -- representation --------------------------------------------------------------------------------


def figure_data(row: Mapping) -> dict | None:
    """Return a claim's figure as worded and parsed, with the interval of counts it allows (§4)."""
    qualifier, value, value_max = row["qualifier"], row["value"], row["value_max"]
    if qualifier is None or value is None:
        return None
    interval = interval_for(qualifier, value, value_max, settings.FIGURE_TOLERANCE)
    reading = format_figure(qualifier, value, value_max)
    return {
        "wording": row["figure_wording"] or reading,
        "reading": reading,
        "qualifier": qualifier,
        "value": value,
        "value_max": value_max,
        "as_of": row["as_of"],
        "interval": {
            "low": interval.low,
            "high": None if math.isinf(interval.high) else interval.high,
            "low_open": interval.low_open,
            "high_open": interval.high_open,
        },
    }


def provenance_data(provenance: Provenance) -> list[dict]:
    return [
        {
            "document": document_ref(link.document),
            "depth": link.depth,
            "role": link.role,
            "quote": link.quote,
            "also_relays": [document.pk for document in link.also_relays],
        }
        for link in provenance.links
    ]


# What a claim's representation reads, as ORM paths: `.values(*CLAIM_FIELDS)` loads it in one query without
# building five model instances per claim (a third of a list page's time when they were built).
CLAIM_FIELDS = (
    "id", "external_id", "topic_id", "topic__slug", "topic__name", "topic__kind",
    "claimant_id", "claimant__name", "claimant__kind", "claimant__role", "claimant__wikidata",
    "side_id", "side__slug", "side__name", "side__wikidata",
    "accused_side_id", "accused_side__slug", "accused_side__name", "accused_side__wikidata",
    "stated_on", "statement", "quote", "language", "translation", "attribution", "stance",
    "figure_wording", "qualifier", "value", "value_max", "as_of", "status", "verdict", "retraction_reason",
    "contested", "version", "created_at", "updated_at",
)


def claim_row(claim: Claim) -> dict:
    """Return a claim object (topic, claimant and sides loaded with it) as the row `claim_data` reads."""
    row = {}
    for path in CLAIM_FIELDS:
        value = claim
        for name in path.split("__"):
            value = None if value is None else getattr(value, name)
        row[path] = value
    return row


def claim_data(row: Mapping, provenance: Provenance, contradiction_ids: list[int]) -> dict:
    """Return one claim, a row of `CLAIM_FIELDS`, as the API shows it."""
    accused = row["accused_side_id"]
    return {
        "id": row["id"],
        "external_id": row["external_id"],
        "topic": {"id": row["topic_id"], "slug": row["topic__slug"], "name": row["topic__name"],
                  "kind": row["topic__kind"]},
        "claimant": {"id": row["claimant_id"], "name": row["claimant__name"], "kind": row["claimant__kind"],
                     "role": row["claimant__role"], "wikidata": row["claimant__wikidata"]},
        "side": {"id": row["side_id"], "slug": row["side__slug"], "name": row["side__name"],
                 "wikidata": row["side__wikidata"]},
        "accused_side": None if accused is None else {
            "id": accused, "slug": row["accused_side__slug"], "name": row["accused_side__name"],
            "wikidata": row["accused_side__wikidata"],
        },
        "stated_on": row["stated_on"],
        "statement": row["statement"],
        "quote": row["quote"],
        "language": row["language"],
        "translation": row["translation"],
        "attribution": row["attribution"],
        "stance": row["stance"],
        "figure": figure_data(row),
        "status": row["status"],
        "verdict": row["verdict"],
        "retraction_reason": row["retraction_reason"],
        "contested": row["contested"],
        "contradictions": contradiction_ids,
        "provenance": provenance_data(provenance),
        "origin_count": provenance.origin_count,
        "version": row["version"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


# -- declared shapes (OpenAPI) ---------------------------------------------------------------------


class IntervalSerializer(serializers.Serializer):
    low = serializers.FloatField(read_only=True)
    high = serializers.FloatField(read_only=True, allow_null=True, help_text="null: no upper bound.")
    low_open = serializers.BooleanField(read_only=True)
    high_open = serializers.BooleanField(read_only=True)


class FigureSerializer(serializers.Serializer):
    wording = serializers.CharField(read_only=True, help_text='The figure as printed, e.g. "dozens", "some 2,000".')
    reading = serializers.CharField(read_only=True, help_text='How it is read, canonically: "at least 12".')
    qualifier = serializers.ChoiceField(Qualifier.choices, read_only=True)
    value = serializers.IntegerField(read_only=True)
    value_max = serializers.IntegerField(read_only=True, allow_null=True, help_text="Upper end of a range.")
    as_of = serializers.DateField(read_only=True, help_text="The date the figure counts up to.")
    interval = IntervalSerializer(read_only=True, help_text="The counts the figure allows (DESIGN §4).")


class ChainLinkSerializer(serializers.Serializer):
    document = DocumentRefSerializer(read_only=True)
    depth = serializers.IntegerField(read_only=True, help_text="0: an origin; deeper links relay shallower ones.")
    role = serializers.ChoiceField(
        [("primary", "primary"), ("report", "report"), ("source", "source")],
        read_only=True,
        help_text="primary/report: where the claim appears; source: a document cited on the way.",
    )
    quote = serializers.CharField(read_only=True, help_text="The quote as printed in this document.")
    also_relays = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="Other documents of the chain this one relays."
    )


class ClaimSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    external_id = serializers.CharField(read_only=True)
    topic = TopicRefSerializer(read_only=True)
    claimant = ActorRefSerializer(read_only=True)
    side = SideRefSerializer(read_only=True)
    accused_side = SideRefSerializer(read_only=True, allow_null=True)
    stated_on = serializers.DateField(read_only=True)
    statement = serializers.CharField(read_only=True)
    quote = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    translation = serializers.CharField(read_only=True)
    attribution = serializers.ChoiceField(Claim.Attribution.choices, read_only=True)
    stance = serializers.ChoiceField(Claim.Stance.choices, read_only=True)
    figure = FigureSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(Claim.Status.choices, read_only=True)
    verdict = serializers.ChoiceField(Claim.Verdict.choices, read_only=True)
    retraction_reason = serializers.CharField(read_only=True)
    contested = serializers.BooleanField(
        read_only=True, help_text="Published and flagged against another published claim (DESIGN §5)."
    )
    contradictions = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="Ids of the live flags you may read."
    )
    provenance = ChainLinkSerializer(many=True, read_only=True, help_text="Origins first, relays beneath.")
    origin_count = serializers.IntegerField(read_only=True, help_text="Independent primary documents behind it.")
    version = serializers.IntegerField(read_only=True, help_text="Send it back when you change the claim.")
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, instance):
        """Represent a (row, provenance, flag ids) triple, as `claim_data` does."""
        return claim_data(*instance)


class ClaimDetailSerializer(ClaimSerializer):
    actions = serializers.ListField(
        child=serializers.ChoiceField([("submit", "submit"), ("publish", "publish"), ("retract", "retract")]),
        read_only=True,
        help_text="The workflow moves you may make on this claim now (POST .../submit/, .../publish/, "
        ".../retract/), as the policy answers them (`claims.policy.claim_actions`): the admin shows the "
        "same buttons. Empty for anonymous readers.",
    )


# -- writes ----------------------------------------------------------------------------------------


_BY_NAME = "By id, or by name as the import matches it (created when new): "


class AppearanceWriteSerializer(serializers.Serializer):
    document = ReferenceField(
        help_text="The document: its id, its URL (https://…), or its title (matched with `outlet` and "
        "`published_on`); created when new, as the import creates it."
    )
    role = label_choice_field(Appearance.Role, default=Appearance.Role.REPORT)
    quote = serializers.CharField(required=False, allow_blank=True, default="", help_text="As printed there.")
    title = serializers.CharField(
        required=False, max_length=500, help_text="A new document's title, when `document` is its URL."
    )
    outlet = ReferenceField(required=False, help_text=_BY_NAME + "who published the document.")
    published_on = WrittenDateField(required=False, allow_null=True, help_text="When the document was published.")


@extend_schema_field(AppearanceWriteSerializer(many=True))
class AppearancesField(serializers.Field):
    """Where a claim appears, each item validated in full even inside a partial update (PATCH)."""

    def to_internal_value(self, data):
        items = AppearanceWriteSerializer(data=data, many=True)
        if not items.is_valid():
            errors = items.errors
            if isinstance(errors, dict):  # the list itself was refused ("Expected a list of items")
                raise serializers.ValidationError(errors.get(api_settings.NON_FIELD_ERRORS_KEY, errors))
            raise serializers.ValidationError({str(i): error for i, error in enumerate(errors) if error})
        return items.validated_data  # documents by name are found or created by claims.api.resolving

    def to_representation(self, value):
        raise NotImplementedError("write-only")


def _figure_number(**kwargs):
    return serializers.IntegerField(min_value=0, max_value=MAX_VALUE, required=False, allow_null=True, **kwargs)


class ClaimWriteSerializer(serializers.Serializer):
    """A claim as an editor enters it: what it stands on by id or by name, the figure as worded (or its parts).

    Choices take their value or label (`paraphrase`, `Direct quote`), dates ISO or the month in words.
    """

    topic = ReferenceField(help_text=_BY_NAME + "a topic's name or slug. A new topic is a figure topic when the "
                           "claim has a figure, else a proposition.")
    claimant = ReferenceField(help_text=_BY_NAME + "an actor's name, on `side` (by name, `side` is required).")
    claimant_kind = label_choice_field(Actor.Kind, required=False, help_text="A new claimant's kind "
                                       "(default person); a stored claimant keeps its own.")
    claimant_role = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                          help_text="A new claimant's role; a stored claimant keeps its own.")
    side = ReferenceField(required=False, help_text=_BY_NAME + "a side's name or slug. Default: the claimant's side.")
    stated_on = WrittenDateField()
    statement = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    quote = serializers.CharField(required=False, allow_blank=True, max_length=10_000, help_text="Verbatim.")
    language = serializers.CharField(required=False, max_length=20, help_text="Of the quote, BCP 47.")
    translation = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    attribution = label_choice_field(Claim.Attribution, required=False)
    stance = label_choice_field(Claim.Stance, required=False)
    accused_side = ReferenceField(required=False, allow_null=True, help_text=_BY_NAME + "a side's name or slug.")
    figure = serializers.CharField(
        required=False, max_length=200, help_text='The figure as worded, e.g. "more than 2,000" (DESIGN §4).'
    )
    qualifier = label_choice_field(Qualifier, required=False, allow_null=True)
    value = _figure_number()
    value_max = _figure_number(help_text='Upper end, for "between" only.')
    as_of = WrittenDateField(required=False, allow_null=True, help_text="Default: stated_on.")
    verdict = label_choice_field(Claim.Verdict, required=False)
    external_id = serializers.CharField(required=False, max_length=200, help_text="Default: generated.")
    appearances = AppearancesField(
        required=False, write_only=True,
        help_text="Where the claim appears; on a change, the whole list is replaced.",
    )

    def validate(self, data):
        if "figure" in data and any(key in data for key in ("qualifier", "value", "value_max")):
            raise serializers.ValidationError(
                {"figure": ["Give the figure as worded or as qualifier and value, not both."]}
            )
        return data


class ClaimUpdateSerializer(ClaimWriteSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a claim changed since then is a 409 with the current one."
    )

    def validate(self, data):
        # Updates are partial, but never without `version`: a change without it could overwrite someone else's.
        if "version" not in data:
            raise serializers.ValidationError({"version": ["This field is required."]})
        return super().validate(data)


class WorkflowSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a claim changed since then is a 409 with the current one."
    )


class RetractSerializer(WorkflowSerializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the claim is retracted; shown with it.")


# -- views -----------------------------------------------------------------------------------------


def claim_bodies(rows: list[dict], user) -> list[dict]:
    """Return claim rows (`CLAIM_FIELDS`) as the API shows them: chains and flag ids in two queries for all."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    chains = selectors.provenances_of(ids)
    flags = selectors.contradiction_ids(ids, user)
    return [claim_data(row, chains[row["id"]], flags[row["id"]]) for row in rows]


def offered_actions(row: Mapping, user) -> list[str]:
    """Return the workflow moves `user` may make on a claim row (with `WHO_FIELDS`): the policy's `claim_actions`."""
    claim = Claim(pk=row["id"], status=row["status"], created_by_id=row["created_by_id"],
                  edited_by_id=row["edited_by_id"])
    return [action.value for action in policy.claim_actions(user, claim)]


# Who entered and who last changed a claim: what the policy reads to offer the workflow's moves.
WHO_FIELDS = ("created_by_id", "edited_by_id")


def claim_body(pk: int, user) -> dict:
    """Return one claim `user` may read as the API shows it, with the moves offered to `user` (three queries),
    or raise the one 404."""
    try:
        row = visibility.claims_visible(user).values(*CLAIM_FIELDS, *WHO_FIELDS).get(pk=pk)
    except Claim.DoesNotExist:
        raise visibility.not_found() from None
    return {**claim_bodies([row], user)[0], "actions": offered_actions(row, user)}


CLAIM_CSV_COLUMNS = {
    "id": "id",
    "external_id": "external_id",
    "topic": "topic.name",
    "topic_slug": "topic.slug",
    "topic_kind": "topic.kind",
    "claimant": "claimant.name",
    "claimant_id": "claimant.id",
    "side": "side.name",
    "accused_side": "accused_side.name",
    "stated_on": "stated_on",
    "statement": "statement",
    "quote": "quote",
    "language": "language",
    "translation": "translation",
    "attribution": "attribution",
    "stance": "stance",
    "figure": "figure.wording",
    "qualifier": "figure.qualifier",
    "value": "figure.value",
    "value_max": "figure.value_max",
    "as_of": "figure.as_of",
    "status": "status",
    "verdict": "verdict",
    "contested": "contested",
    "contradictions": "contradictions",
    "source_url": lambda row: next((link["document"]["url"] for link in row["provenance"]), None),
    "source_title": lambda row: next((link["document"]["title"] for link in row["provenance"]), None),
    "origin_count": "origin_count",
    "version": "version",
}


@extend_schema_view(
    get=extend_schema(summary="List claims", responses=ClaimSerializer(many=True)),
    post=extend_schema(
        summary="Create a claim (editors)",
        request=ClaimWriteSerializer,
        responses={201: ClaimDetailSerializer},
        description="Creates a draft through the same service as the admin; flags in its topic are recomputed.",
    ),
)
class ClaimList(GenericAPIView):
    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering = ("stated_on",)
    ordering_fields = {"stated_on": "stated_on", "id": "id", "updated_at": "updated_at"}
    renderer_classes = LIST_RENDERERS
    csv_columns = CLAIM_CSV_COLUMNS
    csv_filename = "claims"

    def get_queryset(self):
        return visibility.claims_visible(self.request.user)

    def get(self, request):
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()).values(*CLAIM_FIELDS))
        return self.get_paginated_response(claim_bodies(rows, request.user))

    def post(self, request):
        serializer = ClaimWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():  # a topic or actor made for a claim that is then refused goes with it
            data = resolve_claim_references(serializer.validated_data, request.user)
            appearances = data.pop("appearances", [])  # the service asks the policy (verdicts: reviewers only)
            data.setdefault("side", data["claimant"].side)
            claim = claim_create(user=request.user, **data)
            claim_set_appearances(claim=claim, user=request.user, appearances=appearances)
        body = claim_body(claim.pk, request.user)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{claim.pk}/"})


@extend_schema_view(
    get=extend_schema(summary="One claim", responses=ClaimDetailSerializer),
    patch=extend_schema(
        summary="Change a claim (editors)",
        request=ClaimUpdateSerializer,
        responses={200: ClaimDetailSerializer},
        description="Send the `version` you read: if the claim changed since, nothing is written and the answer "
        "is 409 with `current_version`. `appearances`, when given, replaces the whole list. Drafts and claims "
        "in review may be changed by editors, published ones by reviewers only, retracted ones by nobody. "
        "Claims are never deleted (DELETE answers 405): retract them with POST .../retract/.",
    ),
)
class ClaimDetail(GenericAPIView):
    queryset = Claim.objects.all()
    serializer_class = ClaimDetailSerializer
    conflict_responses = True

    def get(self, request, pk):
        return Response(claim_body(pk, request.user))

    def patch(self, request, pk):
        claim = visibility.get_visible(visibility.claims_visible(request.user), pk=pk)
        serializer = ClaimUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        asked = {name: value for name, value in data.items() if name not in ("claimant_kind", "claimant_role")}
        refusal = policy.refusal(request.user, policy.Action.CHANGE, claim, fields=asked)
        if refusal:
            raise PermissionDenied(refusal)
        with transaction.atomic():
            data = resolve_claim_references(data, request.user, claim=claim)
            version = data.pop("version")
            appearances = data.pop("appearances", None)
            claim = claim_update(claim=claim, user=request.user, version=version, **data)
            if appearances is not None:
                claim_set_appearances(claim=claim, user=request.user, appearances=appearances)
        return Response(claim_body(claim.pk, request.user))

    @property
    def allowed_methods(self):
        # `delete` exists only to say how to retract: the Allow header must not offer it.
        return [method for method in super().allowed_methods if method != "DELETE"]

    def delete(self, request, pk):
        raise MethodNotAllowed(
            "DELETE",
            detail=f"Claims are not deleted: retract it instead with POST /api/claims/{pk}/retract/ and a reason.",
        )


class WorkflowView(GenericAPIView):
    """Move one claim through review; `version` must be the one the user read (as in the admin)."""

    queryset = Claim.objects.all()
    serializer_class = WorkflowSerializer
    conflict_responses = True

    def move(self, claim: Claim, user, data: dict) -> Claim:
        raise NotImplementedError

    def post(self, request, pk):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            claim = visibility.get_visible(visibility.claims_visible(request.user).select_for_update(), pk=pk)
            if serializer.validated_data["version"] != claim.version:
                raise StaleVersion(claim)
            claim = self.move(claim, request.user, serializer.validated_data)
        return Response(claim_body(claim.pk, request.user))


_WORKFLOW_DOC = (
    "Send the `version` you read; a claim changed since is a 409 with `current_version`. "
    "The workflow is the admin's: draft → in review (editors) → published (reviewers, not the claim's author) "
    "→ retracted (reviewers, with a reason)."
)


@extend_schema(summary="Submit a draft for review (editors)", description=_WORKFLOW_DOC,
               responses={200: ClaimDetailSerializer})
class ClaimSubmit(WorkflowView):
    def move(self, claim, user, data):
        return claim_submit(claim=claim, user=user)


@extend_schema(summary="Publish a claim in review (reviewers; four eyes)", description=_WORKFLOW_DOC,
               responses={200: ClaimDetailSerializer})
class ClaimPublish(WorkflowView):
    def move(self, claim, user, data):
        return claim_publish(claim=claim, user=user)


@extend_schema(summary="Retract a claim (reviewers; four eyes)", description=_WORKFLOW_DOC,
               responses={200: ClaimDetailSerializer})
class ClaimRetract(WorkflowView):
    serializer_class = RetractSerializer

    def move(self, claim, user, data):
        return claim_retract(claim=claim, user=user, reason=data["reason"])


@extend_schema(
    summary="schema.org ClaimReview of a rated claim",
    description="JSON-LD (application/ld+json; application/json on request). 404 while the claim is unrated.",
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="A schema.org ClaimReview.")},
)
class ClaimReviewView(GenericAPIView):
    queryset = Claim.objects.all()
    renderer_classes = [JSONLDRenderer, ORJSONRenderer]

    def get(self, request, pk):
        try:
            claim = selectors.claim_for_page(pk, request.user)
        except Claim.DoesNotExist:
            raise visibility.not_found() from None
        try:
            return Response(claim_review(claim, request))
        except NoVerdict as exc:
            raise NotFound(str(exc)) from None
