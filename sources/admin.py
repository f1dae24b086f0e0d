"""Who speaks and who publishes, in the editors' workspace; a document's page is where its claims are entered."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html

from claims import policy
from claims.admin import searching
from claims.admin.columns import QuickCheckboxMixin, related_count
from claims.admin.documents import DocumentClaimInline, save_document_claims
from claims.admin.extraction import DocumentExtractionMixin
from claims.admin.filters import LanguageFilter
from claims.admin.history import ReviewedHistoryAdmin
from claims.admin.html import side_chip
from claims.admin.notices import warn_about_contradictions
from claims.admin.paging import CappedCountPaginator
from claims.admin.saving import ReferenceServiceMixin, ServiceRefused, ServiceSaveMixin
from claims.models import Appearance
from claims.services import actor_create, actor_update, outlet_create, outlet_update, side_create, side_update
from claims.visibility import claims_visible
from sources.models import Actor, ActorAlias, Document, Outlet, Side
from sources.wikidata import entity_url


@admin.display(description="Wikidata", ordering="wikidata")
def wikidata_link(obj):
    """Link a reference's QID to its Wikidata page (opened by the reader; nothing is fetched)."""
    url = entity_url(obj.wikidata)
    return format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', url, obj.wikidata) if url else "—"


@admin.register(Side)
class SideAdmin(QuickCheckboxMixin, ReferenceServiceMixin, admin.ModelAdmin):
    create_service, update_service, instance_name = side_create, side_update, "side"
    list_display = ["name", "colour_swatch", "slug", wikidata_link]
    search_fields = ["name", "slug", "wikidata"]
    prepopulated_fields = {"slug": ["name"]}
    paginator = CappedCountPaginator

    class Media:
        css = {"all": ["admin-extra/claims.css"]}

    @admin.display(description="colour", ordering="colour")
    def colour_swatch(self, side):
        return side_chip(Side(name=side.colour, colour=side.colour))


class ActorAliasInline(admin.TabularInline):
    """The other names an actor is printed under; matching (claims.matching) finds the actor by each."""

    model = ActorAlias
    extra = 1
    fields = ["name", "learned", "created_by"]
    readonly_fields = ["learned", "created_by"]
    verbose_name = "also known as"
    verbose_name_plural = "also known as (aliases)"


@admin.register(Actor)
class ActorAdmin(QuickCheckboxMixin, ReferenceServiceMixin, admin.ModelAdmin):
    create_service, update_service, instance_name = actor_create, actor_update, "actor"
    list_display = ["name", "kind", "role", "side", wikidata_link]
    list_filter = ["kind", "side"]
    search_fields = ["name", "role", "side__name", "wikidata", "aliases__name"]
    autocomplete_fields = ["side"]
    list_select_related = ["side"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    inlines = [ActorAliasInline]

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj is not None else []  # aliases of a saved actor


@admin.register(Outlet)
class OutletAdmin(QuickCheckboxMixin, ReferenceServiceMixin, admin.ModelAdmin):
    create_service, update_service, instance_name = outlet_create, outlet_update, "outlet"
    list_display = ["name", "kind", "country", "url", wikidata_link]
    list_filter = ["kind"]
    search_fields = ["name", "country", "wikidata"]
    show_full_result_count = False
    paginator = CappedCountPaginator
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ClaimsOfDocumentInline(DocumentClaimInline):
    def get_queryset(self, request):
        # Another editor's drafts stay out of sight here as everywhere.
        return (
            super()
            .get_queryset(request)
            .filter(claim__in=claims_visible(request.user))
            .select_related("claim__topic", "claim__claimant", "claim__side", "claim__accused_side")
        )


@admin.register(Document)
class DocumentAdmin(QuickCheckboxMixin, DocumentExtractionMixin, ServiceSaveMixin, ReviewedHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "language", "claim_count"]
    # By date through a filter, not a date hierarchy: the hierarchy reads every document's date for its links.
    list_filter = [("published_on", admin.DateFieldListFilter), LanguageFilter, "outlet__kind"]
    search_fields = ["title", "url", "outlet__name"]  # on PostgreSQL through the indexes (claims.admin.searching)
    search_help_text = "Words of the title, the outlet's name, or part of the URL."
    autocomplete_fields = ["outlet", "cites"]
    list_select_related = ["outlet"]
    show_full_result_count = False  # a second COUNT(*) on every page, for "(of N total)"
    paginator = CappedCountPaginator
    ordering = ["-published_on", "-id"]  # newest first, as the index document_published_on reads them: no sort
    inlines = [ClaimsOfDocumentInline]
    fieldsets = [
        (None, {"fields": ["title", ("outlet", "published_on"), "url", ("author", "language"), "cites"]}),
        ("Text", {"fields": ["text"], "classes": ["collapse"]}),
    ]
    revert_fields = ("outlet", "title", "url", "author", "published_on", "language", "text")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    class Media:
        css = {"all": ["admin-extra/claims.css"]}

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip() or not searching.indexed(queryset):
            return super().get_search_results(request, queryset, search_term)
        return searching.document_search(queryset, search_term), False

    def get_queryset(self, request):
        documents = super().get_queryset(request).annotate(n_claims=related_count(Appearance.objects.all(), "document"))
        return documents.order_by(*self.ordering)  # an annotation drops Meta.ordering

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, document):
        return document.n_claims

    def save_model(self, request, obj, form, change):
        # The page stays open to editors for entering claims; the document's own fields (and what it
        # cites) are the policy's to allow, as in the services: a public document is a reviewer's.
        if change and form.changed_data:
            reason = policy.refusal(request.user, policy.Action.CHANGE, Document.objects.get(pk=obj.pk),
                                    fields=form.changed_data)
            if reason is not None:
                raise ServiceRefused(None, ValidationError(reason))
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Appearance:
            return super().save_formset(request, form, formset, change)
        request.created_claims = [*getattr(request, "created_claims", []),
                                  *save_document_claims(request, form.instance, formset)]

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        warn_about_contradictions(request, getattr(request, "created_claims", []))
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        warn_about_contradictions(request, getattr(request, "created_claims", []))
        return response

    def revert_to(self, request, obj, record):
        for name in self.revert_fields:
            attname = Document._meta.get_field(name).attname
            setattr(obj, attname, getattr(record, attname))
        obj.full_clean()
        obj._history_user = request.user
        obj.save()
        return obj
