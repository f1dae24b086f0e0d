"""What the commands' `--background` shares: submit, print the job's id, and say how it ended if it ran here."""

from django.core.management.base import BaseCommand, CommandError

from claims.jobs.models import Job
from claims.jobs.queue import QueueUnavailable, in_background, submit


def submit_job(command: BaseCommand, task: str, title: str, **arguments) -> Job:
    """Submit a job for a command's --background; print its id (queued) or its result (run here, no REDIS_URL)."""
    try:
        job = submit(task, title=title, **arguments)
    except QueueUnavailable as exc:
        raise CommandError(str(exc)) from None
    if in_background():
        command.stdout.write(f"Job {job.pk} queued: {title}. Follow it with `manage.py jobs {job.pk}`.")
        return job
    if job.state == Job.State.FAILED:
        for error in job.errors:
            command.stderr.write(error)
        raise CommandError(f"Job {job.pk} failed (run here: no REDIS_URL): {title}")
    command.stdout.write(f"Job {job.pk} finished (run here: no REDIS_URL): {title}; result: {job.result}")
    return job
