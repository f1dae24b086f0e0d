"""What imported fact-checks leave behind: each review as published, and the table that maps ratings."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

# The verdicts, by value: claims.models imports this module, so it cannot import Claim.Verdict.
VERDICTS = [
    ("unrated", "unrated"),
    ("accurate", "accurate"),
    ("mostly_accurate", "mostly accurate"),
    ("misleading", "misleading"),
    ("false", "false"),
    ("unverifiable", "unverifiable"),
]


class RatingMapping(models.Model):
    label = models.CharField(
        max_length=100,
        help_text='A textual rating as fact-checkers publish it ("Pants on Fire", "Faux"). Compared ignoring '
        "case, accents, punctuation and spacing, so one row serves \"Pants on fire!\" too.",
    )
    verdict = models.CharField(
        max_length=20, choices=VERDICTS, help_text="Our verdict proposed for a review with this rating."
    )
    note = models.TextField(blank=True, help_text="Why this rating maps to this verdict, for the next editor.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["verdict", "label"]
        verbose_name = "rating mapping"
        constraints = [
            models.UniqueConstraint(Lower("label"), name="ratingmapping_unique_label_ci"),
            models.CheckConstraint(condition=models.Q(verdict__in=[v for v, _ in VERDICTS]),
                                   name="ratingmapping_valid_verdict"),
        ]

    def __str__(self):
        return f"{self.label} → {self.get_verdict_display()}"


class ExternalReview(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="external_reviews")
    url = models.URLField(max_length=1000, help_text="The fact-check's address, as published.")
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True, help_text="Who published the review.")
    publisher_url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True, help_text="The review's date, as published.")
    claim_reviewed = models.TextField(blank=True, help_text="The claim as the review words it (tags stripped).")
    # Text, not a short string: some publishers put a whole paragraph in the rating.
    textual_rating = models.TextField(blank=True, help_text="The rating's words (alternateName), as published.")
    rating_value = models.FloatField(null=True, blank=True, help_text="The numeric rating, on the publisher's scale.")
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    proposed_verdict = models.CharField(
        max_length=20,
        choices=VERDICTS,
        default="unrated",
        help_text="Our verdict mapped from the rating by the rating table when imported: a proposal; only a "
        "reviewer sets the claim's verdict.",
    )
    source = models.CharField(max_length=1000, blank=True, help_text="The file or address it was imported from.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "-published_on", "id"]
        verbose_name = "external review"
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="externalreview_unique_claim_url"),
            models.CheckConstraint(condition=models.Q(proposed_verdict__in=[v for v, _ in VERDICTS]),
                                   name="externalreview_valid_verdict"),
        ]

    def __str__(self):
        return f"{self.publisher or self.url}: {self.textual_rating or 'no rating'}"
