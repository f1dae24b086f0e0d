"""List filters shared by the workspace's lists."""

from django.contrib import admin


class CollapsedFilter(admin.RelatedFieldListFilter):
    """A long list of choices (topics) that starts folded unless one of them is chosen."""

    template = "admin/claims/claim/collapsed_filter.html"
