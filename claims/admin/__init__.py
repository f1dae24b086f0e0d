"""The editors' workspace (issue #3) in the Django admin: one module per model admin.

Dependencies run one way, from the bottom up:
`html` (plain HTML helpers), `access`, `figures`, `saving`, `filters` → `history`, `notices` →
`documents`, `imports`, `topics`, `contradictions` → `claims`, `extraction`. `sources.admin`
registers the document page with `documents` and `extraction`.
"""

from django.contrib import admin

# The workspace's tables need the width more than a second copy of the app list.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "Claim Tracker"
admin.site.site_title = "Claim Tracker"
admin.site.index_title = "Newsroom workspace"

from claims.admin import claims, contradictions, topics  # noqa: E402, F401  (registering the model admins)
