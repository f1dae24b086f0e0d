"""Who speaks and who publishes: sides, actors, outlets and documents (DESIGN §2)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from sources.colours import next_colour
from sources.wikidata import wikidata_constraint, wikidata_field

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb.")


def side_colour_default() -> str:
    """Return the next free colour for a side about to be created (the colour field's default)."""
    return next_colour(Side.objects.values_list("colour", flat=True))


class SideQuerySet(models.QuerySet):
    def named(self, name):
        """Return the side with this name, compared case-insensitively."""
        return self.get(name__iexact=name.strip())


class Side(models.Model):
    name = models.CharField(max_length=100, help_text="A party to a dispute, e.g. Armenia, Azerbaijan, Independent.")
    slug = models.SlugField(max_length=100, unique=True)
    colour = models.CharField(
        max_length=7,
        default=side_colour_default,
        validators=[hex_colour],
        help_text="Colour used for this side in charts and labels; a new side gets one no other side uses.",
    )
    wikidata = wikidata_field()

    objects = SideQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="side_unique_name_ci"),
            wikidata_constraint("side"),
        ]

    def __str__(self):
        return self.name


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "person"
        GOVERNMENT = "government", "government body"
        MILITARY = "military", "military"
        MEDIA = "media", "media"
        NGO = "ngo", "NGO"
        INTERGOVERNMENTAL = "intergovernmental", "intergovernmental body"
        UNNAMED_GROUP = "unnamed_group", "unnamed group"

    name = models.CharField(
        max_length=200, help_text='As the coverage names them: "Vladimir Putin", "Azeri officials".'
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True, help_text="Role or title, e.g. President of Russia.")
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="actors", help_text="The side this actor speaks for."
    )
    wikidata = wikidata_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "side", name="actor_unique_name_side_ci"),
            wikidata_constraint("actor"),
        ]

    def __str__(self):
        return self.name


class Outlet(models.Model):
    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "news agency"
        NEWSPAPER = "newspaper", "newspaper"
        BROADCASTER = "broadcaster", "broadcaster"
        GOVERNMENT = "government", "government"
        THINK_TANK = "think_tank", "think tank"
        SOCIAL_MEDIA = "social_media", "social media"
        BLOG = "blog", "blog"

    name = models.CharField(max_length=200)
    url = models.URLField(blank=True, help_text="Home page.")
    country = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWSPAPER)
    wikidata = wikidata_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="outlet_unique_name_ci"),
            wikidata_constraint("outlet"),
        ]

    def __str__(self):
        return self.name


class Document(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    title = models.CharField(max_length=500)
    # NULL, not "", for "no URL": the unique constraint then holds only among documents that have one.
    url = models.URLField(max_length=1000, null=True, blank=True, help_text="Unique when given.")  # noqa: DJ001
    author = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=20, default="en", help_text="BCP 47 code, e.g. en, hy, az, ru.")
    text = models.TextField(blank=True, help_text="The document's text, when kept.")
    cites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="cited_by",
        help_text="Documents this one relays (a report cites the interview it quotes).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # A change of citations is a history record of the document whose reason lists what it now cites
    # (claims.services.document_set_cites), so "who made this a relay of that, and when" is on the record.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [models.UniqueConstraint(fields=["url"], name="document_unique_url")]
        indexes = [
            # Documents without a URL are matched by title, ignoring case (DESIGN §10 import matching).
            models.Index(Lower("title"), name="document_title_ci"),
            # The workspace's list, newest first (its page of rows read in order, no sort of the table),
            # and its language filter's choices (read by skipping through the index, claims.admin.filters).
            models.Index(fields=["published_on", "id"], name="document_published_on"),
            models.Index(fields=["language"], name="document_language"),
        ]

    def __str__(self):
        return self.title


class ActorAlias(models.Model):
    """Another name an actor is known by, so that entry finds the actor instead of making a second one (#17)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text='As the coverage prints it: "Armenian MoD", "the Kremlin".')
    learned = models.BooleanField(
        default=False, help_text="Learned when an editor accepted a candidate of this name for the actor."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [models.UniqueConstraint(Lower("name"), "actor", name="actoralias_unique_name_actor_ci")]

    def __str__(self):
        return self.name
