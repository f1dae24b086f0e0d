from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Actor, Document, Outlet, Side


@admin.register(Side)
class SideAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "colour"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "side"]
    list_filter = ["kind", "side"]
    search_fields = ["name", "role"]
    autocomplete_fields = ["side"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "url"]
    list_filter = ["outlet"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["outlet", "cites"]
    date_hierarchy = "published_on"
