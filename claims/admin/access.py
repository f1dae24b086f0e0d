"""Which newsroom role a user holds, as the workspace asks it to decide what to show."""

from claims.visibility import is_reviewer  # noqa: F401  (the one rule of who reviews; the workspace asks it here)

REVIEW_FLAGS_PERM = "claims.review_contradiction"
