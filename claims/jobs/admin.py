"""The jobs page in the admin: every job's state, progress and result, read only (jobs are submitted elsewhere)."""

import json

from django.contrib import admin
from django.utils.html import format_html

from claims.jobs.beats import live_progress
from claims.jobs.models import Job
from claims.jobs.queue import fail_abandoned


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "state", "shown_progress", "submitted_by", "created_at", "finished_at")
    list_filter = ("state",)
    list_select_related = ("submitted_by",)
    search_fields = ("title",)
    fields = ("title", "state", "shown_progress", "submitted_by", "created_at", "started_at", "finished_at",
              "shown_result", "shown_errors", "background", "runner")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("payload")

    def changelist_view(self, request, extra_context=None):
        fail_abandoned()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        fail_abandoned()
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="progress")
    def shown_progress(self, job: Job) -> str:
        done, total = live_progress([job]).get(job.pk, (job.done, job.total))
        return f"{done:,}" if total is None else f"{done:,} of {total:,}"

    @admin.display(description="result")
    def shown_result(self, job: Job) -> str:
        return "—" if job.result is None else format_html("<pre>{}</pre>", json.dumps(job.result, indent=2))

    @admin.display(description="errors")
    def shown_errors(self, job: Job) -> str:
        return format_html("<pre>{}</pre>", "\n".join(job.errors)) if job.errors else "—"
