"""The search page (issue #18): one box for claims, speakers, topics and documents."""

from http import HTTPStatus

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_safe

from claims import search
from claims.models import Claim, Topic
from claims.selectors import sides_in_disputes
from claims.views import reader_of


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True, label="Search")
    side = forms.ChoiceField(required=False, label="Side")
    kind = forms.ChoiceField(required=False, label="Topic kind",
                             choices=[("", "Figures and events"), *Topic.Kind.choices])
    stated_after = forms.DateField(required=False, label="Said from", input_formats=["%Y-%m-%d"])
    stated_before = forms.DateField(required=False, label="Said until", input_formats=["%Y-%m-%d"])
    verdict = forms.ChoiceField(required=False, label="Verdict", choices=[("", "Any verdict"), *Claim.Verdict.choices])
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = [("", "All sides"), *((s.slug, s.name) for s in sides)]

    def clean(self):
        data = super().clean()
        after, before = data.get("stated_after"), data.get("stated_before")
        if after and before and after > before:
            self.add_error("stated_before", "must be on or after “Said from”.")
        return data

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(side=data["side"], kind=data["kind"], stated_after=data["stated_after"],
                              stated_before=data["stated_before"], verdict=data["verdict"])


@require_safe
def search_page(request):
    """Show what matches the phrase: speakers, topics and documents first, then the claims, ranked and paged."""
    reader = reader_of(request)
    form = SearchForm(request.GET, sides=list(sides_in_disputes(reader)))
    results, status = None, HTTPStatus.OK
    if form.is_valid():
        results = search.search(form.cleaned_data["q"], reader, filters=form.filters(),
                                page=form.cleaned_data["page"] or 1)
    else:
        status = HTTPStatus.BAD_REQUEST
    download = request.GET.copy()
    download.pop("page", None)
    download.pop("preview", None)
    return render(request, "claims/search.html",
                  {"form": form, "results": results, "preview": reader is not None,
                   "download_filters": download.urlencode(), "rank_window": search.RANK_WINDOW}, status=status)
