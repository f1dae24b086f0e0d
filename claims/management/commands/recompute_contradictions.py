"""`recompute_contradictions`: rebuild every flag, topic by topic (DESIGN §5, §7)."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.contradictions import contradictions_recompute_all
from claims.interchange import format_counts
from claims.jobs.commands import submit_job
from claims.models import Topic


class ProgressBar(tqdm):
    """tqdm without its monitor thread: a recompute shares its work with forked processes only from a process
    running one thread (claims.contradictions._workers), so at a terminal the bar's thread kept it in one."""

    monitor_interval = 0


class Command(BaseCommand):
    help = (
        "Rebuild the contradiction flags of every topic. Reviewers' confirmations and dismissals stay "
        "while neither claim's rule inputs changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Submit the recompute as a job, print its id and return (with REDIS_URL; else it runs here).",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Hide the progress bar (it is hidden anyway when stderr is not a terminal).",
        )

    def handle(self, *args, background, no_progress, **options):
        if background:
            submit_job(self, "claims.jobs.tasks.recompute", "Recompute every topic's contradictions")
            return
        topics = Topic.objects.order_by("pk")
        total = topics.count()
        with ProgressBar(
            total=total, desc="Recomputing", unit=" topics", file=sys.stderr, disable=True if no_progress else None
        ) as bar:
            counts = contradictions_recompute_all(topics=topics, progress=lambda topic: bar.update())
        self.stdout.write(f"Recomputed {total} topics; contradictions: {format_counts(counts)}")
