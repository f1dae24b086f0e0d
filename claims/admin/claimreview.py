"""Imported fact-checks in the workspace: the reviews as published, the rating table, the import page (#21)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims.claimreview_import.fetching import MAX_BYTES
from claims.claimreview_import.importing import DEFAULT_SIDE, DEFAULT_TOPIC, claimreview_import
from claims.claimreview_import.models import ExternalReview, RatingMapping
from claims.models import Claim, Topic
from sources.models import Side


@admin.register(RatingMapping)
class RatingMappingAdmin(SimpleHistoryAdmin):
    list_display = ["label", "verdict", "note"]
    list_editable = ["verdict"]
    list_filter = ["verdict"]
    search_fields = ["label", "note"]


class ClaimReviewImportForm(forms.Form):
    file = forms.FileField(help_text="A ClaimReview JSON-LD file, a DataFeed, a Fact Check Tools API response, or a "
                           "saved fact-check page (.html).")
    topic = forms.ModelChoiceField(Topic.objects.order_by("name"), required=False,
                                   help_text=f"Where new claims go (default “{DEFAULT_TOPIC}”, to sort later).")
    side = forms.ModelChoiceField(Side.objects.order_by("name"), required=False,
                                  help_text=f"The side of new claimants (default “{DEFAULT_SIDE}”).")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"“{upload.name}” is over {MAX_BYTES // 2**20} MB; use "
                                        "manage.py import_claimreview.")
        return upload


@admin.register(ExternalReview)
class ExternalReviewAdmin(SimpleHistoryAdmin):
    list_display = ["publisher", "textual_rating_short", "numeric_rating", "proposed_verdict", "claim_link",
                    "published_on"]
    list_filter = ["proposed_verdict", "publisher"]
    search_fields = ["publisher", "textual_rating", "claim_reviewed", "url"]
    list_select_related = ["claim__claimant"]
    date_hierarchy = "published_on"
    readonly_fields = [f.name for f in ExternalReview._meta.fields]
    change_list_template = "admin/claims/externalreview/change_list.html"

    def has_add_permission(self, request):
        return False  # reviews arrive by import only

    def has_change_permission(self, request, obj=None):
        return False  # kept as published

    @admin.display(description="rating", ordering="textual_rating")
    def textual_rating_short(self, review):
        text = review.textual_rating or "—"
        return text if len(text) <= 60 else f"{text[:59]}…"

    @admin.display(description="numeric rating")
    def numeric_rating(self, review):
        """Show the number with the publisher's own scale: "1 on a 1–6 scale"."""
        if review.rating_value is None:
            return "—"
        low, high = review.worst_rating, review.best_rating
        if high is None:
            return f"{review.rating_value:g}"
        return f"{review.rating_value:g} on a {low if low is not None else 1:g}–{high:g} scale"

    @admin.display(description="claim")
    def claim_link(self, review):
        url = reverse("admin:claims_claim_change", args=[review.claim_id])
        return format_html('<a href="{}">{}</a>', url, str(review.claim)[:80])

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="claims_externalreview_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a ClaimReview document; import it and show the report (what was made, matched and skipped)."""
        if not request.user.has_perm("claims.add_claim"):
            raise PermissionDenied("Only editors import fact-checks.")
        report = None
        posted = request.method == "POST"
        form = ClaimReviewImportForm(request.POST, request.FILES) if posted else ClaimReviewImportForm()
        if posted and form.is_valid():
            upload = form.cleaned_data["file"]
            report = claimreview_import(data=upload.read(), source=upload.name, user=request.user,
                                        topic=form.cleaned_data["topic"], side=form.cleaned_data["side"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import ClaimReview",
            "form": form,
            "report": report,
            "new_claims": Claim.objects.filter(pk__in=[o.claim_id for o in report.outcomes if o.created])
            if report else None,
        }
        return TemplateResponse(request, "admin/claims/externalreview/import.html", context)
