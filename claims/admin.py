"""The editors' workspace (issue #3): claims, topics and contradictions in the Django admin.

Every write goes through `claims.services` and `claims.contradictions`, as the API's do:
the admin validates, calls one service, and shows what the service said.
"""

import dataclasses

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import update_change_reason

from claims import admin_views
from claims.contradictions import contested_refresh, contradiction_review
from claims.forms import (
    DOCUMENT_CLAIM_FIELDS,
    ClaimForm,
    ContradictionReviewForm,
    DismissForm,
    DocumentClaimForm,
    DocumentClaimFormSet,
    RetractForm,
    ServiceErrorsMixin,
    figure_reading,
    record_changes,
)
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.rules import format_severity
from claims.selectors import provenance_chain
from claims.services import (
    StaleVersion,
    claim_change_refusal,
    claim_create,
    claim_publish,
    claim_retract,
    claim_submit,
    claim_update,
    topic_update,
)

# The workspace's tables need the width more than a second copy of the app list.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "Claim Tracker"
admin.site.site_title = "Claim Tracker"
admin.site.index_title = "Newsroom workspace"

REVIEWER_PERM = "claims.publish_claim"
REVIEW_FLAGS_PERM = "claims.review_contradiction"


def is_reviewer(user) -> bool:
    return user.has_perm(REVIEWER_PERM)


def side_chip(side):
    """Render a side with its chart colour, from the per-side class /sides.css defines (no inline style: CSP)."""
    if side is None:
        return "—"
    return format_html('<span class="side-chip side-{}"><span class="swatch"></span>{}</span>', side.pk, side.name)


def status_badge(claim):
    return format_html('<span class="status-badge status-{}">{}</span>', claim.status, claim.get_status_display())


def claim_link(claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html('<a href="{}">#{} {}</a>', url, claim.pk, claim)


def claim_summary(claim):
    """One line for a claim in a list of claims: link, side, claimant, topic, figure, status."""
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html(
        '<a href="{}">#{}</a> {} <b>{}</b> · {} {} {}',
        url, claim.pk, side_chip(claim.side), claim.claimant.name, claim.topic.name,
        format_html('· <span class="figure-text">{}</span>', claim.figure_text) if claim.has_figure else "",
        status_badge(claim),
    )


# -- saving through services, with their refusals shown on the form ------------------------------------------


class ServiceRefused(Exception):
    """A service refused a save; `prefix` names the form (None: the main form) that shows the error."""

    def __init__(self, prefix, error):
        super().__init__(error)
        self.prefix, self.error = prefix, error


class ServiceSaveMixin:
    """Render the page again with the service's refusal on the form, after rolling the whole save back.

    `changeform_view` runs in its own atomic block, so everything the refused save wrote is undone;
    the second rendering validates the same POST with the refusal attached (`ServiceErrorsMixin`).
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        bases = (form,) if issubclass(form, ServiceErrorsMixin) else (ServiceErrorsMixin, form)
        return type(form.__name__, bases, {"request": request})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            if hasattr(request, "service_errors"):
                raise refused.error from refused
            request.service_errors = {refused.prefix: refused.error}
            return super().changeform_view(request, object_id, form_url, extra_context)


# -- history: who, when, field by field; reviewers revert ------------------------------------------------------


class ChangesHelper(HistoricalRecordContextHelper):
    """Field-by-field changes with choice labels, leaving out the version counter."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field != "version"]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices and value not in (None, ""):
            return dict(field.flatchoices).get(value, value)
        if value in (None, ""):
            return "—"
        return super().prepare_delta_change_value(change, value)


class ReviewedHistoryAdmin(SimpleHistoryAdmin):
    """History pages for everyone who may see the object; reverting for reviewers only.

    Simple-history's own revert form saves the historical instance with a plain `save()` and
    does not check the revert permission on POST; this replaces it with a comparison page whose
    revert goes through `revert_to` (the model's service) and is refused to non-reviewers.
    """

    revert_fields: tuple[str, ...] = ()
    version_template = "admin/history_version.html"
    object_history_list_template = "admin/history_list.html"

    def history_view(self, request, object_id, extra_context=None):
        # Simple-history falls back to the history of objects the queryset hides; we show only what may be read.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangesHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return not (is_reviewer(request.user) and self.has_change_permission(request, obj))

    def revert_to(self, request, obj, record):
        """Restore `revert_fields` of `obj` from `record`; return the saved object."""
        raise NotImplementedError

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        history = self.model.history.filter(**{self.opts.pk.attname: obj.pk})
        record = get_object_or_404(history, history_id=version_id)
        latest = history.latest()
        can_revert = not self.revert_disabled(request, obj)
        if request.method == "POST":
            if not can_revert:
                raise PermissionDenied("Only reviewers can revert.")
            if str(latest.history_id) != request.POST.get("latest"):
                messages.error(request, "It changed again since you opened this version; look at the changes first.")
                return redirect(request.path)
            try:
                with transaction.atomic():
                    saved = self.revert_to(request, obj, record)
                    update_change_reason(saved, f"Reverted to the version of {record.history_date:%Y-%m-%d %H:%M}")
            except (ValidationError, StaleVersion) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
                return redirect(request.path)
            messages.success(request, format_html("Reverted “{}” to the version of {}.",
                                                  saved, f"{record.history_date:%Y-%m-%d %H:%M}"))
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        restored = list(record_changes(latest, record, exclude=self._not_reverted()))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Version of {record.history_date:%Y-%m-%d %H:%M}",
            "subtitle": str(obj),
            "opts": self.opts,
            "original": obj,
            "record": record,
            "latest": latest,
            "is_latest": record.history_id == latest.history_id,
            "restored": restored,
            "can_revert": can_revert,
            "has_view_permission": self.has_view_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.version_template, context)

    def _not_reverted(self):
        tracked = [f.name for f in self.model.history.model._meta.fields if f.name in
                   {g.name for g in self.model._meta.fields}]
        return [name for name in tracked if name not in self.revert_fields]


# -- topics ----------------------------------------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(ServiceSaveMixin, ReviewedHistoryAdmin):
    list_display = ["name", "kind", "metric", "counted_side", "cumulative", "window_days", "claim_count"]
    list_filter = ["kind", "cumulative"]
    search_fields = ["name", "metric", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["counted_side"]
    revert_fields = ("name", "slug", "kind", "description", "metric", "counted_side", "cumulative", "window_days")

    def get_queryset(self, request):
        topics = super().get_queryset(request).select_related("counted_side").annotate(n_claims=Count("claims"))
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



# -- claims ----------------------------------------------------------------------------------------------------


class CollapsedFilter(admin.RelatedFieldListFilter):
    """A long list of choices (topics) that starts folded unless one of them is chosen."""

    template = "admin/claims/claim/collapsed_filter.html"


class OpenFlagsFilter(admin.SimpleListFilter):
    title = "open flags"
    parameter_name = "open_flags"

    def lookups(self, request, model_admin):
        return [("yes", "with open flags"), ("no", "without open flags")]

    def queryset(self, request, queryset):
        open_flags = Contradiction.objects.filter(status=Contradiction.Status.OPEN).filter(
            Q(claim_a=OuterRef("pk")) | Q(claim_b=OuterRef("pk"))
        )
        if self.value() == "yes":
            return queryset.filter(Exists(open_flags))
        if self.value() == "no":
            return queryset.exclude(Exists(open_flags))
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
        visible = Claim.objects.visible_to(user).values("pk")
        as_a = live.filter(claim_a=OuterRef("pk"), claim_b__in=visible)
        as_b = live.filter(claim_b=OuterRef("pk"), claim_a__in=visible)
    else:
        as_a, as_b = live.filter(claim_a=OuterRef("pk")), live.filter(claim_b=OuterRef("pk"))

    def count(qs, column):
        return Coalesce(Subquery(qs.order_by().values(column).annotate(n=Count("pk")).values("n")), Value(0))

    return count(as_a, "claim_a") + count(as_b, "claim_b")


@admin.register(Claim)
class ClaimAdmin(ServiceSaveMixin, ReviewedHistoryAdmin):
    form = ClaimForm
    change_form_template = "admin/claims/claim/change_form.html"
    change_list_template = "admin/claims/claim/change_list.html"
    list_display = ["summary", "side_colour", "topic_name", "figure", "stated_on", "status_label", "flags"]
    list_display_links = ["summary"]
    list_filter = ["status", "side", ("topic", CollapsedFilter), "topic__kind", "contested", "verdict", OpenFlagsFilter]
    search_fields = ["statement", "quote", "claimant__name", "appearances__document__title",
                     "appearances__document__url"]
    autocomplete_fields = ["topic", "claimant", "side", "accused_side"]
    inlines = [AppearanceInline]
    actions = ["submit_claims", "publish_claims", "retract_claims"]
    list_per_page = 50
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
            path("parse-figure/", view(admin_views.figure_preview), name="claims_claim_parse_figure"),
            path("import/", view(self.import_view), name="claims_claim_import"),
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
            Claim.objects.visible_to(request.user)
            .select_related("topic", "claimant", "side")
            .annotate(flag_total=_flag_count(request.user))
        )

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
        return [*fieldsets, ("Review", {"fields": [("status", "verdict"), "retraction_reason",
                                                   ("created_by", "reviewed_by", "reviewed_at"),
                                                   ("external_id", "version_shown", "contested")]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["parsed_figure", "status", "retraction_reason", "created_by", "reviewed_by", "reviewed_at",
                    "external_id", "version_shown", "contested"]
        if not is_reviewer(request.user):
            readonly.append("verdict")
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

    # -- permissions: who may change what, in which status ------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or claim_change_refusal(claim=obj, user=request.user) is None

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or obj.status == Claim.Status.DRAFT

    def has_publish_permission(self, request):
        return is_reviewer(request.user)

    # -- columns ---------------------------------------------------------------------------------------------

    @admin.display(description="claim", ordering="claimant__name")
    def summary(self, claim):
        said = claim.statement or claim.quote or claim.figure_text
        return format_html("<b>{}</b> {}", claim.claimant.name, Truncator(said).chars(110))

    @admin.display(description="topic", ordering="topic__name")
    def topic_name(self, claim):
        return format_html('<span title="{}">{}</span>', claim.topic.name, Truncator(claim.topic.name).chars(48))

    @admin.display(description="side", ordering="side__name")
    def side_colour(self, claim):
        return side_chip(claim.side)

    @admin.display(description="figure", ordering="value")
    def figure(self, claim):
        return claim.figure_text or "—"

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
        return admin_views.import_page(request, self)

    # -- history ------------------------------------------------------------------------------------------------

    def revert_to(self, request, obj, record):
        values = {name: getattr(record, name) for name in self.revert_fields}
        for name in ("topic", "claimant", "side", "accused_side"):
            values[f"{name}_id"] = getattr(record, f"{name}_id")
            del values[name]
        return claim_update(claim=obj, user=request.user, version=obj.version, **values)


def warn_about_contradictions(request, claims):
    """Warn about the published claims these not-yet-published claims contradict (drafts take part in flags)."""
    pending = [c for c in claims if c.status in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW)]
    if not pending:
        return
    flags = (
        Contradiction.objects.live()
        .filter(Q(claim_a__in=pending, claim_b__status=Claim.Status.PUBLISHED)
                | Q(claim_b__in=pending, claim_a__status=Claim.Status.PUBLISHED))
        .select_related("claim_a__claimant", "claim_b__claimant")
        .order_by("claim_a_id", "claim_b_id")
    )
    pending_ids = {c.pk for c in pending}
    rows = [
        (flag.get_kind_display(), claim_link(flag.claim_b if flag.claim_a_id in pending_ids else flag.claim_a),
         flag.explanation)
        for flag in flags
    ]
    if rows:
        messages.warning(request, format_html(
            "This would contradict {} published claim{}:{}",
            len(rows), "" if len(rows) == 1 else "s", format_html_join("", "<br>{}: {} — {}", rows)))


def claim_page_context(request, claim):
    """What the claim page shows around the form: its workflow, provenance and contradictions."""
    user = request.user
    reviewer = is_reviewer(user)
    own = claim.created_by_id is not None and claim.created_by_id == user.pk
    flags = (
        Contradiction.objects.involving(claim)
        .visible_to(user)
        .select_related("claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side", "reviewed_by")
        .order_by("status", "-severity", "id")
    )
    prefetch_related_objects([claim], Prefetch("appearances", Appearance.objects.select_related("document__outlet")))
    can_review = user.has_perm(REVIEW_FLAGS_PERM)
    return {
        "claim": claim,
        "can_submit": claim.status == Claim.Status.DRAFT and user.has_perm("claims.change_claim"),
        "can_publish": claim.status == Claim.Status.IN_REVIEW and reviewer and not own,
        "can_retract": claim.status != Claim.Status.RETRACTED and reviewer and not own,
        "four_eyes": reviewer and own and claim.status != Claim.Status.RETRACTED,
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


class FlagsOfClaimFilter(admin.SimpleListFilter):
    """The flags of one claim (`?claim=<id>`), linked from the claim list."""

    title = "claim"
    parameter_name = "claim"

    def lookups(self, request, model_admin):
        value = self.value()
        if value and value.isdigit():
            return [(value, f"claim #{value}")]
        return []

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))
        return queryset


@admin.register(Contradiction)
class ContradictionAdmin(admin.ModelAdmin):
    change_form_template = "admin/claims/contradiction/change_form.html"
    list_display = ["kind", "severity_label", "topic_name", "first_claim", "second_claim", "status_label",
                    "short_explanation"]
    list_filter = ["status", "kind", ("topic", CollapsedFilter), FlagsOfClaimFilter]
    search_fields = ["explanation", "topic__name", "claim_a__claimant__name", "claim_b__claimant__name"]
    fields = ["topic", "kind", "severity_label", "explanation", "first_claim", "second_claim", "status", "note",
              "reviewed_by", "reviewed_at"]
    readonly_fields = fields
    actions = ["confirm_flags", "dismiss_flags"]
    list_per_page = 50

    class Media:
        css = {"all": ["admin-extra/claims.css"]}

    def get_urls(self):
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view),
                 name="claims_contradiction_review"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return Contradiction.objects.visible_to(request.user).select_related(
            "topic", "claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side", "reviewed_by"
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False  # flags come from the rules, never by hand

    def has_change_permission(self, request, obj=None):
        return False  # rulings go through review_view and the actions

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_FLAGS_PERM)

    @admin.display(description="severity", ordering="severity")
    def severity_label(self, flag):
        return format_severity(flag.severity) or "—"

    @admin.display(description="topic", ordering="topic__name")
    def topic_name(self, flag):
        return format_html('<span title="{}">{}</span>', flag.topic.name, Truncator(flag.topic.name).chars(60))

    @staticmethod
    def _claim(claim):
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        figure = format_html(' <span class="figure-text">{}</span>', claim.figure_text) if claim.has_figure else ""
        return format_html('{}<br><a href="{}">#{} {}</a>{} {}', side_chip(claim.side), url, claim.pk,
                           claim.claimant.name, figure, status_badge(claim))

    @admin.display(description="claim a")
    def first_claim(self, flag):
        return self._claim(flag.claim_a)

    @admin.display(description="claim b")
    def second_claim(self, flag):
        return self._claim(flag.claim_b)

    @admin.display(description="ruling", ordering="status")
    def status_label(self, flag):
        return format_html('<span class="flag-status flag-status-{}">{}</span>', flag.status,
                           flag.get_status_display())

    @admin.display(description="why flagged")
    def short_explanation(self, flag):
        return format_html('<span title="{}">{}</span>', flag.explanation, Truncator(flag.explanation).chars(140))

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Contradictions", **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_review_flags": self.has_review_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def review_view(self, request, object_id):
        """Confirm, dismiss (with a note) or reopen one flag, then go back where the reviewer came from."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied("Only reviewers rule on contradictions.")
        flag = self.get_object(request, unquote(object_id))
        if flag is None:
            raise Http404
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("admin:claims_contradiction_change", args=[flag.pk])
        form = ContradictionReviewForm(request.POST)
        if not form.is_valid():
            errors = [message for messages_ in form.errors.values() for message in messages_]
            messages.error(request, " ".join(errors))
            return HttpResponseRedirect(back)
        contradiction_review(contradiction=flag, user=request.user, status=form.cleaned_data["decision"],
                             note=form.cleaned_data["note"].strip())
        messages.success(request, f"Flag {flag.get_status_display()}: {flag.explanation}")
        return HttpResponseRedirect(back)

    @admin.action(description="Confirm selected flags", permissions=["review"])
    def confirm_flags(self, request, queryset):
        for flag in queryset:
            contradiction_review(contradiction=flag, user=request.user, status=Contradiction.Status.CONFIRMED)
        self.message_user(request, f"Confirmed {len(queryset)} flag{'s' if len(queryset) != 1 else ''}.",
                          messages.SUCCESS)

    @admin.action(description="Dismiss selected flags…", permissions=["review"])
    def dismiss_flags(self, request, queryset):
        form = DismissForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for flag in queryset:
                contradiction_review(contradiction=flag, user=request.user, status=Contradiction.Status.DISMISSED,
                                     note=form.cleaned_data["note"].strip())
            self.message_user(request, f"Dismissed {len(queryset)} flag{'s' if len(queryset) != 1 else ''}.",
                              messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Dismiss flags",
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action": "dismiss_flags",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/contradiction/dismiss_confirmation.html", context)


# -- the claims a document carries, entered on the document page ----------------------------------------------


class DocumentClaimInline(admin.StackedInline):
    """Claims carried by a document: existing ones in brief, new ones entered in full (sources.admin uses it)."""

    model = Appearance
    form = DocumentClaimForm
    formset = DocumentClaimFormSet
    template = "admin/sources/document/claims_inline.html"
    extra = 1
    autocomplete_fields = ["claim"]
    verbose_name = "claim in this document"
    verbose_name_plural = "claims in this document"
    fieldsets = [
        (None, {"fields": [("claim",), ("topic",), ("claimant", "side"), ("stated_on", "as_of"),
                           ("figure",), ("quote", "role"), ("statement", "translation"),
                           ("attribution", "stance", "accused_side")]}),
    ]

    def get_formset(self, request, obj=None, **kwargs):
        claim_admin = self.admin_site._registry[Claim]
        fields = {}
        for name in DOCUMENT_CLAIM_FIELDS:
            formfield = claim_admin.formfield_for_dbfield(Claim._meta.get_field(name), request)
            formfield.required = False
            if isinstance(formfield.widget, forms.Textarea):
                formfield.widget.attrs.update(rows=2)
            fields[name] = formfield
        fields["request"] = request
        form = type("DocumentClaimForm", (self.form,), fields)
        return super().get_formset(request, obj, form=form, **kwargs)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and request.user.has_perm("claims.add_claim")


def save_document_claims(request, document, formset):
    """Save a document's claim rows: new claims through `claim_create`, then their appearances."""
    formset.save(commit=False)
    created = []
    for appearance in formset.deleted_objects:
        appearance.delete()
    new = {id(a) for a in formset.new_objects}
    changed = {id(a) for a, _ in formset.changed_objects}
    for form in formset.forms:
        appearance = form.instance
        if id(appearance) not in new | changed:
            continue
        if id(appearance) in new and not appearance.claim_id:
            try:
                with transaction.atomic():
                    claim = claim_create(user=request.user, **form.create_kwargs(document))
            except ValidationError as exc:
                raise ServiceRefused(form.prefix, exc) from exc
            appearance.claim = claim
            created.append(claim)
        appearance.document = document
        appearance.save()
    return created

