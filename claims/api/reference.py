"""The things claims stand on: topics, sides, actors, outlets and documents (DESIGN §8).

Each resource's representation (a plain dict, and the serializer declaring its shape for the schema),
its write serializer, CSV columns and views. Budget: one query per list or object (documents two,
with what they cite). Who sees what is `claims.visibility`.
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.text import slugify
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from claims.api.common import LIST_RENDERERS, ReadSerializer
from claims.api.fields import WrittenDateField, label_choice_field
from claims.api.filters import ActorFilter, DocumentFilter, OrderingFilter, OutletFilter, TopicFilter
from claims.models import Topic
from claims.services import (
    actor_create,
    actor_update,
    document_create,
    document_update,
    topic_create,
    topic_update,
)
from claims.visibility import (
    actors_visible,
    documents_visible,
    get_visible,
    outlets_visible,
    sides_visible,
    topics_visible,
)
from sources.models import Actor, Document, Outlet, Side

# -- representations ------------------------------------------------------------------------------------


def side_ref(side: Side | None) -> dict | None:
    if side is None:
        return None
    return {"id": side.pk, "slug": side.slug, "name": side.name, "wikidata": side.wikidata}


def side_data(side: Side) -> dict:
    return {**side_ref(side), "colour": side.colour}


def actor_ref(actor: Actor) -> dict:
    return {"id": actor.pk, "name": actor.name, "kind": actor.kind, "role": actor.role, "wikidata": actor.wikidata}


def actor_data(actor: Actor) -> dict:
    return {**actor_ref(actor), "side": side_ref(actor.side)}


def outlet_ref(outlet: Outlet | None) -> dict | None:
    if outlet is None:
        return None
    return {"id": outlet.pk, "name": outlet.name}


def outlet_data(outlet: Outlet) -> dict:
    return {**outlet_ref(outlet), "wikidata": outlet.wikidata, "url": outlet.url, "country": outlet.country,
            "kind": outlet.kind}


def document_ref(document: Document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "outlet": outlet_ref(document.outlet),
        "author": document.author,
        "published_on": document.published_on,
        "language": document.language,
    }


def document_data(document: Document) -> dict:
    """Return a document with the ids it cites; prefetch `cites`."""
    return {**document_ref(document), "cites": sorted(cited.pk for cited in document.cites.all())}


def topic_ref(topic: Topic) -> dict:
    return {"id": topic.pk, "slug": topic.slug, "name": topic.name, "kind": topic.kind}


def topic_data(topic: Topic) -> dict:
    return {
        **topic_ref(topic),
        "description": topic.description,
        "metric": topic.metric,
        "counted_side": side_ref(topic.counted_side),
        "cumulative": topic.cumulative,
        "window_days": topic.window_days,
    }


# -- declared shapes (OpenAPI) ---------------------------------------------------------------


class SideRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    wikidata = serializers.CharField(read_only=True, help_text="Wikidata item id (e.g. Q399), or empty.")

    represent = staticmethod(side_ref)


class SideSerializer(SideRefSerializer):
    colour = serializers.CharField(read_only=True, help_text="Colour for this side in charts, #rrggbb.")

    represent = staticmethod(side_data)


class ActorRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(Actor.Kind.choices, read_only=True)
    role = serializers.CharField(read_only=True)
    wikidata = serializers.CharField(read_only=True, help_text="Wikidata item id (e.g. Q399), or empty.")

    represent = staticmethod(actor_ref)


class ActorSerializer(ActorRefSerializer):
    side = SideRefSerializer(read_only=True, help_text="The side this actor speaks for.")

    represent = staticmethod(actor_data)


class OutletRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class OutletSerializer(OutletRefSerializer):
    wikidata = serializers.CharField(read_only=True, help_text="Wikidata item id (e.g. Q130879), or empty.")
    url = serializers.CharField(read_only=True, help_text="Home page, or empty.")
    country = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(Outlet.Kind.choices, read_only=True)

    represent = staticmethod(outlet_data)


class DocumentRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True, allow_null=True)
    outlet = OutletRefSerializer(read_only=True, allow_null=True)
    author = serializers.CharField(read_only=True)
    published_on = serializers.DateField(read_only=True, allow_null=True)
    language = serializers.CharField(read_only=True)

    represent = staticmethod(document_ref)


class DocumentSerializer(DocumentRefSerializer):
    cites = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="Ids of the documents this one relays."
    )

    represent = staticmethod(document_data)


class TopicRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(Topic.Kind.choices, read_only=True)

    represent = staticmethod(topic_ref)


class TopicSerializer(TopicRefSerializer):
    description = serializers.CharField(read_only=True)
    metric = serializers.CharField(read_only=True, help_text="Figure topics: what is counted.")
    counted_side = SideRefSerializer(read_only=True, allow_null=True, help_text="Whose losses; null for totals.")
    cumulative = serializers.BooleanField(read_only=True, help_text="A running toll that can only grow.")
    window_days = serializers.IntegerField(read_only=True, help_text="Claims this close in time are simultaneous.")

    represent = staticmethod(topic_data)


# -- writes ------------------------------------------------------------------------------------------


class _NamedModelSerializer(serializers.ModelSerializer):
    """Names compare case-insensitively, as the database's unique constraints do."""

    unique_name_scope: tuple[str, ...] = ()

    def validate(self, data):
        name = data.get("name", getattr(self.instance, "name", None))
        scope = {field: data.get(field, getattr(self.instance, field, None)) for field in self.unique_name_scope}
        model = self.Meta.model
        if name is not None:
            clash = model.objects.annotate(lower=Lower("name")).filter(lower=name.strip().lower(), **scope)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                noun = model._meta.verbose_name
                article = "An" if noun[0] in "aeiou" else "A"
                raise serializers.ValidationError({"name": [f"{article} {noun} with this name already exists."]})
        return data


class TopicWriteSerializer(_NamedModelSerializer):
    slug = serializers.SlugField(max_length=100, required=False, help_text="Default: made from the name.")
    kind = label_choice_field(Topic.Kind, required=False)

    class Meta:
        model = Topic
        fields = ["name", "slug", "kind", "description", "metric", "counted_side", "cumulative", "window_days"]

    def validate(self, data):
        data = super().validate(data)
        kind = data.get("kind", getattr(self.instance, "kind", Topic.Kind.FIGURE))
        metric = data.get("metric", getattr(self.instance, "metric", ""))
        counted_side = data.get("counted_side", getattr(self.instance, "counted_side", None))
        if kind != Topic.Kind.FIGURE and (metric or counted_side):
            field = "metric" if metric else "counted_side"
            raise serializers.ValidationError({field: ["Only figure topics have a metric or a counted side."]})
        if self.instance is None and not data.get("slug"):
            data["slug"] = slugify(data["name"])[:100]
            if not data["slug"]:
                raise serializers.ValidationError({"slug": ["Give a slug: the name has no letters to make one."]})
            if Topic.objects.filter(slug=data["slug"]).exists():
                raise serializers.ValidationError({"slug": [f"A topic with the slug “{data['slug']}” exists."]})
        return data


class ActorWriteSerializer(_NamedModelSerializer):
    unique_name_scope = ("side",)
    kind = label_choice_field(Actor.Kind, required=False)

    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "side", "wikidata"]


class DocumentWriteSerializer(serializers.ModelSerializer):
    cites = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(), many=True, required=False, help_text="Ids of the documents it relays."
    )
    published_on = WrittenDateField(required=False, allow_null=True)

    class Meta:
        model = Document
        fields = ["outlet", "title", "url", "author", "published_on", "language", "cites"]

    def validate_url(self, url):
        # No address is stored as NULL: the unique constraint leaves any number of those alone.
        return url or None

    def validate_cites(self, cites):
        if self.instance is not None and any(cited.pk == self.instance.pk for cited in cites):
            raise serializers.ValidationError("A document cannot cite itself.")
        return cites


# -- views -------------------------------------------------------------------------------------------


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
        return Response(self.represent(get_visible(self.get_queryset(), pk=pk)))

    def partial_update(self, request, pk):
        instance = get_visible(self.get_queryset(), pk=pk)
        serializer = self.write_serializer_class(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.save(instance, serializer.validated_data, request.user)
        return Response(self.represent(self.get_queryset().get(pk=pk)))


def _save_topic(instance, data, user):
    if instance is None:
        return topic_create(user=user, **data)
    return topic_update(topic=instance, user=user, **data)


TOPIC_CSV_COLUMNS = {
    "id": "id", "slug": "slug", "name": "name", "kind": "kind", "metric": "metric",
    "counted_side": "counted_side.name", "cumulative": "cumulative", "window_days": "window_days",
}


@extend_schema_view(
    get=extend_schema(summary="Topics", responses=TopicSerializer(many=True)),
    post=extend_schema(summary="Create a topic (editors)", request=TopicWriteSerializer,
                       responses={201: TopicSerializer}),
)
class TopicList(ReferenceList):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    write_serializer_class = TopicWriteSerializer
    filterset_class = TopicFilter
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = TOPIC_CSV_COLUMNS
    csv_filename = "topics"
    represent = staticmethod(topic_data)
    save = staticmethod(_save_topic)

    def get_queryset(self):
        return topics_visible(self.request.user).select_related("counted_side")

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One topic", responses=TopicSerializer),
    patch=extend_schema(summary="Change a topic (editors)", description="Changing `cumulative` or `window_days` "
                        "recomputes the topic's flags.", request=TopicWriteSerializer,
                        responses={200: TopicSerializer}),
)
class TopicDetail(ReferenceDetail):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    write_serializer_class = TopicWriteSerializer
    represent = staticmethod(topic_data)
    save = staticmethod(_save_topic)

    def get_queryset(self):
        return topics_visible(self.request.user).select_related("counted_side")

    def patch(self, request, pk):
        return self.partial_update(request, pk)


@extend_schema(summary="Sides", responses=SideSerializer(many=True))
class SideList(ReferenceList):
    queryset = Side.objects.all()
    serializer_class = SideSerializer

    def get_queryset(self):
        return sides_visible(self.request.user)

    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "slug": "slug", "name": "name", "colour": "colour"}
    csv_filename = "sides"
    represent = staticmethod(side_data)


@extend_schema(summary="One side", responses=SideSerializer)
class SideDetail(ReferenceDetail):
    queryset = Side.objects.all()
    serializer_class = SideSerializer

    def get_queryset(self):
        return sides_visible(self.request.user)

    represent = staticmethod(side_data)


def _save_actor(instance, data, user):
    if instance is None:
        return actor_create(user=user, **data)
    return actor_update(actor=instance, user=user, **data)


@extend_schema_view(
    get=extend_schema(summary="Actors (who make statements)", responses=ActorSerializer(many=True)),
    post=extend_schema(summary="Create an actor (editors)", request=ActorWriteSerializer,
                       responses={201: ActorSerializer}),
)
class ActorList(ReferenceList):
    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    write_serializer_class = ActorWriteSerializer
    filterset_class = ActorFilter
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "name": "name", "kind": "kind", "role": "role", "side": "side.name"}
    csv_filename = "actors"
    represent = staticmethod(actor_data)
    save = staticmethod(_save_actor)

    def get_queryset(self):
        return actors_visible(self.request.user).select_related("side")

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One actor", responses=ActorSerializer),
    patch=extend_schema(summary="Change an actor (editors)", request=ActorWriteSerializer,
                        responses={200: ActorSerializer}),
)
class ActorDetail(ReferenceDetail):
    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    write_serializer_class = ActorWriteSerializer
    represent = staticmethod(actor_data)
    save = staticmethod(_save_actor)

    def get_queryset(self):
        return actors_visible(self.request.user).select_related("side")

    def patch(self, request, pk):
        return self.partial_update(request, pk)


@extend_schema(summary="Outlets (who publish)", responses=OutletSerializer(many=True))
class OutletList(ReferenceList):
    queryset = Outlet.objects.all()
    serializer_class = OutletSerializer
    filterset_class = OutletFilter
    ordering = ("name",)
    ordering_fields = {"name": "name", "id": "id"}
    csv_columns = {"id": "id", "name": "name", "url": "url", "country": "country", "kind": "kind"}
    csv_filename = "outlets"
    represent = staticmethod(outlet_data)

    def get_queryset(self):
        return outlets_visible(self.request.user)


@extend_schema(summary="One outlet", responses=OutletSerializer)
class OutletDetail(ReferenceDetail):
    queryset = Outlet.objects.all()
    serializer_class = OutletSerializer
    represent = staticmethod(outlet_data)

    def get_queryset(self):
        return outlets_visible(self.request.user)


def documents_loaded(user):
    """Return the documents `user` may read, each with the documents it cites that `user` may read too.

    A public document two citation steps back cites documents the public may not open: listing their
    ids would point at pages that are a 404 (provenance stops there too).
    """
    cites = Prefetch("cites", queryset=documents_visible(user).only("pk"))
    return documents_visible(user).select_related("outlet").prefetch_related(cites)


def _save_document(instance, data, user):
    cites = data.pop("cites", None)
    if instance is None:
        return document_create(user=user, cites=cites or (), **data)
    return document_update(document=instance, user=user, cites=cites, **data)


@extend_schema_view(
    get=extend_schema(summary="Documents (articles, statements, posts)", responses=DocumentSerializer(many=True)),
    post=extend_schema(summary="Create a document (editors)", request=DocumentWriteSerializer,
                       responses={201: DocumentSerializer}),
)
class DocumentList(ReferenceList):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    write_serializer_class = DocumentWriteSerializer
    filterset_class = DocumentFilter
    ordering = ("id",)
    ordering_fields = {"id": "id", "title": "title"}
    csv_columns = {
        "id": "id", "title": "title", "url": "url", "outlet": "outlet.name", "author": "author",
        "published_on": "published_on", "language": "language", "cites": "cites",
    }
    csv_filename = "documents"
    represent = staticmethod(document_data)
    save = staticmethod(_save_document)

    def get_queryset(self):
        return documents_loaded(self.request.user)

    def post(self, request):
        return self.create(request)


@extend_schema_view(
    get=extend_schema(summary="One document", responses=DocumentSerializer),
    patch=extend_schema(summary="Change a document (editors)", request=DocumentWriteSerializer,
                        responses={200: DocumentSerializer}),
)
class DocumentDetail(ReferenceDetail):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    write_serializer_class = DocumentWriteSerializer
    represent = staticmethod(document_data)
    save = staticmethod(_save_document)

    def get_queryset(self):
        return documents_loaded(self.request.user)

    def patch(self, request, pk):
        return self.partial_update(request, pk)
