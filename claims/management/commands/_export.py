"""What the export commands share: one PATH argument, its format from the extension, clear errors."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.interchange import format_for
from claims.jobs.commands import submit_job


class ExportCommand(BaseCommand):
    """Write `export(path)`'s records to PATH and say how many; subclasses set `export` and `noun`."""

    export: Callable[[str], int]
    noun: str  # what a record is, plural: "claims"

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, .csv or .jsonl; an existing file is replaced.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Submit the export as a job, print its id and return (with REDIS_URL; else it runs here). "
            "PATH is written by the worker, on its machine.",
        )

    def handle(self, *args, path, background, **options):
        try:
            format_for(path)  # An unknown extension is refused before the file is created.
            if background:
                submit_job(self, "claims.jobs.tasks.export_file", f"Export every {self.noun[:-1]} to {path}",
                           what=self.noun, path=str(Path(path).resolve()))
                return
            count = self.export(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.stdout.write(f"Exported {count} {self.noun} to {path}")
