"""What the API reads and writes.

Reads are plain functions building dicts from what the selectors loaded (no per-row queries, no
nested ModelSerializer machinery); claims from rows of `.values(*CLAIM_FIELDS)`, since model
instances cost more than the rest of a list page's Python together.
The `*Serializer` classes beside them declare the same shapes for the OpenAPI schema, and their
`to_representation` calls the functions, so the documented and the served shape cannot drift.
Writes are validated by ordinary DRF serializers and carried out by `claims.services`.
"""

import math
from collections.abc import Mapping

from django.conf import settings
from django.db.models.functions import Lower
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from claims.figures import MAX_VALUE, Qualifier, format_figure
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.rules import format_severity, interval_for
from claims.selectors import BadPosition, Position, Provenance
from sources.models import Actor, Document, Outlet, Side

# -- reads: the dicts ---------------------------------------------------------------------------------


def side_ref(side: Side | None) -> dict | None:
    if side is None:
        return None
    return {"id": side.pk, "slug": side.slug, "name": side.name}


def side_data(side: Side) -> dict:
    return {"id": side.pk, "slug": side.slug, "name": side.name, "colour": side.colour}


def actor_ref(actor: Actor) -> dict:
    return {"id": actor.pk, "name": actor.name, "kind": actor.kind, "role": actor.role}


def actor_data(actor: Actor) -> dict:
    return {**actor_ref(actor), "side": side_ref(actor.side)}


def outlet_ref(outlet: Outlet | None) -> dict | None:
    if outlet is None:
        return None
    return {"id": outlet.pk, "name": outlet.name}


def outlet_data(outlet: Outlet) -> dict:
    return {"id": outlet.pk, "name": outlet.name, "url": outlet.url, "country": outlet.country, "kind": outlet.kind}


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


def severity_data(severity: float | None) -> dict:
    """Return a severity for JSON: infinite is null with the label "∞"; no severity (propositions) is null twice."""
    if severity is None:
        return {"severity": None, "severity_label": None}
    return {"severity": None if math.isinf(severity) else severity, "severity_label": format_severity(severity)}


def figure_data(row: Mapping) -> dict | None:
    """Return a claim's figure as worded and parsed, with the interval of counts it allows (§4)."""
    qualifier, value, value_max = row["qualifier"], row["value"], row["value_max"]
    if qualifier is None or value is None:
        return None
    interval = interval_for(qualifier, value, value_max, settings.FIGURE_TOLERANCE)
    return {
        "wording": format_figure(qualifier, value, value_max),
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
    "claimant_id", "claimant__name", "claimant__kind", "claimant__role",
    "side_id", "side__slug", "side__name", "accused_side_id", "accused_side__slug", "accused_side__name",
    "stated_on", "statement", "quote", "language", "translation", "attribution", "stance",
    "qualifier", "value", "value_max", "as_of", "status", "verdict", "retraction_reason", "contested",
    "version", "created_at", "updated_at",
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
                     "role": row["claimant__role"]},
        "side": {"id": row["side_id"], "slug": row["side__slug"], "name": row["side__name"]},
        "accused_side": None if accused is None else {
            "id": accused, "slug": row["accused_side__slug"], "name": row["accused_side__name"]
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
        "explanation": flag.explanation,
        "status": flag.status,
        "claim_a": claim_summary(flag.claim_a),
        "claim_b": claim_summary(flag.claim_b),
    }


# -- reads: the declared shapes (OpenAPI) ---------------------------------------------------------------


class ReadSerializer(serializers.Serializer):
    """A response shape for the schema; `represent` builds the data."""

    @staticmethod
    def represent(instance):
        raise NotImplementedError

    def to_representation(self, instance):
        return self.represent(instance)


class SideRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)

    represent = staticmethod(side_ref)


class SideSerializer(SideRefSerializer):
    colour = serializers.CharField(read_only=True, help_text="Colour for this side in charts, #rrggbb.")

    represent = staticmethod(side_data)


class ActorRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(Actor.Kind.choices, read_only=True)
    role = serializers.CharField(read_only=True)

    represent = staticmethod(actor_ref)


class ActorSerializer(ActorRefSerializer):
    side = SideRefSerializer(read_only=True, help_text="The side this actor speaks for.")

    represent = staticmethod(actor_data)


class OutletRefSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class OutletSerializer(OutletRefSerializer):
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


class IntervalSerializer(serializers.Serializer):
    low = serializers.FloatField(read_only=True)
    high = serializers.FloatField(read_only=True, allow_null=True, help_text="null: no upper bound.")
    low_open = serializers.BooleanField(read_only=True)
    high_open = serializers.BooleanField(read_only=True)


class FigureSerializer(serializers.Serializer):
    wording = serializers.CharField(read_only=True, help_text='Canonical wording, e.g. "about 2,300".')
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


class ContradictionSerializer(SeverityFieldsMixin, ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    topic = TopicRefSerializer(read_only=True)
    kind = serializers.ChoiceField(Contradiction.Kind.choices, read_only=True)
    explanation = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(Contradiction.Status.choices, read_only=True)
    claim_a = ClaimSummarySerializer(read_only=True)
    claim_b = ClaimSummarySerializer(read_only=True)

    represent = staticmethod(contradiction_data)


def dispute_data(topic: Topic) -> dict:
    """Return one entry of the disputes list (a topic annotated by `dispute_list`, `sides` set)."""
    return {
        "topic": topic_ref(topic),
        **severity_data(topic.max_severity),
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


# -- writes ------------------------------------------------------------------------------------------


class AppearanceWriteSerializer(serializers.Serializer):
    document = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all())
    role = serializers.ChoiceField(Appearance.Role.choices, default=Appearance.Role.REPORT)
    quote = serializers.CharField(required=False, allow_blank=True, default="", help_text="As printed there.")


@extend_schema_field(AppearanceWriteSerializer(many=True))
class AppearancesField(serializers.Field):
    """Where a claim appears, each item validated in full even inside a partial update (PATCH)."""

    default_error_messages = {"twice": "A document may appear only once per claim."}

    def to_internal_value(self, data):
        items = AppearanceWriteSerializer(data=data, many=True)
        if not items.is_valid():
            errors = items.errors
            if isinstance(errors, dict):  # the list itself was refused ("Expected a list of items")
                raise serializers.ValidationError(errors.get(api_settings.NON_FIELD_ERRORS_KEY, errors))
            raise serializers.ValidationError({str(i): error for i, error in enumerate(errors) if error})
        documents = [appearance["document"].pk for appearance in items.validated_data]
        if len(documents) != len(set(documents)):
            self.fail("twice")
        return items.validated_data

    def to_representation(self, value):
        raise NotImplementedError("write-only")


def _figure_number(**kwargs):
    return serializers.IntegerField(min_value=0, max_value=MAX_VALUE, required=False, allow_null=True, **kwargs)


class ClaimWriteSerializer(serializers.Serializer):
    """A claim as an editor enters it: the figure as worded (`figure`), or its parts."""

    topic = serializers.PrimaryKeyRelatedField(queryset=Topic.objects.all())
    claimant = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.select_related("side"))
    side = serializers.PrimaryKeyRelatedField(
        queryset=Side.objects.all(), required=False, help_text="Default: the claimant's side."
    )
    stated_on = serializers.DateField()
    statement = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    quote = serializers.CharField(required=False, allow_blank=True, max_length=10_000, help_text="Verbatim.")
    language = serializers.CharField(required=False, max_length=20, help_text="Of the quote, BCP 47.")
    translation = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    attribution = serializers.ChoiceField(Claim.Attribution.choices, required=False)
    stance = serializers.ChoiceField(Claim.Stance.choices, required=False)
    accused_side = serializers.PrimaryKeyRelatedField(queryset=Side.objects.all(), required=False, allow_null=True)
    figure = serializers.CharField(
        required=False, max_length=200, help_text='The figure as worded, e.g. "more than 2,000" (DESIGN §4).'
    )
    qualifier = serializers.ChoiceField(Qualifier.choices, required=False, allow_null=True)
    value = _figure_number()
    value_max = _figure_number(help_text='Upper end, for "between" only.')
    as_of = serializers.DateField(required=False, allow_null=True, help_text="Default: stated_on.")
    verdict = serializers.ChoiceField(Claim.Verdict.choices, required=False)
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

    class Meta:
        model = Actor
        fields = ["name", "kind", "role", "side"]


class DocumentWriteSerializer(serializers.ModelSerializer):
    cites = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(), many=True, required=False, help_text="Ids of the documents it relays."
    )

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
