"""Admin forms for the editors' workspace (issue #3).

The forms validate and describe; the admin hands their cleaned data to `claims.services`,
so the same rules hold here as in the API and the importer.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse_lazy

from claims.figures import FigureError, Qualifier, format_figure, parse_figure
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.rules import INF, interval_for
from claims.services import StaleVersion

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
# The claim fields entered on a document page, next to the appearance's own role and quote.
DOCUMENT_CLAIM_FIELDS = ("topic", "claimant", "side", "stated_on", "as_of", "statement", "translation",
                         "attribution", "stance", "accused_side")
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


class ServiceErrorsMixin:
    """Show on the form the errors a service raised when the admin tried to save it.

    The admin sets `request` on the form class; when a service refuses a save, it renders
    the page again with `request.service_errors[prefix]` holding the refusal.
    """

    request = None
    field_aliases = {"qualifier": "figure", "value": "figure", "value_max": "figure"}

    def clean(self):
        cleaned = super().clean()
        self.add_service_error()
        return cleaned

    def add_service_error(self):
        error = getattr(self.request, "service_errors", {}).get(self.prefix)
        if error is None or isinstance(error, StaleVersion):
            return  # a stale version is reported by the form's own version check, with what changed
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            field = self.field_aliases.get(field, field)
            if field in self.fields and not self.fields[field].disabled:
                self.add_error(field, messages)
            else:
                label = "" if field == "__all__" else f"{field.replace('_', ' ')}: "
                self.add_error(None, [f"{label}{message}" for message in messages])


def _check_figure_fits(form, topic: Topic | None, figure: str, as_of) -> None:
    if figure and topic is not None and topic.kind != Topic.Kind.FIGURE:
        form.add_error("figure", f"Topic “{topic}” is a proposition; only figure topics take a figure.")
    if as_of and not figure:
        form.add_error("as_of", "as of goes with a figure; give the figure or leave this empty.")


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
            self.fields["figure"].initial = self.instance.figure_text
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        claimant = cleaned.get("claimant")
        if "side" in self.fields and not cleaned.get("side") and claimant is not None:
            cleaned["side"] = claimant.side
        if "figure" in self.fields:
            if self.instance.has_figure and not cleaned.get("figure") and cleaned.get("as_of") == self.instance.as_of:
                cleaned["as_of"] = None  # the figure is being removed, and the date it counted up to with it
            _check_figure_fits(self, cleaned.get("topic", self.instance.topic if self.instance.topic_id else None),
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


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


FIGURE_PARTS = ("qualifier", "value", "value_max")


def record_changes(old, new, *, exclude=("version",)) -> list[tuple[str, str, str]]:
    """Return (label, old, new) for each field that differs between two history records of one object."""
    model = new.instance_type
    delta = new.diff_against(old, excluded_fields=list(exclude), foreign_keys_are_objs=True)
    rows = []
    changed = {change.field: change for change in delta.changes}
    if model is Claim and changed.keys() & set(FIGURE_PARTS):
        def figure(record):
            return format_figure(record.qualifier, record.value, record.value_max) if record.qualifier else "—"

        rows.append(("Figure", figure(old), figure(new)))
    for change in delta.changes:
        if model is Claim and change.field in FIGURE_PARTS:
            continue
        field = model._meta.get_field(change.field)
        rows.append((str(field.verbose_name).capitalize(), _display(field, change.old), _display(field, change.new)))
    return rows


def stale_messages(claim_id: int, version: int) -> list[str]:
    """Say why a save was refused: who changed the claim since `version`, and what they changed."""
    records = Claim.history.filter(id=claim_id).select_related("history_user").order_by("history_id")
    seen = records.filter(version=version).last()
    latest = records.last()
    later = list(records.filter(version__gt=version))
    who = sorted({r.history_user.get_username() for r in later if r.history_user}) or ["someone"]
    lines = [
        f"This claim was changed by {', '.join(who)} since you opened it (you had version {version}, "
        f"it is now at version {latest.version if latest else '?'}). Nothing was saved, nothing was overwritten."
    ]
    if seen is not None and latest is not None:
        for label, old, new in record_changes(seen, latest):
            lines.append(f"{label}: “{old}” → “{new}”")
    lines.append("Your edits are still in the form below: open the claim again and apply them to the current version.")
    return lines


class DocumentClaimForm(ServiceErrorsMixin, forms.ModelForm):
    """A claim carried by one document: an existing claim this document relays, or a new one entered here.

    The admin adds the claim fields (`DOCUMENT_CLAIM_FIELDS`) with its own widgets; on existing rows
    they are shown as a summary and are not editable here (the claim page holds the version lock).
    """

    figure = FigureField()

    class Meta:
        model = Appearance
        fields = ("claim", "role", "quote")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claim"].required = False
        self.fields["claim"].label = "Existing claim"
        self.fields["claim"].help_text = "When this document relays a claim already entered; else describe it below."
        self.fields["quote"].help_text = "Verbatim, as printed in this document (also the new claim's quote)."
        self.fields["quote"].widget.attrs.update(rows=3 if not self.instance.pk else 1)
        for name in DOCUMENT_CLAIM_FIELDS:
            if name in self.fields:
                self.fields[name].required = False
        if self.instance.pk:
            claim = self.instance.claim
            for name in (*DOCUMENT_CLAIM_FIELDS, "figure", "claim"):
                if name in self.fields:
                    self.fields[name].disabled = True
            if self.locked:
                self.fields["role"].disabled = self.fields["quote"].disabled = True
            for name in DOCUMENT_CLAIM_FIELDS:
                if name in self.fields:
                    self.initial[name] = getattr(claim, f"{name}_id", None) or getattr(claim, name)
            self.initial["figure"] = claim.figure_text

    @property
    def locked(self) -> bool:
        """Whether this row's appearance is part of a published (or retracted) claim this user may not change."""
        if not self.instance.pk or self.instance.claim.status in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW):
            return False
        return not (self.request is not None and self.request.user.has_perm("claims.publish_claim"))

    @property
    def summary(self):
        """Render an existing row's claim in one line, linked to its page."""
        from claims.admin import claim_summary  # the admin's HTML helpers; imported late, the admin imports us

        return claim_summary(self.instance.claim) if self.instance.pk else ""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        entered = [name for name in (*DOCUMENT_CLAIM_FIELDS, "figure") if cleaned.get(name) not in (None, "")]
        if cleaned.get("claim"):
            if entered:
                self.add_error("claim", "Pick an existing claim or describe a new one, not both.")
        else:
            if not cleaned.get("side") and cleaned.get("claimant") is not None:
                cleaned["side"] = cleaned["claimant"].side
            for name in ("topic", "claimant", "stated_on"):
                if name in self.fields and not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, "A new claim needs this (or pick an existing claim above).")
            _check_figure_fits(self, cleaned.get("topic"), cleaned.get("figure"), cleaned.get("as_of"))
        return cleaned

    def create_kwargs(self, document) -> dict:
        """Return the keyword arguments for `claim_create` of the new claim on this row."""
        data = {name: self.cleaned_data.get(name) for name in DOCUMENT_CLAIM_FIELDS}
        data = {name: value for name, value in data.items() if value not in (None, "")}
        data.update(figure=self.cleaned_data.get("figure") or None, quote=self.cleaned_data.get("quote", ""),
                    language=document.language or "en")
        return data


class DocumentClaimFormSet(BaseInlineFormSet):
    """The claim rows of a document; a published claim's appearance is removed by reviewers only."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.locked:
                raise ValidationError(
                    f"Claim #{form.instance.claim_id} is {form.instance.claim.get_status_display()}: only a reviewer "
                    "removes it from a document.")


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Shown with the claim: why it no longer stands.",
    )


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


class ImportForm(forms.Form):
    """An interchange file (DESIGN §6) to check, then import."""

    STATUSES = [(Claim.Status.DRAFT, "draft"), (Claim.Status.IN_REVIEW, "in review")]

    file = forms.FileField(
        required=False,
        help_text="CSV with a header row (.csv) or JSON Lines (.jsonl), in the interchange format.",
    )
    status = forms.ChoiceField(choices=STATUSES, initial=Claim.Status.DRAFT,
                               help_text="The status every imported claim gets.")
