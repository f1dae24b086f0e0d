"""Print the candidate claims found in an article's text, one JSON object a line (DESIGN §7)."""

import argparse
import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract_claims
from claims.matching import candidate_matches
from claims.selectors import known_sides_and_actors


class Command(BaseCommand):
    help = (
        "Find the attributed claims in an article's text (UTF-8; '-' reads standard input) and print them as "
        "JSON Lines: claimant, side, stance, accused_side, figure, qualifier, value, value_max, quote, start, end, "
        "confidence; then what the archive holds of it: claimant_id (the stored actor matched, or null), repeats "
        "(ids of stored claims it repeats) and topic_suggestions ([{id, name, score}], best first). A first draft "
        "for editors, matched against the sides and actors in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the article as UTF-8 text, or - for standard input")
        parser.add_argument("--date", type=_date, default=None,
                            help="the article's date (YYYY-MM-DD): repeats are then stored claims within their "
                                 "topic's window of it; without it, of any date")

    def handle(self, *args, path, date=None, **options):
        text = read_text(path)
        sides, actors = known_sides_and_actors()
        candidates = extract_claims(text, sides=sides, actors=actors)
        for candidate, held in zip(candidates, candidate_matches(candidates, stated_on=date), strict=True):
            self.stdout.write(json.dumps({**candidate.as_dict(), **held}, ensure_ascii=False))


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
