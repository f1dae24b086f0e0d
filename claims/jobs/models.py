"""One row per job: what was asked, by whom, how far it got and how it ended."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobQuerySet(models.QuerySet):
    def running(self):
        return self.filter(state=Job.State.RUNNING)

    def unfinished(self):
        return self.filter(state__in=(Job.State.QUEUED, Job.State.RUNNING))


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    task = models.CharField(
        max_length=100, help_text="The function that does the work, by dotted path (claims.jobs.tasks.import_file)."
    )
    title = models.CharField(max_length=300, help_text="What the job does, in words, e.g. “Import claims.csv”.")
    arguments = models.JSONField(default=dict, blank=True, help_text="The task's keyword arguments.")
    payload = models.TextField(
        blank=True, default="", help_text="An uploaded file's text, kept until the job has run: any worker reads it."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    done = models.PositiveBigIntegerField(default=0, help_text="Rows (or items) done so far.")
    total = models.PositiveBigIntegerField(null=True, blank=True, help_text="Rows (or items) in all, when known.")
    result = models.JSONField(null=True, blank=True, help_text="What a finished job produced: counts, a file's path.")
    errors = models.JSONField(default=list, blank=True, help_text="Why a failed job failed, one line per problem.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    background = models.BooleanField(
        default=False, help_text="Run by a worker from the queue (true) or in the process that asked (false)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    runner = models.CharField(
        max_length=200, blank=True, default="", help_text="host:pid of the process running it, to tell a dead one."
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Job {self.pk}: {self.title}"

    @property
    def progress(self) -> str:
        """Rows done of total, e.g. “1,200 of 5,000”."""
        if self.total is None:
            return f"{self.done:,}"
        return f"{self.done:,} of {self.total:,}"
