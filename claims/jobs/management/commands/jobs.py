"""`jobs [ID]`: each job's state, progress and result (DESIGN §11)."""

import json

from django.core.management.base import BaseCommand, CommandError

from claims.jobs.beats import live_progress
from claims.jobs.models import Job
from claims.jobs.queue import fail_abandoned


def describe(job: Job, live: dict) -> dict:
    """Return what `jobs` and the admin show of a job: state, progress, result or errors."""
    done, total = live.get(job.pk, (job.done, job.total))
    return {
        "id": job.pk,
        "title": job.title,
        "state": job.state,
        "progress": f"{done:,}" if total is None else f"{done:,} of {total:,}",
        "submitted_by": job.submitted_by.get_username() if job.submitted_by else None,
        "created_at": job.created_at.isoformat(timespec="seconds"),
        "finished_at": job.finished_at.isoformat(timespec="seconds") if job.finished_at else None,
        "runner": job.runner or None,
        "result": job.result,
        "errors": job.errors,
    }


class Command(BaseCommand):
    help = "List the latest jobs, or show one job's state, progress and result (or errors) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("id", nargs="?", type=int, help="A job's id, as printed when it was submitted.")
        parser.add_argument("--limit", type=int, default=20, help="How many of the latest jobs to list (20).")

    def handle(self, *args, id, limit, **options):
        fail_abandoned()
        jobs = Job.objects.select_related("submitted_by").defer("payload")
        if id is not None:
            job = jobs.filter(pk=id).first()
            if job is None:
                raise CommandError(f"no job {id}")
            self.stdout.write(json.dumps(describe(job, live_progress([job])), indent=2, ensure_ascii=False))
            return
        latest = list(jobs[:limit])
        live = live_progress(latest)
        for job in latest:
            shown = describe(job, live)
            self.stdout.write(f"{job.pk:>6}  {job.state:<8}  {shown['progress']:>20}  {job.title}")
