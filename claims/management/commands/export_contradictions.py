"""`export_contradictions PATH`: write every contradiction flag (DESIGN §7, §10)."""

from claims.interchange import export_contradictions
from claims.management.commands._export import ExportCommand


class Command(ExportCommand):
    help = (
        "Write every contradiction flag to PATH, CSV (.csv) or JSON Lines (.jsonl): kind, topic (slug), "
        "claim_a, claim_b (external_id), severity ('inf' in CSV, null with severity_label '∞' in JSON Lines "
        "when infinite), explanation, status."
    )
    export = staticmethod(export_contradictions)
    noun = "contradictions"
