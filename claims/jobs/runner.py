"""Run one job: claim it (so that it never runs twice), do the work, record how it ended.

A background job beats in Redis while it runs; when the beats stop (the worker was killed,
its machine lost) `fail_abandoned` marks it failed. An all-or-nothing task (the import) is
finished in the same transaction as its writes, so a job is finished exactly when its work
committed: a killed worker's transaction dies with its connection, and nothing is written.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from claims.jobs import beats
from claims.jobs.models import Job

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """Raised by a task that fails for reasons its submitter can act on; `errors` are shown as they are."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class _Abandoned(Exception):
    """The job was marked failed while it ran (its beats were missed): its writes must not commit."""


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class _Progress:
    """Count what a task reports done; for a background job, beat in Redis with the count until stopped."""

    def __init__(self, job: Job):
        self.job = job
        self.done = 0
        self.total = job.total
        self._stop = threading.Event()
        self._thread = None
        if job.background:
            beats.beat(job.pk, self.done, self.total)
            self._thread = threading.Thread(target=self._beat, name=f"job-{job.pk}-heartbeat", daemon=True)
            self._thread.start()

    def __call__(self, count: int = 1, *, total: int | None = None) -> None:
        self.done += count
        if total is not None:
            self.total = total

    def _beat(self) -> None:
        while not self._stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            try:
                beats.beat(self.job.pk, self.done, self.total)
            except Exception:  # A missed beat is retried at the next; only many in a row fail the job.
                logger.warning("Job %s: heartbeat not recorded", self.job.pk, exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            beats.forget(self.job.pk)


def run(job_id: int) -> None:
    """Run the job if it is still queued; called by the worker (background) or by submit (in the caller)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now, runner=this_process()
    )
    if not claimed:  # Already taken by another worker, or failed meanwhile: never run twice.
        logger.warning("Job %s is not queued any more; not running it", job_id)
        return
    job = Job.objects.get(pk=job_id)
    progress = _Progress(job)
    try:
        task = import_string(job.task)
        if getattr(task, "all_or_nothing", False):
            with transaction.atomic():
                result = task(job=job, progress=progress, **job.arguments)
                _finish(job, progress, result)
        else:
            result = task(job=job, progress=progress, **job.arguments)
            _finish(job, progress, result)
    except _Abandoned:
        logger.error("Job %s was marked failed while it ran; its work was rolled back", job_id)
    except JobFailed as exc:
        _fail(job, progress, exc.errors)
    except Exception as exc:
        logger.exception("Job %s failed", job_id)
        _fail(job, progress, [f"{type(exc).__name__}: {exc}"])
    finally:
        progress.stop()


def _finish(job: Job, progress: _Progress, result) -> None:
    # Locked and checked in the task's transaction: the job is finished exactly when its writes commit.
    finished = Job.objects.select_for_update().filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.FINISHED, result=result, done=progress.done, total=progress.total,
        finished_at=timezone.now(), payload="",
    )
    if not finished:
        raise _Abandoned


def _fail(job: Job, progress: _Progress, errors: list[str]) -> None:
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.FAILED, errors=errors, done=progress.done, total=progress.total,
        finished_at=timezone.now(), payload="",
    )
