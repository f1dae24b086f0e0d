"""Which newsroom role a user holds, as the workspace asks it to decide what to show."""

REVIEWER_PERM = "claims.publish_claim"
REVIEW_FLAGS_PERM = "claims.review_contradiction"


def is_reviewer(user) -> bool:
    return user.has_perm(REVIEWER_PERM)
