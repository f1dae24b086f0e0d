"""`worker`: run jobs from the queue in Redis (RQ's own worker, with this app loaded)."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from claims.jobs.queue import connection, fail_abandoned, job_queue


class Command(BaseCommand):
    help = (
        "Run queued jobs (imports, exports, extraction, recompute) until stopped: RQ's worker, forking a "
        "process per job. Needs REDIS_URL; start as many as you like, on any machine that reaches the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Run the jobs queued now, then stop.")

    def handle(self, *args, burst, **options):
        if not settings.REDIS_URL:
            raise CommandError(
                "REDIS_URL is not set: without it there is no queue, and jobs run in the process that submits them."
            )
        from rq import Worker

        failed = fail_abandoned()
        if failed:
            self.stderr.write(f"Marked {failed} abandoned job(s) failed.")
        # Each job runs in a forked process: it must open its own database connection, not share ours.
        connections.close_all()
        level = "DEBUG" if options["verbosity"] > 1 else "INFO" if options["verbosity"] == 1 else "WARNING"
        logging.getLogger("rq.worker").setLevel(level)
        conn = connection()
        worker = Worker([job_queue(conn)], connection=conn)
        worker.work(burst=burst, with_scheduler=False, logging_level=level)
