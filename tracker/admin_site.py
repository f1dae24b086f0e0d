"""The admin site of the newsroom workspace: Django's own, opening on the user's work queue (#17).

The model admins live in `claims.admin` and `sources.admin`; this module only shapes the site, and
imports the queue when a page is asked for, so that loading it needs no models.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class WorkspaceSite(AdminSite):
    site_header = "Claim Tracker"
    site_title = "Claim Tracker"
    index_title = "Newsroom workspace"
    index_template = "admin/workspace_index.html"
    enable_nav_sidebar = False  # the workspace's tables need the width more than a second copy of the app list

    def index(self, request, extra_context=None):
        from claims.admin.queue import workspace_queue

        return super().index(request, {"queue": workspace_queue(request.user), **(extra_context or {})})


class WorkspaceAdminConfig(AdminConfig):
    """`django.contrib.admin` with the workspace's site as `admin.site`."""

    default_site = "tracker.admin_site.WorkspaceSite"
