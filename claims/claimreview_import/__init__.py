"""ClaimReview in: read fact-checkers' markup, keep each review as published, map its rating (#21)."""
