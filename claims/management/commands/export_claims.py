"""`export_claims PATH`: write every claim in the interchange format (DESIGN §6, §7)."""

from claims.interchange import export_claims
from claims.management.commands._export import ExportCommand


class Command(ExportCommand):
    help = "Write every claim to PATH in the interchange format: CSV (.csv) or JSON Lines (.jsonl)."
    export = staticmethod(export_claims)
    noun = "claims"
