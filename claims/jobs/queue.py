"""Submit jobs: onto the RQ queue in Redis when `REDIS_URL` is set, else run them here, at once.

RQ rather than Celery: one Redis, one queue and a worker that forks a process per job is all
this needs, and RQ is exactly that (DESIGN §11, README "Jobs").
"""

import os
import re
import socket

import redis
import rq
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.jobs import beats
from claims.jobs.beats import connection, in_background
from claims.jobs.models import Job
from claims.jobs.runner import run


def _queue_name() -> str:
    return f"{settings.REDIS_KEY_PREFIX}claimtracker"


def _id_safe(prefix: str) -> str:
    """The prefix as RQ allows in a job's id: letters, digits, underscores and dashes."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", prefix)


class QueueUnavailable(Exception):
    """REDIS_URL is set but Redis does not answer: nothing was submitted."""


def job_queue(conn: redis.Redis | None = None) -> rq.Queue:
    return rq.Queue(_queue_name(), connection=conn or connection(), default_timeout=settings.JOB_TIMEOUT)


def submit(task: str, *, title: str, user=None, payload: str = "", total: int | None = None, **arguments) -> Job:
    """Record a job and queue it (REDIS_URL set) or run it here and now; return its row.

    `task` is the dotted path of a function taking `job`, `progress` and `arguments`
    (claims.jobs.tasks). A queued job reaches the queue when the caller's transaction commits.
    """
    background = in_background()
    if background:
        try:
            connection().ping()
        except redis.RedisError as exc:
            raise QueueUnavailable(f"the job queue (REDIS_URL) does not answer: {exc}; nothing was submitted") from exc
    job = Job.objects.create(
        task=task, title=title[:300], arguments=arguments, payload=payload, total=total, background=background,
        submitted_by=user if user is not None and user.is_authenticated else None,
    )
    if background:
        transaction.on_commit(lambda: _enqueue(job))
    else:
        run(job.pk)
        job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    try:
        job_queue().enqueue(
            "claims.jobs.runner.run", job.pk, job_id=f"claimtracker-{_id_safe(settings.REDIS_KEY_PREFIX)}{job.pk}",
            result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600,
        )
    except redis.RedisError as exc:
        Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.FAILED, finished_at=timezone.now(), payload="",
            errors=[f"the job queue (REDIS_URL) did not take the job: {exc}"],
        )


def fail_abandoned() -> int:
    """Mark failed every running job whose process is gone; return how many.

    A background job is gone when its beats stopped (they lapse after JOB_STALE_SECONDS); any job
    run on this machine is gone when its process is. Its transaction died with its connection,
    so it wrote nothing; the job is not run again by itself (submit it again).
    """
    host = socket.gethostname()
    grace = timezone.now() - timezone.timedelta(seconds=settings.JOB_STALE_SECONDS)
    gone = []
    running = list(Job.objects.running().only("pk", "runner", "background", "started_at"))
    beating = set()
    if any(job.background for job in running) and in_background():
        beating = beats.beating([job.pk for job in running])
    for job in running:
        runner_host, _, pid = job.runner.rpartition(":")
        dead_here = runner_host == host and pid.isdigit() and not _alive(int(pid))
        silent = job.background and job.pk not in beating and job.started_at and job.started_at < grace
        if dead_here or silent:
            gone.append(job.pk)
    if not gone:
        return 0
    return Job.objects.filter(pk__in=gone, state=Job.State.RUNNING).update(
        state=Job.State.FAILED, finished_at=timezone.now(), payload="",
        errors=["the process running this job stopped before it finished (killed, or its machine lost); "
                "nothing it was writing was kept: submit it again"],
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
