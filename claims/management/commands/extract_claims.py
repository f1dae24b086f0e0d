"""Print the candidate claims found in an article's text, one JSON object a line (DESIGN §7)."""

import argparse
import datetime
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract_claims
from claims.jobs.commands import submit_job
from claims.matching import candidate_lines
from claims.selectors import known_sides_and_actors


class Command(BaseCommand):
    help = (
        "Find the attributed claims in an article's text (UTF-8; '-' reads standard input) and print them as "
        "JSON Lines: claimant, side, stance, accused_side, figure, qualifier, value, value_max, quote, start, end, "
        "confidence; also (a statement printed twice, in a lead and again in the quote, is one line: the later "
        "printings' claimant, quote, start, end); then what the archive holds of it: claimant_id (the stored actor "
        "matched, or null), repeats (ids of stored claims it repeats) and topic_suggestions ([{id, name, score}], "
        "best first). A first draft for editors, matched against the sides and actors in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the article as UTF-8 text, or - for standard input")
        parser.add_argument("--date", type=_date, default=None,
                            help="the article's date (YYYY-MM-DD): repeats are then stored claims within their "
                                 "topic's window of it; without it, of any date")
        parser.add_argument("--background", action="store_true",
                            help="Submit the extraction as a job and print its id at once (with REDIS_URL; else it "
                                 "runs here); the job writes the lines, each with the article's path, to --output")
        parser.add_argument("--output", help="with --background: the JSON Lines file the job writes")

    def handle(self, *args, path, date=None, background=False, output=None, **options):
        if background:
            self._submit(path, date, output)
            return
        text = read_text(path)
        sides, actors = known_sides_and_actors()
        candidates = extract_claims(text, sides=sides, actors=actors)
        for line in candidate_lines(candidates, stated_on=date):
            self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _submit(self, path: str, date: datetime.date | None, output: str | None) -> None:
        """Queue the extraction (a worker cannot print here: it writes --output); standard input goes with the job."""
        if not output:
            raise CommandError("--background needs --output FILE: the job writes its lines there, not here")
        if path == "-":
            arguments = {"paths": [], "payload": read_text(path)}
        else:
            read_text(path)  # say now, not in the job, that the file is missing or not UTF-8
            arguments = {"paths": [str(Path(path).resolve())]}
        name = "standard input" if path == "-" else Path(path).name
        submit_job(self, "claims.jobs.tasks.extract_documents", f"Extract claims from {name}",
                   output=str(Path(output).resolve()), date=date.isoformat() if date else None, **arguments)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--date: not a date: {value!r}; write YYYY-MM-DD") from None


def read_text(path: str) -> str:
    """Return the text at path ('-' for standard input), or raise a CommandError that says why not."""
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            return stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path} is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
