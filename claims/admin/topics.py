"""Topics in the workspace: settings changed through `topic_update`, which recomputes their flags."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.admin.columns import QuickCheckboxMixin, related_count
from claims.admin.history import ReviewedHistoryAdmin
from claims.admin.paging import CappedCountPaginator
from claims.admin.saving import PolicyPermissionsMixin, ServiceRefused, ServiceSaveMixin
from claims.models import Claim, Topic
from claims.services import topic_update


@admin.register(Topic)
class TopicAdmin(QuickCheckboxMixin, PolicyPermissionsMixin, ServiceSaveMixin, ReviewedHistoryAdmin):
    list_display = ["name", "kind", "metric", "counted_side", "cumulative", "window_days", "claim_count"]
    list_filter = ["kind", "cumulative"]
    search_fields = ["name", "metric", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["counted_side"]
    show_full_result_count = False  # a second COUNT(*) on every page, for "(of N total)"
    paginator = CappedCountPaginator
    revert_fields = ("name", "slug", "kind", "description", "metric", "counted_side", "cumulative", "window_days")

    def view_on_site(self, topic):
        """Open the topic's dispute page as staff preview it: drafts and claims in review included."""
        return f"{topic.get_absolute_url()}?preview=1"

    def get_queryset(self, request):
        topics = super().get_queryset(request).select_related("counted_side").annotate(
            n_claims=related_count(Claim.objects.all(), "topic"))
        return topics.order_by("name")  # an aggregate drops Meta.ordering

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, topic):
        return topic.n_claims

    def save_model(self, request, obj, form, change):
        if not change:
            obj._history_user = request.user
            obj.save()  # a new topic has no claims, so no flags to compute
            return
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            with transaction.atomic():
                topic_update(topic=Topic.objects.get(pk=obj.pk), user=request.user, **changes)
        except ValidationError as exc:
            raise ServiceRefused(None, exc) from exc
        obj.refresh_from_db()

    def revert_to(self, request, obj, record):
        return topic_update(topic=obj, user=request.user,
                            **{name: getattr(record, name) for name in self.revert_fields if name != "counted_side"},
                            counted_side_id=record.counted_side_id)
