"""What the export commands share: one PATH argument, its format from the extension, clear errors."""

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from claims.interchange import format_for


class ExportCommand(BaseCommand):
    """Write `export(path)`'s records to PATH and say how many; subclasses set `export` and `noun`."""

    export: Callable[[str], int]
    noun: str  # what a record is, plural: "claims"

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, .csv or .jsonl; an existing file is replaced.")

    def handle(self, *args, path, **options):
        try:
            format_for(path)  # An unknown extension is refused before the file is created.
            count = self.export(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.stdout.write(f"Exported {count} {self.noun} to {path}")
