"""Claims, what they are about, where they appear and how they contradict (DESIGN §3)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.figures import Qualifier, format_figure, with_noun
from claims.rules import Kind

PUBLIC_KINDS = (Kind.FIGURE_MISMATCH, Kind.DENIAL, Kind.COUNTER_ACCUSATION)


def new_external_id():
    return uuid.uuid4().hex


class TopicQuerySet(models.QuerySet):
    def disputes(self):
        """Return topics with at least one contested claim."""
        return self.filter(Exists(Claim.objects.filter(topic=OuterRef("pk")).contested()))


class Topic(models.Model):
    class Kind(models.TextChoices):
        FIGURE = "figure", "figure"
        PROPOSITION = "proposition", "proposition"

    name = models.CharField(
        max_length=300,
        help_text='What the claims are about, e.g. "Military deaths, Armenia" or '
        '"Armenian forces shelled Terter after the 26 Oct 2020 ceasefire took effect".',
    )
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(
        max_length=12,
        choices=Kind.choices,
        default=Kind.FIGURE,
        help_text="figure: a counted quantity; proposition: something that happened or not.",
    )
    description = models.TextField(blank=True)
    metric = models.CharField(
        max_length=100, blank=True, help_text='Figure topics: what is counted, e.g. "military deaths".'
    )
    counted_side = models.ForeignKey(
        "sources.Side",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counted_topics",
        help_text="Figure topics: whose losses are counted; empty for totals.",
    )
    cumulative = models.BooleanField(
        default=True, help_text="A running toll that can only grow: later lower figures are flagged."
    )
    window_days = models.PositiveSmallIntegerField(
        default=2, help_text="Claims this many days apart or closer count as simultaneous."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="topic_unique_name_ci"),
            models.CheckConstraint(
                condition=Q(kind="figure") | (Q(metric="") & Q(counted_side__isnull=True)),
                name="topic_figure_fields_only_on_figure_topics",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dispute-detail", args=[self.slug])

    @property
    def is_figure(self):
        return self.kind == self.Kind.FIGURE


class ClaimQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Claim.Status.PUBLISHED)

    def not_retracted(self):
        return self.exclude(status=Claim.Status.RETRACTED)

    def contested(self):
        """Return published claims with a live public contradiction against another published claim."""
        return self.filter(contested=True, status=Claim.Status.PUBLISHED)

    def for_topic(self, topic):
        return self.filter(topic=topic)

    def with_related(self):
        return self.select_related("topic", "claimant", "side", "accused_side")


class Claim(models.Model):
    class Attribution(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "direct quote"
        PARAPHRASE = "paraphrase", "paraphrase"
        ANONYMOUS = "anonymous", "anonymous source"
        UNCONFIRMED_REPORT = "unconfirmed_report", "unconfirmed report"

    class Stance(models.TextChoices):
        ASSERTS = "asserts", "asserts"
        DENIES = "denies", "denies"

    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        IN_REVIEW = "in_review", "in review"
        PUBLISHED = "published", "published"
        RETRACTED = "retracted", "retracted"

    class Verdict(models.TextChoices):
        UNRATED = "unrated", "unrated"
        ACCURATE = "accurate", "accurate"
        MOSTLY_ACCURATE = "mostly_accurate", "mostly accurate"
        MISLEADING = "misleading", "misleading"
        FALSE = "false", "false"
        UNVERIFIABLE = "unverifiable", "unverifiable"

    # No index of its own: claim_topic_status (topic, status) serves every lookup by topic.
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="claims", db_index=False)
    claimant = models.ForeignKey(
        "sources.Actor", on_delete=models.PROTECT, related_name="claims", help_text="Who made the statement."
    )
    side = models.ForeignKey(
        "sources.Side",
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="The claimant's side when the statement was made.",
    )
    stated_on = models.DateField(help_text="When the statement was made.")
    statement = models.TextField(blank=True, help_text="A plain-words paraphrase of what was claimed.")
    quote = models.TextField(blank=True, help_text="Verbatim, in the original language.")
    language = models.CharField(max_length=20, default="en", help_text="Language of the quote (BCP 47).")
    translation = models.TextField(blank=True, help_text="English translation when the quote is in another language.")
    attribution = models.CharField(
        max_length=20,
        choices=Attribution.choices,
        default=Attribution.PARAPHRASE,
        help_text="How the coverage attributes the statement; a direct quote needs the quote.",
    )
    stance = models.CharField(
        max_length=10,
        choices=Stance.choices,
        default=Stance.ASSERTS,
        help_text="asserts: says it happened; denies: says it did not.",
    )
    accused_side = models.ForeignKey(
        "sources.Side",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accusations",
        help_text="Whom the claim blames; on a denial, the side whose act is denied.",
        db_index=False,  # claim_accused_side: a partial index (see Meta.indexes)
    )
    figure_wording = models.CharField(
        max_length=200,
        blank=True,
        help_text='The figure exactly as printed ("dozens", "some 2,000"); qualifier and value are its reading.',
    )
    # NULL (not "") means "no figure", so the check constraints can tie it to value and as_of.
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, null=True, blank=True)  # noqa: DJ001
    value = models.BigIntegerField(null=True, blank=True)
    value_max = models.BigIntegerField(null=True, blank=True, help_text="Upper end of a range (between).")
    as_of = models.DateField(null=True, blank=True, help_text="The date the figure counts up to; default stated_on.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    verdict = models.CharField(
        max_length=20, choices=Verdict.choices, default=Verdict.UNRATED, help_text="The fact-checker's rating."
    )
    verdict_rationale = models.TextField(
        blank=True, max_length=2000,
        help_text="Why the reviewer gave this verdict, in a few sentences readers see beside it.",
    )
    verdict_url = models.URLField(
        max_length=1000, blank=True, help_text="The fact-check article that explains the verdict, when there is one."
    )
    retraction_reason = models.TextField(blank=True)
    external_id = models.CharField(
        max_length=200, unique=True, default=new_external_id, help_text="Stable id for idempotent import."
    )
    contested = models.BooleanField(
        default=False,
        editable=False,
        help_text="Kept by the contradiction service: published and flagged against another published claim.",
    )
    # The people and the accused side have partial indexes (Meta.indexes): most claims have none of them
    # (an import from the command line, a draft, a figure), and an empty value costs no index entry.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        help_text="Who last changed what the claim says (empty: its creator); they may not also publish it.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Incremented on every save (optimistic locking).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    # History is read by claim (`id`), by date and by history_id only: an index on each
    # foreign key and on external_id (simple-history's default) was upkeep for every record.
    history = HistoricalRecords(
        excluded_fields=["contested", "updated_at", "edited_by"],  # each record's user says who edited
        no_db_index=["topic", "claimant", "side", "accused_side", "created_by", "reviewed_by", "external_id"],
    )

    class Meta:
        ordering = ["stated_on", "id"]
        permissions = [("publish_claim", "Can publish and retract claims")]
        indexes = [
            models.Index(fields=["topic", "status"], name="claim_topic_status"),
            models.Index(fields=["status", "contested", "id"], name="claim_status_contested"),
            # The API's contested claims in date order (its default): the first page without a sort.
            models.Index(
                fields=["stated_on", "id"], condition=Q(status="published", contested=True), name="claim_contested_on"
            ),
            models.Index(fields=["stated_on"], name="claim_stated_on"),
            *(models.Index(fields=[name], condition=Q(**{f"{name}__isnull": False}), name=f"claim_{name}")
              for name in ("accused_side", "created_by", "reviewed_by", "edited_by")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(qualifier__isnull=True, value__isnull=True, value_max__isnull=True, as_of__isnull=True)
                | Q(qualifier__isnull=False, value__isnull=False, as_of__isnull=False),
                name="claim_figure_fields_together",
            ),
            models.CheckConstraint(condition=Q(value__gte=0) | Q(value__isnull=True), name="claim_value_non_negative"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=models.F("value")),
                name="claim_value_lte_value_max",
            ),
            models.CheckConstraint(
                condition=Q(qualifier="between", value_max__isnull=False)
                | (~Q(qualifier="between") & Q(value_max__isnull=True))
                | Q(qualifier__isnull=True),
                name="claim_value_max_only_for_between",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values) | Q(qualifier__isnull=True), name="claim_valid_qualifier"
            ),
            models.CheckConstraint(condition=Q(status__in=["draft", "in_review", "published", "retracted"]),
                                   name="claim_valid_status"),
            models.CheckConstraint(condition=Q(stance__in=["asserts", "denies"]), name="claim_valid_stance"),
            models.CheckConstraint(condition=~Q(attribution="direct_quote") | ~Q(quote=""),
                                   name="claim_direct_quote_has_quote"),
        ]

    def __str__(self):
        text = self.statement or self.quote or self.figure_as_worded or f"claim {self.pk}"
        return f"{self.claimant_id and self.claimant}: {text[:80]}"

    def get_absolute_url(self):
        return reverse("claim-detail", args=[self.pk])

    @property
    def has_figure(self):
        return self.qualifier is not None and self.value is not None

    @property
    def figure_text(self):
        """Return the figure in canonical wording, or '' when the claim has none."""
        if not self.has_figure:
            return ""
        return format_figure(self.qualifier, self.value, self.value_max)

    @property
    def figure_as_worded(self):
        """Return the figure as printed (its canonical wording when none was kept), or '' without a figure."""
        if not self.has_figure:
            return ""
        return self.figure_wording or self.figure_text

    @property
    def figure_with_metric(self):
        """Return the figure as printed and what its topic counts: "dozens of people wounded"."""
        return with_noun(self.figure_as_worded, self.topic.metric) if self.has_figure else ""

    @property
    def figure_reading(self):
        """Return how the figure is read ("at least 12") when that says other than its wording, else ''."""
        if not self.has_figure or not self.figure_wording:
            return ""
        reading = self.figure_text
        return "" if reading.casefold() == self.figure_wording.casefold() else reading

    @property
    def last_editor_id(self):
        """Return the id of who last changed what the claim says: its last editor, else its creator."""
        return self.edited_by_id or self.created_by_id


class Appearance(models.Model):
    class Role(models.TextChoices):
        PRIMARY = "primary", "primary (where the claimant said it)"
        REPORT = "report", "report (a relay)"

    # No index of its own: appearance_unique_claim_document (claim, document) serves lookups by claim.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances", db_index=False)
    document = models.ForeignKey("sources.Document", on_delete=models.PROTECT, related_name="appearances")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REPORT)
    quote = models.TextField(blank=True, help_text="The quote as printed in this document.")

    history = HistoricalRecords(no_db_index=["claim", "document"])

    class Meta:
        ordering = ["claim", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "document"], name="appearance_unique_claim_document")]

    def __str__(self):
        return f"{self.claim_id} in {self.document}"


# The order of flags, largest gap first (propositions, without a gap score, last). On PostgreSQL the
# index contradiction_topic_ranked holds each topic's flags in this order (migration 0013).
RANKING = (
    models.F("gap_score").desc(nulls_last=True), models.F("severity").desc(nulls_last=True), models.F("id").asc()
)


class ContradictionQuerySet(models.QuerySet):
    def live(self):
        """Return flags that are not dismissed."""
        return self.exclude(status=Contradiction.Status.DISMISSED)

    def public(self):
        """Return what the public sees: live flags of public kinds between two published claims."""
        return self.live().filter(
            kind__in=PUBLIC_KINDS,
            claim_a__status=Claim.Status.PUBLISHED,
            claim_b__status=Claim.Status.PUBLISHED,
        )

    def involving(self, claim):
        return self.filter(Q(claim_a=claim) | Q(claim_b=claim))

    def ranked(self):
        """Order the largest gap first (by gap score, then severity); propositions last."""
        return self.order_by(*RANKING)


class Contradiction(models.Model):
    Kind = Kind

    class Status(models.TextChoices):
        OPEN = "open", "open"
        CONFIRMED = "confirmed", "confirmed"
        DISMISSED = "dismissed", "dismissed"

    # topic and claim_a have no index of their own: contradiction_topic_kind (topic, kind) and
    # contradiction_unique_pair (claim_a, claim_b) serve the lookups by either.
    # topic has no foreign-key constraint in the database: a flag's topic is its claims' (the engine writes
    # only such flags), their own keys hold the claims to it (claim_a, claim_b; CASCADE), and a claim's
    # topic cannot be deleted under it (PROTECT). Checking it again cost a look-up per flag written,
    # 2.2 a claim in a news archive's import. Deleting a topic still deletes its flags (Django's CASCADE).
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="contradictions", db_index=False, db_constraint=False
    )
    claim_a = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="contradictions_as_a", db_index=False
    )
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_b")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    severity = models.FloatField(
        null=True, blank=True, help_text="Figure flags: how many times apart (may be infinite); empty for propositions."
    )
    gap_score = models.FloatField(
        null=True,
        blank=True,
        help_text="Figure flags: the ranking figure, log10 of the ratio (counts plus one) times log10 of the "
        "difference plus one, so that a gap counts magnitude as well as ratio; empty for propositions.",
    )
    explanation = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reviewed_by = models.ForeignKey(  # a partial index (Meta.indexes): most flags are never ruled on
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    inputs_digest = models.CharField(
        max_length=32, editable=False, help_text="The rule inputs of both claims; a change reopens a review."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContradictionQuerySet.as_manager()

    class Meta:
        ordering = ["-severity", "id"]
        permissions = [("review_contradiction", "Can confirm or dismiss contradictions")]
        constraints = [
            models.UniqueConstraint(fields=["claim_a", "claim_b"], name="contradiction_unique_pair"),
            models.CheckConstraint(condition=~Q(claim_a=models.F("claim_b")), name="contradiction_distinct_claims"),
        ]
        # contradiction_topic_ranked (topic, then RANKING) is made on PostgreSQL by migration 0013, and
        # contradiction_ranked (RANKING: the workspace's list of flags, largest gap first) by migration 0016.
        indexes = [
            models.Index(fields=["topic", "kind"], name="contradiction_topic_kind"),
            models.Index(
                fields=["reviewed_by"], condition=Q(reviewed_by__isnull=False), name="contradiction_reviewed_by"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.claim_a_id} / {self.claim_b_id}"

    @property
    def is_public_kind(self):
        return self.kind in PUBLIC_KINDS


# Imported fact-checks (#21) live in their own module; importing them here registers them with the app.
from claims.claimreview_import.models import ExternalReview, RatingMapping  # noqa: E402, F401
