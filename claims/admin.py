from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Appearance, Claim, Contradiction, Topic


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "metric", "counted_side", "cumulative", "window_days"]
    list_filter = ["kind", "cumulative"]
    search_fields = ["name", "metric"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["counted_side"]


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["document"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["id", "claimant", "side", "topic", "stated_on", "qualifier", "value", "status", "contested"]
    list_filter = ["status", "side", "topic__kind", "contested", "verdict"]
    search_fields = ["statement", "quote", "claimant__name"]
    autocomplete_fields = ["topic", "claimant", "side", "accused_side"]
    readonly_fields = ["contested", "version", "created_by", "reviewed_by", "reviewed_at"]
    inlines = [AppearanceInline]


@admin.register(Contradiction)
class ContradictionAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "topic", "severity", "status", "explanation"]
    list_filter = ["kind", "status"]
    readonly_fields = ["topic", "claim_a", "claim_b", "kind", "severity", "explanation", "inputs_digest"]
