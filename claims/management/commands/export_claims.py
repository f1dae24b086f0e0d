"""`export_claims PATH`: write every claim in the interchange format (DESIGN §6, §7)."""

from django.core.management.base import BaseCommand, CommandError

from claims.interchange import export_claims, format_for


class Command(BaseCommand):
    help = "Write every claim to PATH in the interchange format: CSV (.csv) or JSON Lines (.jsonl)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, .csv or .jsonl; an existing file is replaced.")

    def handle(self, *args, path, **options):
        try:
            format_for(path)
            count = export_claims(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.stdout.write(f"Exported {count} claims to {path}")
