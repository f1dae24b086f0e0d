"""A figure as worded: the form field editors type it in, and the preview that reads it as they type."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse_lazy

from claims.figures import FigureError, Qualifier, format_figure, parse_figure
from claims.models import Topic
from claims.rules import INF, interval_for

FIGURE_HELP = (
    'As printed: "nearing 5,000", "more than 2,000", "260–280", "at least 12". '
    "It is read into a qualifier and a number; wording that cannot be read is refused."
)


def _number(bound: float) -> str:
    if bound == INF:
        return "∞"
    return f"{bound:,.0f}" if bound == int(bound) else f"{bound:,.2f}".rstrip("0").rstrip(".")


def figure_reading(qualifier: str, value: int, value_max: int | None) -> dict:
    """Describe a parsed figure for editors: canonical wording, qualifier, value and interval."""
    interval = interval_for(qualifier, value, value_max, settings.FIGURE_TOLERANCE)
    opening = "(" if interval.low_open else "["
    closing = ")" if interval.high_open or interval.high == INF else "]"
    return {
        "canonical": format_figure(qualifier, value, value_max),
        "qualifier": str(qualifier),
        "qualifier_label": Qualifier(qualifier).label,
        "value": value,
        "value_max": value_max,
        "value_text": f"{value:,}" if value_max is None else f"{value:,}–{value_max:,}",
        "interval": f"{opening}{_number(interval.low)}, {_number(interval.high)}{closing}",
    }


class FigureInput(forms.TextInput):
    """A text input that shows, as the editor types, how the wording reads (static/admin-extra/figure-preview.js)."""

    class Media:
        js = ["admin-extra/figure-preview.js"]
        css = {"all": ["admin-extra/claims.css"]}


class FigureField(forms.CharField):
    """The figure as worded in the coverage; checked by the same parser the services use."""

    def __init__(self, **kwargs):
        attrs = {
            "class": "vTextField figure-input",
            "placeholder": "e.g. nearing 5,000",
            "autocomplete": "off",
            "data-preview-url": reverse_lazy("admin:claims_claim_parse_figure"),
        }
        kwargs.setdefault("widget", FigureInput(attrs=attrs))
        kwargs.setdefault("label", "Figure as worded")
        kwargs.setdefault("help_text", FIGURE_HELP)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                parse_figure(value)
            except FigureError as exc:
                raise ValidationError(str(exc), code="figure") from exc



def check_figure_fits(form, topic: Topic | None, figure: str, as_of) -> None:
    """Add the form errors for a figure its topic does not take, or an as-of date without a figure."""
    if figure and topic is not None and topic.kind != Topic.Kind.FIGURE:
        form.add_error("figure", f"Topic “{topic}” is a proposition; only figure topics take a figure.")
    if as_of and not figure:
        form.add_error("as_of", "as of goes with a figure; give the figure or leave this empty.")


def figure_preview(request):
    """Return how the figure wording in `?wording=` reads: qualifier, value and interval, or why it does not."""
    wording = request.GET.get("wording", "").strip()[:200]
    if not wording:
        return JsonResponse({"wording": "", "error": "Type the figure as printed, e.g. “nearing 5,000”."}, status=400)
    try:
        figure = parse_figure(wording)
    except FigureError as exc:
        return JsonResponse({"wording": wording, "error": str(exc)}, status=400)
    return JsonResponse({"wording": wording, **figure_reading(figure.qualifier, figure.value, figure.value_max)})
