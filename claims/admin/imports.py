"""The import page: upload an interchange file, see what it would do, then import it."""

import io
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from claims.interchange import FORMATS, ImportFailed, RowError, format_counts, import_claims
from claims.interchange.columns import COLUMN_HELP, REQUIRED
from claims.interchange.report import group_errors
from claims.interchange.samples import SAMPLE_FORMATS, sample
from claims.jobs.queue import QueueUnavailable, in_background, submit
from claims.jobs.runner import JobFailed
from claims.jobs.tasks import count_rows
from claims.models import Claim

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # larger files: `manage.py import_claims`
UPLOADS = Path(tempfile.gettempdir()) / "claim-tracker-imports"
SESSION_KEY = "claim_import"
GROUPS_SHOWN = 50  # kinds of error (column, reason) one page shows; the command lists them all
RUNS_SHOWN = 20  # row ranges shown per kind ("rows 2–9, 12, 15–3,001 and 40 more")


class ImportForm(forms.Form):
    """An interchange file (DESIGN §6) to check, then import."""

    STATUSES = [(Claim.Status.DRAFT, "draft"), (Claim.Status.IN_REVIEW, "in review")]

    file = forms.FileField(
        required=False,
        help_text="CSV with a header row (.csv) or JSON Lines (.jsonl), in the interchange format.",
    )
    status = forms.ChoiceField(choices=STATUSES, initial=Claim.Status.DRAFT,
                               help_text="The status every imported claim gets.")


# -- import: check first, then write ---------------------------------------------------------------------------


class _DryRun(Exception):
    """Raised to roll back a checking run of the importer."""


def _read_upload(upload) -> tuple[str, str]:
    """Return (format, text) of an uploaded interchange file, or raise ValidationError saying what is wrong."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(f"“{upload.name}”: name the file .csv or .jsonl (JSON Lines).")
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(f"“{upload.name}” is over {MAX_IMPORT_BYTES // 2**20} MB; use manage.py import_claims.")
    try:
        return FORMATS[suffix], upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"“{upload.name}” is not UTF-8 text (byte {exc.start}).") from exc


def _run(text: str, fmt: str, status: str, user, *, dry: bool, progress=None):
    """Run the importer; on a dry run roll everything back. Rows that would change published claims are refused."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome["result"] = import_claims(
                io.StringIO(text), fmt=fmt, status=status, user=user, change_published=False, progress=progress
            )
            if dry:
                raise _DryRun
    except _DryRun:
        pass
    return outcome["result"]


def _store(text: str, fmt: str) -> str:
    """Keep a checked file until it is imported; files checked but abandoned go after a day."""
    UPLOADS.mkdir(mode=0o700, parents=True, exist_ok=True)
    stale = time.time() - 24 * 3600
    for old in UPLOADS.iterdir():
        if old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (UPLOADS / f"{token}.{fmt}").write_text(text, encoding="utf-8")
    return token


def _stored(token: str, fmt: str) -> Path | None:
    if not (token.isalnum() and fmt in ("csv", "jsonl")):
        return None
    path = UPLOADS / f"{token}.{fmt}"
    return path if path.is_file() else None


def import_page(request, model_admin):
    """Upload a file, see what it would do (or every bad row), then import it: nothing is written before that."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import claims",
        "opts": model_admin.opts,
        "has_view_permission": model_admin.has_view_permission(request),
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", "Choose a .csv or .jsonl file.")
        else:
            try:
                fmt, text = _read_upload(upload)
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                context.update(_preview(request, text, fmt, form.cleaned_data["status"], upload.name))
    context["form"] = form
    context["columns"] = [
        (name, name in REQUIRED, help) for name, help in COLUMN_HELP.items() if name not in ("id", "contested")
    ]
    return TemplateResponse(request, "admin/claims/claim/import.html", context)


def sample_download(fmt: str) -> HttpResponse:
    """The demo data set as a file to download: a worked example of the format."""
    if fmt not in SAMPLE_FORMATS:
        raise Http404("The samples are sample.csv and sample.jsonl.")
    response = HttpResponse(sample(fmt), content_type=f"{SAMPLE_FORMATS[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="claims-sample.{fmt}"'
    return response


def _grouped(errors: list[RowError]) -> dict:
    """The errors by (column, reason), each with its rows, at most GROUPS_SHOWN kinds of them."""
    groups = group_errors(errors)
    return {
        "errors": errors,
        "error_count": len(errors),
        "error_count_text": f"{len(errors):,}",
        "error_rows": len({error.row for error in errors}),
        "error_rows_text": f"{len({error.row for error in errors}):,}",
        "error_groups": [
            {"rows": group.rows_text(limit=RUNS_SHOWN), "column": group.column, "reason": group.reason}
            for group in groups[:GROUPS_SHOWN]
        ],
        "error_groups_hidden": max(0, len(groups) - GROUPS_SHOWN),
    }


def _preview(request, text: str, fmt: str, status: str, name: str) -> dict:
    preview = {"file_name": name, "status_label": Claim.Status(status).label}
    try:
        result = _run(text, fmt, status, request.user, dry=True)
    except ImportFailed as exc:
        preview.update(_grouped(exc.errors))
        return preview
    previous = request.session.get(SESSION_KEY) or {}
    if path := _stored(previous.get("token", ""), previous.get("fmt", "")):
        path.unlink(missing_ok=True)  # one checked file per editor at a time
    token = _store(text, fmt)
    request.session[SESSION_KEY] = {"token": token, "fmt": fmt, "status": status, "name": name}
    preview.update(result=result, contradictions=format_counts(result.contradictions), token=token)
    return preview


def _confirm(request):
    pending = request.session.get(SESSION_KEY) or {}
    here = reverse("admin:claims_claim_import")
    path = _stored(pending.get("token", ""), pending.get("fmt", ""))
    if path is None or request.POST.get("token") != pending.get("token"):
        messages.error(request, "That checked file is gone (it is kept until it is imported once); upload it again.")
        return redirect(here)
    text = path.read_text(encoding="utf-8")
    if in_background():
        return _enqueue(request, pending, text, path)
    try:
        result = _run(text, pending["fmt"], pending["status"], request.user, dry=False)
    except ImportFailed as exc:
        messages.error(request, format_html("Nothing imported: {}", exc))
        return redirect(here)
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    messages.success(request, format_html(
        "Imported “{}”: created {} claims, updated {}; contradictions in the topics touched: {}.",
        pending["name"], result.created, result.updated, format_counts(result.contradictions)))
    return redirect(reverse("admin:claims_claim_changelist"))


def _enqueue(request, pending: dict, text: str, path: Path):
    """With a job queue (REDIS_URL), a worker imports the confirmed file; the editor is shown its job."""
    try:
        job = submit(
            "claims.admin.imports.import_job", title=f"Import {pending['name']}", user=request.user, payload=text,
            total=count_rows(pending["fmt"], text=text), fmt=pending["fmt"], status=pending["status"],
        )
    except QueueUnavailable as exc:
        messages.error(request, f"Nothing imported: {exc}.")
        return redirect(reverse("admin:claims_claim_import"))
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    messages.success(request, format_html(
        "“{}” is being imported as job {}: this page shows its progress and how it ended.", pending["name"], job.pk))
    return redirect(reverse("admin:jobs_job_change", args=[job.pk]))


def import_job(*, job, progress, fmt: str, status: str) -> dict:
    """Import a file confirmed on the import page, as a job: the same checks, every row or none."""
    try:
        result = _run(job.payload, fmt, status, job.submitted_by, dry=False, progress=progress)
    except ImportFailed as exc:
        raise JobFailed([str(error) for error in exc.errors]) from None
    return {"created": result.created, "updated": result.updated, "contradictions": dict(result.contradictions)}


import_job.all_or_nothing = True  # the job is finished in the import's own transaction
