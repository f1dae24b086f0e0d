"""Contradictions in the workspace: flags come from the rules; reviewers confirm, dismiss or reopen them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

import claims.admin.searching as searching
from claims import policy
from claims.admin.columns import QuickCheckboxMixin
from claims.admin.filters import CollapsedFilter
from claims.admin.html import side_chip, status_badge
from claims.admin.paging import CappedCountPaginator
from claims.admin.queue import FlagQueueFilter
from claims.contradictions import contradiction_review
from claims.models import RANKING, Appearance, Claim, Contradiction
from claims.rules import format_severity
from claims.visibility import contradictions_visible


class ContradictionReviewForm(forms.Form):
    """A reviewer's ruling on one flag; a dismissal needs a note saying why."""

    decision = forms.ChoiceField(
        choices=[
            (Contradiction.Status.CONFIRMED, "confirm"),
            (Contradiction.Status.DISMISSED, "dismiss"),
            (Contradiction.Status.OPEN, "reopen"),
        ]
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Contradiction.Status.DISMISSED and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the flag is dismissed: the note is kept with the ruling.")
        return cleaned


class DismissForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why these flags are not real contradictions; kept with each ruling.",
    )



def side_by_side(flag) -> list[dict]:
    """Return the flag's two claims as the page shows them side by side: who, when, what, in which words, where."""
    claims = (Claim.objects.filter(pk__in=[flag.claim_a_id, flag.claim_b_id])
              .select_related("claimant", "side", "topic", "accused_side")
              .prefetch_related(Prefetch("appearances", Appearance.objects.select_related("document__outlet")
                                         .order_by("document__published_on", "pk"))))
    by_id = {claim.pk: claim for claim in claims}
    return [{"label": label, "claim": by_id[pk], "side_chip": side_chip(by_id[pk].side),
             "status": status_badge(by_id[pk])}
            for label, pk in (("Claim A", flag.claim_a_id), ("Claim B", flag.claim_b_id))]


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
class ContradictionAdmin(QuickCheckboxMixin, admin.ModelAdmin):
    change_form_template = "admin/claims/contradiction/change_form.html"
    list_display = ["kind", "severity_label", "topic_name", "first_claim", "second_claim", "status_label",
                    "short_explanation"]
    list_filter = [FlagQueueFilter, "status", "kind", ("topic", CollapsedFilter), FlagsOfClaimFilter]
    search_fields = ["topic__name", "claim_a__claimant__name", "claim_b__claimant__name"]  # claims.admin.searching
    search_help_text = "The topic's name, either speaker's name, or a claim's number."
    fields = ["topic", "kind", "severity_label", "explanation", "first_claim", "second_claim", "status", "note",
              "reviewed_by", "reviewed_at"]
    readonly_fields = fields
    actions = ["confirm_flags", "dismiss_flags"]
    list_per_page = 50
    show_full_result_count = False  # a second COUNT(*) on every page, for "(of N total)"
    paginator = CappedCountPaginator
    ordering = RANKING  # the largest gap first, as the public pages rank (index contradiction_ranked)

    class Media:
        css = {"all": ["admin-extra/claims.css"]}

    def get_urls(self):
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view),
                 name="claims_contradiction_review"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return contradictions_visible(request.user, dismissed=True).select_related(
            "topic", "claim_a__claimant", "claim_a__side", "claim_b__claimant", "claim_b__side", "reviewed_by"
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip() or not searching.indexed(queryset):
            return super().get_search_results(request, queryset, search_term)
        return searching.flag_search(queryset, search_term), False

    def has_add_permission(self, request):
        return False  # flags come from the rules, never by hand

    def has_change_permission(self, request, obj=None):
        return False  # rulings go through review_view and the actions

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return policy.allowed(request.user, policy.Action.REVIEW_FLAG, Contradiction)

    @admin.display(description="severity", ordering="severity")
    def severity_label(self, flag):
        return format_severity(flag.severity) or "—"

    @admin.display(description="topic", ordering="topic__name")
    def topic_name(self, flag):
        return format_html('<span title="{}">{}</span>', flag.topic.name, Truncator(flag.topic.name).chars(60))

    @staticmethod
    def _claim(claim):
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        figure = format_html(' <span class="figure-text">{}</span>', claim.figure_as_worded) if claim.has_figure else ""
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
        flag = self.get_object(request, unquote(object_id))
        if flag is not None:
            extra_context["pair"] = side_by_side(flag)
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
