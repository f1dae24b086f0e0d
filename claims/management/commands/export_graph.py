"""`export_graph PATH`: every claim a reader may see, with provenance and contradictions, as one JSON-LD file."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.api.graph import graph_claims
from claims.graph.build import claim_graph
from claims.graph.context import CONTEXT

CHUNK = 1000


class Command(BaseCommand):
    help = ("Write the claim graph (schema.org Claim, PROV-O provenance, typed contradictions) as JSON-LD with its "
            "@context inline. By default what the public may read; --user USERNAME writes what that user may read.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .jsonld file to write.")
        parser.add_argument("--base-url", default="http://localhost:8000",
                            help="The site's address, which the graph's node ids start with (default %(default)s).")
        parser.add_argument("--user", help="Write what this user may read (default: the public's view).")

    def handle(self, *args, path, base_url, user, **options):
        reader = None
        if user:
            reader = get_user_model().objects.filter(username=user).first()
            if reader is None:
                raise CommandError(f"--user: no user called {user!r}")
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("--base-url: give an http(s) address, e.g. https://claims.example.org")
        ids = list(graph_claims(reader).order_by("id").values_list("id", flat=True))
        nodes: dict[str, dict] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = graph_claims(reader).filter(id__in=ids[start:start + CHUNK]).order_by("id")
            for node in claim_graph(chunk, user=reader, base=base_url)["@graph"]:
                stored = nodes.setdefault(node["id"], node)
                if stored is not node and "wasQuotedFrom" in node:  # a document relayed in two chunks' chains
                    known = stored.setdefault("wasQuotedFrom", [])
                    known.extend(q for q in node["wasQuotedFrom"] if q not in known)
        document = {**CONTEXT, "@graph": list(nodes.values())}
        try:
            Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        claims = sum(1 for node in nodes.values() if node["type"] == "Claim")
        flags = sum(1 for node in nodes.values() if isinstance(node["type"], list))
        self.stdout.write(f"Wrote {claims} claims and {flags} contradictions to {path}")
