"""The REST API (DESIGN §8): thin views over `claims.selectors` (reads) and `claims.services` (writes).

Query budget (DESIGN §10), not counting authentication, permissions and throttling, whatever
the page size: claims list 3 (claims, their provenance chains, the flag ids), one claim 3,
its ClaimReview 2, disputes 2 (ranked topics, their sides), one dispute 5, contradictions 1,
topics, sides, actors and outlets 1, documents 2 (with what they cite).
Writes run the services (history, contradiction refresh): more queries, but a fixed number.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F, FloatField, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import MethodNotAllowed, NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api import serializers as s
from claims.api.filters import (
    ActorFilter,
    ClaimFilter,
    ContradictionFilter,
    DisputeQuerySerializer,
    DocumentFilter,
    OrderingFilter,
    TopicFilter,
)
from claims.api.renderers import CSVRenderer, JSONLDRenderer, ORJSONRenderer
from claims.api.visibility import actors_visible, documents_visible, outlets_visible, topics_visible
from claims.claimreview import NoVerdict, claim_review
from claims.models import Claim, Contradiction, Topic
from claims.services import (
    StaleVersion,
    claim_change_refusal,
    claim_create,
    claim_publish,
    claim_retract,
    claim_set_appearances,
    claim_submit,
    claim_update,
    topic_update,
)
from sources.models import Actor, Document, Outlet, Side
from tracker.security import build_policy

LIST_RENDERERS = [ORJSONRenderer, CSVRenderer]
REVIEWER_PERM = "claims.publish_claim"


def _severity_cell(row: dict) -> float | str:
    """Severity for CSV: the number, "inf" when infinite, empty for propositions (DESIGN §10)."""
    if row["severity"] is not None:
        return row["severity"]
    return "inf" if row["severity_label"] == "∞" else ""


# -- claims ------------------------------------------------------------------------------------------------


def claim_bodies(rows: list[dict], user) -> list[dict]:
    """Return claim rows (`CLAIM_FIELDS`) as the API shows them: chains and flag ids in two queries for all."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    chains = selectors.provenances_of(ids)
    flags = selectors.contradiction_ids(ids, user)
    return [s.claim_data(row, chains[row["id"]], flags[row["id"]]) for row in rows]


def claim_body(pk: int, user) -> dict:
    """Return one claim `user` may read as the API shows it (three queries), or raise NotFound."""
    try:
        row = selectors.claims_visible(user).values(*s.CLAIM_FIELDS).get(pk=pk)
    except Claim.DoesNotExist:
        raise NotFound(f"No claim {pk} that you may read.") from None
    return claim_bodies([row], user)[0]


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
    get=extend_schema(summary="List claims", responses=s.ClaimSerializer(many=True)),
    post=extend_schema(
        summary="Create a claim (editors)",
        request=s.ClaimWriteSerializer,
        responses={201: s.ClaimSerializer},
        description="Creates a draft through the same service as the admin; flags in its topic are recomputed.",
    ),
)
class ClaimList(GenericAPIView):
    queryset = Claim.objects.all()
    serializer_class = s.ClaimSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering = ("stated_on",)
    ordering_fields = {"stated_on": "stated_on", "id": "id", "updated_at": "updated_at"}
    renderer_classes = LIST_RENDERERS
    csv_columns = CLAIM_CSV_COLUMNS
    csv_filename = "claims"

    def get_queryset(self):
        return selectors.claims_visible(self.request.user)

    def get(self, request):
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()).values(*s.CLAIM_FIELDS))
        return self.get_paginated_response(claim_bodies(rows, request.user))

    def post(self, request):
        serializer = s.ClaimWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "verdict" in data and not request.user.has_perm(REVIEWER_PERM):
            raise PermissionDenied("Only reviewers may set the verdict.")
        appearances = data.pop("appearances", [])
        data.setdefault("side", data["claimant"].side)
        claim = claim_create(user=request.user, **data)
        claim_set_appearances(claim=claim, appearances=appearances)
        body = claim_body(claim.pk, request.user)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{claim.pk}/"})


@extend_schema_view(
    get=extend_schema(summary="One claim", responses=s.ClaimSerializer),
    patch=extend_schema(
        summary="Change a claim (editors)",
        request=s.ClaimUpdateSerializer,
        responses={200: s.ClaimSerializer},
        description="Send the `version` you read: if the claim changed since, nothing is written and the answer "
        "is 409 with `current_version`. `appearances`, when given, replaces the whole list. Drafts and claims "
        "in review may be changed by editors, published ones by reviewers only, retracted ones by nobody. "
        "Claims are never deleted (DELETE answers 405): retract them with POST .../retract/.",
    ),
)
class ClaimDetail(GenericAPIView):
    queryset = Claim.objects.all()
    serializer_class = s.ClaimSerializer
    conflict_responses = True

    def get(self, request, pk):
        return Response(claim_body(pk, request.user))

    def patch(self, request, pk):
        claim = get_object_or_404(selectors.claims_visible(request.user), pk=pk)
        serializer = s.ClaimUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        refusal = claim_change_refusal(claim=claim, user=request.user, fields=data)
        if refusal:
            raise PermissionDenied(refusal)
        version = data.pop("version")
        appearances = data.pop("appearances", None)
        claim = claim_update(claim=claim, user=request.user, version=version, **data)
        if appearances is not None:
            claim_set_appearances(claim=claim, appearances=appearances)
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
    serializer_class = s.WorkflowSerializer
    conflict_responses = True

    def move(self, claim: Claim, user, data: dict) -> Claim:
        raise NotImplementedError

    def post(self, request, pk):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            claim = get_object_or_404(selectors.claims_visible(request.user).select_for_update(), pk=pk)
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
               responses={200: s.ClaimSerializer})
class ClaimSubmit(WorkflowView):
    def move(self, claim, user, data):
        return claim_submit(claim=claim, user=user)


@extend_schema(summary="Publish a claim in review (reviewers; four eyes)", description=_WORKFLOW_DOC,
               responses={200: s.ClaimSerializer})
class ClaimPublish(WorkflowView):
    def move(self, claim, user, data):
        return claim_publish(claim=claim, user=user)


@extend_schema(summary="Retract a claim (reviewers; four eyes)", description=_WORKFLOW_DOC,
               responses={200: s.ClaimSerializer})
class ClaimRetract(WorkflowView):
    serializer_class = s.RetractSerializer

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
            raise NotFound(f"No claim {pk} that you may read.") from None
        try:
            return Response(claim_review(claim, request))
        except NoVerdict as exc:
            raise NotFound(str(exc)) from None


# -- disputes and contradictions ------------------------------------------------------------------------------


DISPUTE_CSV_COLUMNS = {
    "topic": "topic.name",
    "topic_slug": "topic.slug",
    "topic_kind": "topic.kind",
    "severity": _severity_cell,
    "severity_label": "severity_label",
    "top_kind": "top_kind",
    "top_explanation": "top_explanation",
    "claim_count": "claim_count",
    "latest_claim_on": "latest_claim_on",
    "sides": lambda row: "; ".join(side["name"] for side in row["sides"]),
}


@extend_schema(
    summary="Disputes, ranked",
    description="Topics with contested claims, largest severity first (propositions after figures).",
    parameters=[DisputeQuerySerializer],
    responses=s.DisputeSerializer(many=True),
)
class DisputeList(GenericAPIView):
    queryset = Topic.objects.all()
    serializer_class = s.DisputeSerializer
    # Cursor on the rank (largest severity; -1 for propositions), then the freshest dispute.
    ordering = ("-rank", "-latest_claim_on", "name")
    renderer_classes = LIST_RENDERERS
    csv_columns = DISPUTE_CSV_COLUMNS
    csv_filename = "disputes"

    def get(self, request):
        params = DisputeQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        topics = selectors.dispute_list(request.user, **params.validated_data).annotate(
            rank=Coalesce(F("max_severity"), Value(-1.0), output_field=FloatField())
        )
        page = selectors.dispute_sides(self.paginate_queryset(topics), request.user)
        return self.get_paginated_response([s.dispute_data(topic) for topic in page])


@extend_schema(
    summary="One dispute, side by side",
    description=(
        f"A page of at most {selectors.DISPUTE_PAGE_SIZE} claims of one topic: the latest, or those before or after "
        "a position (follow `earlier` and `later`). Every claim of a topic: `/api/claims/?topic=<slug>`."
    ),
    parameters=[s.DisputePageQuerySerializer],
    responses=s.DisputeDetailSerializer,
)
class DisputeDetail(GenericAPIView):
    queryset = Topic.objects.all()
    serializer_class = s.DisputeDetailSerializer

    def get(self, request, slug):
        topic = get_object_or_404(selectors.dispute_topics(request.user), slug=slug)
        params = s.DisputePageQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        detail = selectors.dispute_detail(topic, request.user, **params.validated_data)
        if not detail.claims:
            if params.validated_data:
                raise NotFound(f"No claims on “{slug}” that you may read lie beyond that position.")
            raise NotFound(f"No claims on “{slug}” that you may read.")
        return Response(s.DisputeDetailSerializer(detail, context={"request": request}).data)


CONTRADICTION_CSV_COLUMNS = {
    "id": "id",
    "topic": "topic.name",
    "topic_slug": "topic.slug",
    "kind": "kind",
    "severity": _severity_cell,
    "severity_label": "severity_label",
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
        Contradiction.objects.visible_to(user)
        .select_related("topic", "claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side")
        .annotate(rank=Coalesce(F("severity"), Value(-1.0), output_field=FloatField()))
    )


@extend_schema(summary="Contradictions", responses=s.ContradictionSerializer(many=True))
class ContradictionList(GenericAPIView):
    queryset = Contradiction.objects.all()
    serializer_class = s.ContradictionSerializer
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
        return self.get_paginated_response([s.contradiction_data(flag) for flag in page])


@extend_schema(summary="One contradiction", responses=s.ContradictionSerializer)
class ContradictionDetail(GenericAPIView):
    queryset = Contradiction.objects.all()
    serializer_class = s.ContradictionSerializer

    def get(self, request, pk):
        flag = get_object_or_404(contradictions_loaded(request.user), pk=pk)
        return Response(s.contradiction_data(flag))


# -- what claims stand on: topics, sides, actors, outlets, documents -------------------------------------------


class ReferenceList(GenericAPIView):
    """A cursor-paginated list, plus creation when the view names a write serializer."""

    filter_backends = [DjangoFilterBackend, OrderingFilter]
    renderer_classes = LIST_RENDERERS
    write_serializer_class = None

    @staticmethod
    def represent(instance) -> dict:
        raise NotImplementedError

    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([self.represent(instance) for instance in page])

    def create(self, request):
        serializer = self.write_serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.save(None, serializer.validated_data, request.user)
        body = self.represent(self.get_queryset().get(pk=instance.pk))
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{instance.pk}/"})

    @staticmethod
    def save(instance, data: dict, user):
        raise NotImplementedError


class ReferenceDetail(GenericAPIView):
    write_serializer_class = None

    def get(self, request, pk):
        return Response(self.represent(get_object_or_404(self.get_queryset(), pk=pk)))

    def partial_update(self, request, pk):
        instance = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.write_serializer_class(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.save(instance, serializer.validated_data, request.user)
        return Response(self.represent(self.get_queryset().get(pk=pk)))


def _save_plain(model, instance, data: dict, user, m2m: tuple[str, ...] = ()):
    """Create or change a record without rules beyond its model's: validate, save, keep who did it."""
    related = {name: data.pop(name) for name in m2m if name in data}
    if instance is None:
        instance = model(**data)
    else:
        for field, value in data.items():
            setattr(instance, field, value)
    instance.full_clean()
    instance._history_user = user
    instance.save()
    for name, values in related.items():
        getattr(instance, name).set(values)
    return instance


def _save_topic(instance, data, user):
    if instance is None:
        return _save_plain(Topic, None, data, user)
    return topic_update(topic=instance, user=user, **data)


TOPIC_CSV_COLUMNS = {
    "id": "id", "slug": "slug", "name": "name", "kind": "kind", "metric": "metric",
    "counted_side": "counted_side.name", "cumulative": "cumulative", "window_days": "window_days",
}


@extend_schema_view(
    get=extend_schema(summary="Topics", responses=s.TopicSerializer(many=True)),
    post=extend_schema(summary="Create a topic (editors)", request=s.TopicWriteSerializer,
                       responses={201: s.TopicSerializer}),
)
class TopicList(ReferenceList):
    queryset = Topic.objects.all()
    serializer_class = s.TopicSerializer
    write_serializer_class = s.TopicWriteSerializer
    filterset_class = TopicFilter
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = TOPIC_CSV_COLUMNS
    csv_filename = "topics"
    represent = staticmethod(s.topic_data)
    save = staticmethod(_save_topic)

    def get_queryset(self):
        return topics_visible(self.request.user).select_related("counted_side")

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One topic", responses=s.TopicSerializer),
    patch=extend_schema(summary="Change a topic (editors)", description="Changing `cumulative` or `window_days` "
                        "recomputes the topic's flags.", request=s.TopicWriteSerializer,
                        responses={200: s.TopicSerializer}),
)
class TopicDetail(ReferenceDetail):
    queryset = Topic.objects.all()
    serializer_class = s.TopicSerializer
    write_serializer_class = s.TopicWriteSerializer
    represent = staticmethod(s.topic_data)
    save = staticmethod(_save_topic)

    def get_queryset(self):
        return topics_visible(self.request.user).select_related("counted_side")

    def patch(self, request, pk):
        return self.partial_update(request, pk)


@extend_schema(summary="Sides", responses=s.SideSerializer(many=True))
class SideList(ReferenceList):
    queryset = Side.objects.all()
    serializer_class = s.SideSerializer
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "slug": "slug", "name": "name", "colour": "colour"}
    csv_filename = "sides"
    represent = staticmethod(s.side_data)


@extend_schema(summary="One side", responses=s.SideSerializer)
class SideDetail(ReferenceDetail):
    queryset = Side.objects.all()
    serializer_class = s.SideSerializer
    represent = staticmethod(s.side_data)


def _save_actor(instance, data, user):
    return _save_plain(Actor, instance, data, user)


@extend_schema_view(
    get=extend_schema(summary="Actors (who make statements)", responses=s.ActorSerializer(many=True)),
    post=extend_schema(summary="Create an actor (editors)", request=s.ActorWriteSerializer,
                       responses={201: s.ActorSerializer}),
)
class ActorList(ReferenceList):
    queryset = Actor.objects.all()
    serializer_class = s.ActorSerializer
    write_serializer_class = s.ActorWriteSerializer
    filterset_class = ActorFilter
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "name": "name", "kind": "kind", "role": "role", "side": "side.name"}
    csv_filename = "actors"
    represent = staticmethod(s.actor_data)
    save = staticmethod(_save_actor)

    def get_queryset(self):
        return actors_visible(self.request.user).select_related("side")

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One actor", responses=s.ActorSerializer),
    patch=extend_schema(summary="Change an actor (editors)", request=s.ActorWriteSerializer,
                        responses={200: s.ActorSerializer}),
)
class ActorDetail(ReferenceDetail):
    queryset = Actor.objects.all()
    serializer_class = s.ActorSerializer
    write_serializer_class = s.ActorWriteSerializer
    represent = staticmethod(s.actor_data)
    save = staticmethod(_save_actor)

    def get_queryset(self):
        return actors_visible(self.request.user).select_related("side")

    def patch(self, request, pk):
        return self.partial_update(request, pk)


@extend_schema(summary="Outlets (who publish)", responses=s.OutletSerializer(many=True))
class OutletList(ReferenceList):
    queryset = Outlet.objects.all()
    serializer_class = s.OutletSerializer
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "name": "name", "url": "url", "country": "country", "kind": "kind"}
    csv_filename = "outlets"
    represent = staticmethod(s.outlet_data)

    def get_queryset(self):
        return outlets_visible(self.request.user)


@extend_schema(summary="One outlet", responses=s.OutletSerializer)
class OutletDetail(ReferenceDetail):
    queryset = Outlet.objects.all()
    serializer_class = s.OutletSerializer
    represent = staticmethod(s.outlet_data)

    def get_queryset(self):
        return outlets_visible(self.request.user)


def _save_document(instance, data, user):
    return _save_plain(Document, instance, data, user, m2m=("cites",))


@extend_schema_view(
    get=extend_schema(summary="Documents (articles, statements, posts)", responses=s.DocumentSerializer(many=True)),
    post=extend_schema(summary="Create a document (editors)", request=s.DocumentWriteSerializer,
                       responses={201: s.DocumentSerializer}),
)
class DocumentList(ReferenceList):
    queryset = Document.objects.all()
    serializer_class = s.DocumentSerializer
    write_serializer_class = s.DocumentWriteSerializer
    filterset_class = DocumentFilter
    ordering = ("id",)
    ordering_fields = {"id": "id", "title": "title"}
    csv_columns = {
        "id": "id", "title": "title", "url": "url", "outlet": "outlet.name", "author": "author",
        "published_on": "published_on", "language": "language", "cites": "cites",
    }
    csv_filename = "documents"
    represent = staticmethod(s.document_data)
    save = staticmethod(_save_document)

    def get_queryset(self):
        return documents_visible(self.request.user).select_related("outlet").prefetch_related("cites")

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One document", responses=s.DocumentSerializer),
    patch=extend_schema(summary="Change a document (editors)", request=s.DocumentWriteSerializer,
                        responses={200: s.DocumentSerializer}),
)
class DocumentDetail(ReferenceDetail):
    queryset = Document.objects.all()
    serializer_class = s.DocumentSerializer
    write_serializer_class = s.DocumentWriteSerializer
    represent = staticmethod(s.document_data)
    save = staticmethod(_save_document)

    def get_queryset(self):
        return documents_visible(self.request.user).select_related("outlet").prefetch_related("cites")

    def patch(self, request, pk):
        return self.partial_update(request, pk)


# -- anything else under /api/ -----------------------------------------------------------------------------------


class NotFoundView(APIView):
    """Every other address under /api/: a JSON 404 (a missing slash gets a pointer to the right address)."""

    permission_classes = ()
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        path = request.path_info
        if not path.endswith("/"):
            try:
                match = resolve(path + "/")
            except Resolver404:
                match = None
            if match is not None and match.func.view_class is not NotFoundView:
                raise NotFound(f"No such address; did you mean {request.path}/ (with the final slash)?")
        raise NotFound(f"No such address in the API: {request.path}. See /api/docs/.")


# -- docs ------------------------------------------------------------------------------------------------------


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), so the docs work offline.

    The split view serves its start-up script as a file of its own (`?script`), so the page runs
    no inline script under the site's Content-Security-Policy; Swagger UI does set inline styles,
    which this page alone allows.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        policy = dict(getattr(settings, "SECURE_CSP", None) or {})
        if policy:
            policy["style-src"] = [*policy.get("style-src", ["'self'"]), "'unsafe-inline'"]
            response["Content-Security-Policy"] = build_policy(policy)
        return response


# -- tokens ------------------------------------------------------------------------------------------------------


@extend_schema(
    summary="Get your API token",
    description="Exchange a username and password for the token to send as `Authorization: Token <key>`. "
    "The same token comes back each time; staff can also make one with `manage.py drf_create_token <user>`.",
)
class TokenView(ObtainAuthToken):
    """POST username and password, get the token (throttled like every other request)."""

    authentication_classes = ()
    throttle_classes = GenericAPIView.throttle_classes
    renderer_classes = [ORJSONRenderer]
