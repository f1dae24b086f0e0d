"""History pages: who changed what and when, field by field; reviewers revert through the services."""

import dataclasses

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import update_change_reason

from claims.figures import format_figure
from claims.models import Claim
from claims.services import StaleVersion
from claims.visibility import is_reviewer


def when(moment) -> str:
    """Return a moment in the pages' one readable form (DATETIME_FORMAT), in the site's time zone."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def is_empty(value) -> bool:
    """Whether a history value is empty: nothing, blank, or a foreign key that was empty (not a deleted object)."""
    return value in (None, "") or (isinstance(value, DeletedObject) and value.pk is None)


def _display(field, value) -> str:
    if is_empty(value):
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
    figure_fields = {*FIGURE_PARTS, "figure_wording"}  # one "Figure" row: the wording as printed
    if model is Claim and changed.keys() & figure_fields:
        def figure(record):
            if not record.qualifier:
                return "—"
            return record.figure_wording or format_figure(record.qualifier, record.value, record.value_max)

        rows.append(("Figure", figure(old), figure(new)))
    for change in delta.changes:
        if model is Claim and change.field in figure_fields:
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



class ChangesHelper(HistoricalRecordContextHelper):
    """Field-by-field changes with choice labels, leaving out the version counter."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field != "version"]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if is_empty(value):
            return "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
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
                                                  saved, when(record.history_date)))
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        restored = list(record_changes(latest, record, exclude=self._not_reverted()))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Version of {when(record.history_date)}",
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
