"""`import_claims PATH [--status S]`: read claims from the interchange format (DESIGN §6, §7)."""

import argparse
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.choices import ChoiceError, read_choice
from claims.interchange import ImportFailed, RowError, format_counts, format_for, import_claims
from claims.interchange.report import group_errors
from claims.jobs.commands import submit_job
from claims.models import Claim


def _status(text: str) -> str:
    """Read --status by value or label, any case (claims.choices), as the file's status column is read."""
    try:
        return read_choice(Claim.Status, text, name="status")
    except ChoiceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


SHOWN = 20  # error lines printed in full before the command summarises them by kind
GROUPS_SHOWN = 50  # kinds of error printed in the summary


class Command(BaseCommand):
    help = (
        "Import claims from PATH, CSV with a header row (.csv) or JSON Lines (.jsonl): every row, or none and a "
        "list of the bad rows. Rows with a known external_id update that claim."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv or .jsonl file in the interchange format.")
        parser.add_argument(
            "--status",
            type=_status,
            metavar="{" + ",".join(Claim.Status.values) + "}",
            help="Give every imported claim this status, whatever its row says (default: the row's, else draft).",
        )
        parser.add_argument(
            "--all-errors",
            action="store_true",
            help=f"Print every bad row's line, however many (default: all of them up to {SHOWN}, else the"
            f" first {GROUPS_SHOWN} kinds of error by column and reason with their rows, then {SHOWN} lines).",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Submit the import as a job, print its id and return at once (with REDIS_URL; else it runs here).",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Hide the progress bar (it is hidden anyway when stderr is not a terminal).",
        )

    def handle(self, *args, path, status, background, no_progress, all_errors, **options):
        path = Path(path)
        try:
            format_for(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if background:
            submit_job(self, "claims.jobs.tasks.import_file", f"Import {path.name}", path=str(path.resolve()),
                       status=status)
            return
        failed = None
        with tqdm(desc="Importing", unit=" rows", file=sys.stderr, disable=True if no_progress else None) as bar:
            try:
                result = import_claims(path, status=status, progress=bar.update)
            except ImportFailed as exc:
                failed = exc
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror or exc}") from None
        if failed is not None:
            self._errors(failed.errors, every=all_errors)
            rows = len({error.row for error in failed.errors})
            raise CommandError(f"{len(failed.errors)} error(s) in {rows} row(s) of {path}; nothing was imported.")
        self.stdout.write(
            f"Created {result.created} claims, updated {result.updated}; "
            f"contradictions found: {format_counts(result.contradictions)}"
        )

    def _errors(self, errors: list[RowError], *, every: bool) -> None:
        """Print `row N, column C: reason` for each error (DESIGN §10); many are summarised by kind first."""
        if every or len(errors) <= SHOWN:
            for error in errors:
                self.stderr.write(str(error))
            return
        groups = group_errors(errors)
        self.stderr.write(f"{len(errors):,} errors of {len(groups):,} kinds (by column and reason):")
        for group in groups[:GROUPS_SHOWN]:
            self.stderr.write(f"  {group}")
        if len(groups) > GROUPS_SHOWN:
            self.stderr.write(f"  ... and {len(groups) - GROUPS_SHOWN:,} more kinds")
        self.stderr.write(f"The first {SHOWN} of them:")
        for error in errors[:SHOWN]:
            self.stderr.write(str(error))
        self.stderr.write(f"... and {len(errors) - SHOWN:,} more (--all-errors prints every one)")
