"""The claims a document carries, entered on the document's page (`sources.admin` puts them there).

Existing claims are shown in brief; new ones are entered in full and created through `claim_create`.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet

from claims.admin.figures import FigureField, check_figure_fits
from claims.admin.html import claim_summary
from claims.admin.saving import ServiceErrorsMixin, ServiceRefused
from claims.models import Appearance, Claim
from claims.services import appearance_delete, appearance_save, claim_create

# The claim fields entered on a document page, next to the appearance's own role and quote.
DOCUMENT_CLAIM_FIELDS = ("topic", "claimant", "side", "stated_on", "as_of", "statement", "translation",
                         "attribution", "stance", "accused_side")


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
            self.initial["figure"] = claim.figure_as_worded  # as printed, as the claim form shows it

    @property
    def locked(self) -> bool:
        """Whether this row's appearance is part of a published (or retracted) claim this user may not change."""
        if not self.instance.pk or self.instance.claim.status in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW):
            return False
        return not (self.request is not None and self.request.user.has_perm("claims.publish_claim"))

    @property
    def summary(self):
        """Render an existing row's claim in one line, linked to its page."""
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
            check_figure_fits(self, cleaned.get("topic"), cleaned.get("figure"), cleaned.get("as_of"))
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
    for form, appearance in zip(formset.deleted_forms, formset.deleted_objects, strict=False):
        _guarded(form.prefix, lambda appearance=appearance: appearance_delete(appearance=appearance, user=request.user))
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
        _guarded(form.prefix, lambda appearance=appearance: appearance_save(appearance=appearance, user=request.user))
    return created


def _guarded(prefix, save) -> None:
    """Run a service for one row; a refusal (the policy's or a rule's) is shown on that row, nothing kept."""
    try:
        with transaction.atomic():
            save()
    except PermissionDenied as exc:
        raise ServiceRefused(prefix, ValidationError(str(exc))) from exc
    except ValidationError as exc:
        raise ServiceRefused(prefix, exc) from exc
