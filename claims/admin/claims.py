"""Claims in the workspace: entry, the claim page's workflow, bulk actions and history.

Every write goes through `claims.services`, as the API's do: the admin validates, calls one
service, and shows what the service said.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

import claims.admin.imports as imports
import claims.admin.searching as searching
from claims import policy
from claims.admin.columns import QuickCheckboxMixin
from claims.admin.figures import FigureField, check_figure_fits, figure_preview, figure_reading
from claims.admin.filters import CollapsedFilter
from claims.admin.history import ReviewedHistoryAdmin, stale_messages
from claims.admin.html import claim_link, side_chip, status_badge
from claims.admin.notices import warn_about_contradictions
from claims.admin.paging import CappedCountPaginator
from claims.admin.queue import ClaimQueueFilter
from claims.admin.saving import ServiceErrorsMixin, ServiceRefused, ServiceSaveMixin
from claims.contradictions import contested_refresh
from claims.models import Appearance, Claim, Contradiction
from claims.rules import format_severity
from claims.selectors import provenance_chain
from claims.services import (
    StaleVersion,
    claim_create,
    claim_publish,
    claim_retract,
    claim_submit,
    claim_update,
)
from claims.visibility import claims_visible, contradictions_visible, is_reviewer

# What an editor types for a claim; the figure comes as wording, the workflow fields never come from a form.
CLAIM_ENTRY_FIELDS = (
    "topic",
    "claimant",
    "side",
    "stated_on",
    "as_of",
    "statement",
    "quote",
    "language",
    "translation",
    "attribution",
    "stance",
    "accused_side",
    "verdict",
)


class ClaimForm(ServiceErrorsMixin, forms.ModelForm):
    """One claim on its own page: entry fields, the figure as worded and the version it was read at."""

    figure = FigureField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = CLAIM_ENTRY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "side" in self.fields:
            self.fields["side"].required = False
            self.fields["side"].help_text = "The claimant's side when the statement was made; empty: the claimant's."
        if self.instance.pk:
            self.fields["figure"].initial = self.instance.figure_as_worded  # as printed, not its reading
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        claimant = cleaned.get("claimant")
        if "side" in self.fields and not cleaned.get("side") and claimant is not None:
            cleaned["side"] = claimant.side
        if "figure" in self.fields:
            if self.instance.has_figure and not cleaned.get("figure") and cleaned.get("as_of") == self.instance.as_of:
                cleaned["as_of"] = None  # the figure is being removed, and the date it counted up to with it
            check_figure_fits(self, cleaned.get("topic", self.instance.topic if self.instance.topic_id else None),
                               cleaned.get("figure"), cleaned.get("as_of"))
        if self.instance.pk and cleaned.get("version") is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and current != cleaned["version"]:
                self.add_error(None, stale_messages(self.instance.pk, cleaned["version"]))
        return cleaned

    def create_kwargs(self) -> dict:
        """Return the keyword arguments for `claim_create`."""
        data = {name: self.cleaned_data[name] for name in CLAIM_ENTRY_FIELDS if name in self.cleaned_data}
        data["figure"] = self.cleaned_data.get("figure") or None
        return data

    def update_kwargs(self) -> dict:
        """Return only what the editor changed, for `claim_update`."""
        changes = {name: self.cleaned_data[name] for name in self.changed_data if name in CLAIM_ENTRY_FIELDS}
        if "figure" in self.changed_data:
            changes["figure"] = self.cleaned_data["figure"]
            if not self.cleaned_data["figure"]:
                changes["as_of"] = None
        return changes


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Shown with the claim: why it no longer stands.",
    )



class OpenFlagsFilter(admin.SimpleListFilter):
    title = "open flags"
    parameter_name = "open_flags"

    def lookups(self, request, model_admin):
        return [("yes", "with open flags"), ("no", "without open flags")]

    def queryset(self, request, queryset):
        # One EXISTS with both ends: probed per claim as the list reads them, through both ends' indexes. (Two
        # EXISTS joined by OR are planned as hashes of every open flag, read whole: 0.6 s at 200,000 flags.)
        has_open = Exists(Contradiction.objects.filter(status=Contradiction.Status.OPEN).filter(
            Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))))
        if self.value() == "yes":
            return queryset.filter(has_open)
        if self.value() == "no":
            return queryset.exclude(has_open)
        return queryset


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "role", "quote"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}
    verbose_name = "appearance in a document"
    verbose_name_plural = "where this claim appears"


def _flag_count(user):
    """Count each claim's live flags against claims this user may see."""
    live = Contradiction.objects.live()
    if not is_reviewer(user):
        visible = claims_visible(user).values("pk")
        as_a = live.filter(claim_a=OuterRef("pk"), claim_b__in=visible)
        as_b = live.filter(claim_b=OuterRef("pk"), claim_a__in=visible)
    else:
        as_a, as_b = live.filter(claim_a=OuterRef("pk")), live.filter(claim_b=OuterRef("pk"))

    def count(qs, column):
        return Coalesce(Subquery(qs.order_by().values(column).annotate(n=Count("pk")).values("n")), Value(0))

    return count(as_a, "claim_a") + count(as_b, "claim_b")

@admin.register(Claim)
class ClaimAdmin(QuickCheckboxMixin, ServiceSaveMixin, ReviewedHistoryAdmin):
    form = ClaimForm
    change_form_template = "admin/claims/claim/change_form.html"
    change_list_template = "admin/claims/claim/change_list.html"
    list_display = ["summary", "side_colour", "topic_name", "figure", "stated_on", "status_label", "flags"]
    list_display_links = ["summary"]
    list_filter = [ClaimQueueFilter, "status", "side", ("topic", CollapsedFilter), "topic__kind", "contested",
                   "verdict", OpenFlagsFilter]
    search_fields = ["statement", "quote", "claimant__name", "appearances__document__title",
                     "appearances__document__url"]  # on PostgreSQL through the indexes (claims.admin.searching)
    search_help_text = ("Words of the statement, quote or translation, the speaker's name, or a document's title; "
                        "a document's full URL; a claim's number.")
    autocomplete_fields = ["topic", "claimant", "side", "accused_side"]
    inlines = [AppearanceInline]
    actions = ["submit_claims", "publish_claims", "retract_claims"]
    list_per_page = 50
    show_full_result_count = False  # a second COUNT(*) on every page, for "(of N total)"
    paginator = CappedCountPaginator
    ordering = ["-stated_on", "-id"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}
    revert_fields = ("topic", "claimant", "side", "stated_on", "statement", "quote", "language", "translation",
                     "attribution", "stance", "accused_side", "qualifier", "value", "value_max", "as_of", "verdict")

    class Media:
        css = {"all": ["admin-extra/claims.css"]}

    # -- pages ---------------------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("parse-figure/", view(figure_preview), name="claims_claim_parse_figure"),
            path("import/", view(self.import_view), name="claims_claim_import"),
            path("import/sample.<str:fmt>", view(self.import_sample_view), name="claims_claim_import_sample"),
            path("<path:object_id>/submit/", view(self.workflow_view), {"action": "submit"},
                 name="claims_claim_submit"),
            path("<path:object_id>/publish/", view(self.workflow_view), {"action": "publish"},
                 name="claims_claim_publish"),
            path("<path:object_id>/retract/", view(self.workflow_view), {"action": "retract"},
                 name="claims_claim_retract"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return (
            claims_visible(request.user)
            .select_related("topic", "claimant", "side")
            .annotate(flag_total=_flag_count(request.user))
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip() or not searching.indexed(queryset):
            return super().get_search_results(request, queryset, search_term)
        return searching.claim_search(queryset, search_term), False

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        fieldsets = [
            (None, {"fields": [("topic",), ("claimant", "side"), "stated_on", *(["version"] if editable else [])]}),
            ("Figure", {"fields": ["figure", "as_of", *(["parsed_figure"] if obj and obj.has_figure else [])]}),
            ("What was said", {"fields": ["statement", "quote", ("language", "attribution"), "translation",
                                          ("stance", "accused_side")]}),
        ]
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Review", {"fields": [("status", "verdict"), "verdict_rationale", "verdict_url",
                                                   "retraction_reason",
                                                   ("created_by", "reviewed_by", "reviewed_at"),
                                                   ("external_id", "version_shown", "contested")]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["parsed_figure", "status", "retraction_reason", "created_by", "reviewed_by", "reviewed_at",
                    "external_id", "version_shown", "contested"]
        if not is_reviewer(request.user):
            readonly.extend(("verdict", "verdict_rationale", "verdict_url"))
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and not self.has_change_permission(request, obj):
            kwargs["fields"] = [f for f in kwargs.get("fields") or () if f not in ("figure", "version")]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # published claims are retracted, never deleted
        return actions

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Claims", **(extra_context or {})})

    def view_on_site(self, claim):
        """Open the claim's page as its reader sees it: the public page once published, else the staff preview."""
        url = claim.get_absolute_url()
        return url if claim.status == Claim.Status.PUBLISHED else f"{url}?preview=1"

    # -- permissions: who may change what, in which status ------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or policy.allowed(request.user, policy.Action.CHANGE, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or obj.status == Claim.Status.DRAFT

    def has_publish_permission(self, request):
        return is_reviewer(request.user)

    # -- columns ---------------------------------------------------------------------------------------------

    @admin.display(description="claim", ordering="claimant__name")
    def summary(self, claim):
        said = claim.statement or claim.quote or claim.figure_as_worded
        return format_html("<b>{}</b> {}", claim.claimant.name, Truncator(said).chars(110))

    @admin.display(description="topic", ordering="topic__name")
    def topic_name(self, claim):
        return format_html('<span title="{}">{}</span>', claim.topic.name, Truncator(claim.topic.name).chars(48))

    @admin.display(description="side", ordering="side__name")
    def side_colour(self, claim):
        return side_chip(claim.side)

    @admin.display(description="figure", ordering="value")
    def figure(self, claim):
        return claim.figure_as_worded or "—"

    @admin.display(description="status", ordering="status")
    def status_label(self, claim):
        if claim.contested:
            return format_html('{} <span class="contested-badge">contested</span>', status_badge(claim))
        return status_badge(claim)

    @admin.display(description="flags", ordering="flag_total")
    def flags(self, claim):
        if not claim.flag_total:
            return "0"
        url = reverse("admin:claims_contradiction_changelist")
        return format_html('<a href="{}?claim={}">{}</a>', url, claim.pk, claim.flag_total)

    @admin.display(description="figure as parsed")
    def parsed_figure(self, claim):
        if not claim.has_figure:
            return "—"
        reading = figure_reading(claim.qualifier, claim.value, claim.value_max)
        return format_html(
            '<span class="figure-reading">qualifier <b>{}</b> · value <b>{}</b> · interval <b>{}</b></span>',
            reading["qualifier_label"], reading["value_text"], reading["interval"],
        )

    @admin.display(description="version")
    def version_shown(self, claim):
        return claim.version

    # -- saving through the services --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        try:
            if change:
                changes = form.update_kwargs()
                if not changes:
                    return
                claim_update(claim=obj, user=request.user, version=form.cleaned_data.get("version"), **changes)
            else:
                created = claim_create(user=request.user, **form.create_kwargs())
                obj.pk = created.pk
                obj._state.adding = False
        except (ValidationError, StaleVersion) as exc:
            raise ServiceRefused(None, exc) from exc
        obj.refresh_from_db()

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # A draft's flags are derived from it and go with it; nobody needs a permission to delete them.
        perms_needed.discard(Contradiction._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        if obj.status != Claim.Status.DRAFT:
            raise PermissionDenied("Published claims are retracted, never deleted; only drafts can be deleted.")
        partners = {pk for flag in Contradiction.objects.involving(obj) for pk in (flag.claim_a_id, flag.claim_b_id)}
        obj.delete()
        contested_refresh(partners - {obj.pk})

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        warn_about_contradictions(request, [obj])
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        warn_about_contradictions(request, [obj])
        return response

    # -- the claim page: workflow, provenance, contradictions ----------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None and request.method == "GET":
            extra_context = {**claim_page_context(request, claim), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_view(self, request, object_id, action):
        """Submit, publish or retract one claim from its page, unless it changed since the page was read."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        page = reverse("admin:claims_claim_change", args=[claim.pk])
        if request.POST.get("version") != str(claim.version):
            messages.error(request, format_html(
                "Not done: this claim changed since you opened it (now version {}). Read it again first.",
                claim.version))
            return redirect(page)
        try:
            if action == "submit":
                claim_submit(claim=claim, user=request.user)
                messages.success(request, "Submitted for review.")
            elif action == "publish":
                claim_publish(claim=claim, user=request.user)
                messages.success(request, "Published.")
            else:
                claim_retract(claim=claim, user=request.user, reason=request.POST.get("reason", ""))
                messages.success(request, "Retracted.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(page)

    # -- bulk actions, under the same rules ----------------------------------------------------------------

    def _bulk(self, request, queryset, move, done):
        moved, refused = [], []
        for claim in queryset.order_by("pk"):
            try:
                with transaction.atomic():
                    moved.append(move(claim))
            except (PermissionDenied, ValidationError) as exc:
                reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                refused.append((claim, reason))
        if moved:
            self.message_user(request, f"{done} {len(moved)} claim{'s' if len(moved) != 1 else ''}.",
                              messages.SUCCESS)
        if refused:
            rows = format_html_join("", "<br>{}: {}", ((claim_link(c), reason) for c, reason in refused))
            self.message_user(request, format_html("Refused {}:{}", len(refused), rows), messages.ERROR)

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_claims(self, request, queryset):
        self._bulk(request, queryset, lambda c: claim_submit(claim=c, user=request.user), "Submitted")

    @admin.action(description="Publish selected claims", permissions=["publish"])
    def publish_claims(self, request, queryset):
        self._bulk(request, queryset, lambda c: claim_publish(claim=c, user=request.user), "Published")

    @admin.action(description="Retract selected claims…", permissions=["publish"])
    def retract_claims(self, request, queryset):
        form = RetractForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._bulk(request, queryset, lambda c: claim_retract(claim=c, user=request.user, reason=reason),
                       "Retracted")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Retract claims",
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action": "retract_claims",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/retract_confirmation.html", context)

    # -- import ------------------------------------------------------------------------------------------------

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return imports.import_page(request, self)

    def import_sample_view(self, request, fmt):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return imports.sample_download(fmt)

    # -- history ------------------------------------------------------------------------------------------------

    def revert_to(self, request, obj, record):
        values = {name: getattr(record, name) for name in self.revert_fields}
        for name in ("topic", "claimant", "side", "accused_side"):
            values[f"{name}_id"] = getattr(record, f"{name}_id")
            del values[name]
        return claim_update(claim=obj, user=request.user, version=obj.version, **values)

def claim_page_context(request, claim):
    """What the claim page shows around the form: its workflow, provenance and contradictions."""
    user = request.user
    own = claim.created_by_id is not None and claim.created_by_id == user.pk
    # The buttons are the policy's answer, so a button is shown exactly when the service behind it agrees.
    offered = policy.claim_actions(user, claim)
    withheld = policy.claim_actions_withheld(user, claim) if is_reviewer(user) else {}
    flags = (
        contradictions_visible(user, dismissed=True)
        .involving(claim)
        .select_related("claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side", "reviewed_by")
        .order_by("status", "-severity", "id")
    )
    prefetch_related_objects([claim], Prefetch("appearances", Appearance.objects.select_related("document__outlet")))
    can_review = policy.allowed(user, policy.Action.REVIEW_FLAG, Contradiction)
    return {
        "claim": claim,
        "can_submit": policy.Action.SUBMIT in offered,
        "can_publish": policy.Action.PUBLISH in offered,
        "can_retract": policy.Action.RETRACT in offered,
        # A reviewer is refused a move only by the four-eyes rule: say which, in the policy's words.
        "four_eyes": bool(withheld),
        "four_eyes_own": own,
        "four_eyes_reasons": list(dict.fromkeys(withheld.values())),
        "retract_form": RetractForm(),
        "flags": [
            {
                "flag": flag,
                "other": flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a,
                "severity": format_severity(flag.severity),
                "other_side": side_chip((flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a).side),
            }
            for flag in flags
        ],
        "can_review_flags": can_review,
        "provenance": provenance_chain(claim),
        "side_chip": side_chip(claim.side),
    }


# -- contradictions --------------------------------------------------------------------------------------------
