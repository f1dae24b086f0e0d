"""`import_claimreview PATH_OR_URL ...`: fact-checkers' ClaimReview markup in, as draft claims (#21)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.claimreview_import.fetching import MAX_BYTES, FetchFailed, fetch, is_url
from claims.claimreview_import.importing import DEFAULT_SIDE, DEFAULT_TOPIC, DocumentReport, claimreview_import
from claims.models import Topic
from sources.models import Side


class Command(BaseCommand):
    help = (
        "Import ClaimReview markup: a single review, an array or @graph, a schema.org DataFeed, a Fact Check Tools "
        "API claims:search response, or a saved HTML page's JSON-LD. Each review becomes a draft claim (or matches "
        "a stored one by text, claimant and date) and keeps the review as published. Each document is one "
        "transaction: one that cannot be read imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL",
                            help="Files, or http(s) addresses fetched with a timeout and a size cap.")
        parser.add_argument("--topic", help=f"Topic for new claims (by name; default {DEFAULT_TOPIC!r}).")
        parser.add_argument("--side", help=f"Side of new claimants, and where claimants are looked up "
                            f"(by name; default: any side, new ones on {DEFAULT_SIDE!r}).")
        parser.add_argument("--user", help="Username recorded as the importer (and the claims' creator).")

    def handle(self, *args, sources, topic, side, user, **options):
        topic_obj = self._named(Topic, topic, "--topic")
        side_obj = self._named(Side, side, "--side")
        user_obj = None
        if user:
            user_obj = get_user_model().objects.filter(username=user).first()
            if user_obj is None:
                raise CommandError(f"--user: no user called {user!r}")
        failed = 0
        for source in sources:
            try:
                data, page_url = self._read(source)
            except OSError as exc:
                report = DocumentReport(source=source, error=str(getattr(exc, "strerror", None) or exc))
            else:
                report = claimreview_import(data=data, source=source, user=user_obj, topic=topic_obj,
                                            side=side_obj, page_url=page_url)
            failed += bool(report.error)
            stream = self.stderr if report.error else self.stdout
            for line in report.lines():
                stream.write(line)
        if failed:
            raise CommandError(f"{failed} of {len(sources)} document(s) could not be read; nothing was imported "
                               "from them.")

    @staticmethod
    def _named(model, name, option):
        if not name:
            return None
        found = model.objects.filter(name__iexact=name.strip()).first()
        if found is None:
            raise CommandError(f"{option}: no {model._meta.verbose_name} called {name!r}")
        return found

    @staticmethod
    def _read(source: str) -> tuple[bytes, str]:
        if is_url(source):
            try:
                return fetch(source), source
            except FetchFailed as exc:
                raise OSError(str(exc)) from None
        path = Path(source)
        if not path.is_file():
            raise OSError(f"no such file: {source}")
        if path.stat().st_size > 4 * MAX_BYTES:
            raise OSError(f"{path.stat().st_size} bytes, more than the {4 * MAX_BYTES} allowed")
        return path.read_bytes(), ""
