"""The editors' workspace (issue #3) in the Django admin: one module per model admin.

Dependencies run one way, from the bottom up:
`html` (plain HTML helpers), `access`, `figures`, `saving`, `filters` → `history`, `notices` →
`documents`, `imports`, `topics`, `contradictions` → `claims`, `extraction`. `sources.admin`
registers the document page with `documents` and `extraction`.
The site itself (its titles, and the home page's work queue from `queue`) is `tracker.admin_site`.
"""

from claims.admin import claimreview, claims, contradictions, topics  # noqa: F401  (registering the model admins)
