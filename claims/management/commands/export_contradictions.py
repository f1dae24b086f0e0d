"""`export_contradictions PATH`: write every contradiction flag (DESIGN §7, §10)."""

from django.core.management.base import BaseCommand, CommandError

from claims.interchange import export_contradictions, format_for


class Command(BaseCommand):
    help = (
        "Write every contradiction flag to PATH, CSV (.csv) or JSON Lines (.jsonl): kind, topic (slug), "
        "claim_a, claim_b (external_id), severity ('inf' in CSV, null with severity_label '∞' in JSON Lines "
        "when infinite), explanation, status."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, .csv or .jsonl; an existing file is replaced.")

    def handle(self, *args, path, **options):
        try:
            format_for(path)
            count = export_contradictions(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.stdout.write(f"Exported {count} contradictions to {path}")
