"""From a fact-checker's rating words to our verdict, by the editable table (RatingMapping).

The seed table is the data migration claims/0009_seed_rating_mappings_and_grant_import_permissions;
README "ClaimReview import" lists it.
"""

import re
import unicodedata

UNRATED = "unrated"


def rating_key(label: str) -> str:
    """Return the form ratings are compared in: no case, accents, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", label or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


class RatingTable:
    """The rating table read once, for every review of an import."""

    def __init__(self, rows):
        self._verdicts = {}
        for label, verdict in rows:
            self._verdicts.setdefault(rating_key(label), verdict)

    @classmethod
    def load(cls):
        from claims.claimreview_import.models import RatingMapping

        return cls(RatingMapping.objects.order_by("id").values_list("label", "verdict"))

    def verdict(self, textual_rating: str) -> str | None:
        """Return the verdict the table gives these words, or None when it does not know them."""
        return self._verdicts.get(rating_key(textual_rating))
