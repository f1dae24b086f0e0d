"""The @context of the claim graph: schema.org for claims and works, PROV-O for provenance, our own terms
for contradictions (schema.org defines no relations between claims)."""

from claims.rules import Kind

VOCAB = "urn:claim-tracker:vocab:"
XSD = "http://www.w3.org/2001/XMLSchema#"

# One class per contradiction kind, named as the kind in CamelCase: figure_mismatch -> FigureMismatch.
KIND_CLASSES = {kind.value: "".join(part.capitalize() for part in kind.value.split("_")) for kind in Kind}


def _id(iri: str) -> dict:
    return {"@id": iri, "@type": "@id"}


CONTEXT = {
    "@context": {
        "@version": 1.1,
        "schema": "https://schema.org/",
        "prov": "http://www.w3.org/ns/prov#",
        "xsd": XSD,
        "ct": VOCAB,
        "id": "@id",
        "type": "@type",
        # schema.org
        "Claim": "schema:Claim",
        "CreativeWork": "schema:CreativeWork",
        "Person": "schema:Person",
        "Organization": "schema:Organization",
        "name": "schema:name",
        "text": "schema:text",
        "headline": "schema:headline",
        "inLanguage": "schema:inLanguage",
        "jobTitle": "schema:jobTitle",
        "author": _id("schema:author"),
        "publisher": _id("schema:publisher"),
        "url": _id("schema:url"),
        "sameAs": _id("schema:sameAs"),
        "appearance": {**_id("schema:appearance"), "@container": "@set"},
        "firstAppearance": _id("schema:firstAppearance"),
        "datePublished": {"@id": "schema:datePublished", "@type": "xsd:date"},
        # PROV-O
        "hadPrimarySource": {**_id("prov:hadPrimarySource"), "@container": "@set"},
        "wasQuotedFrom": {**_id("prov:wasQuotedFrom"), "@container": "@set"},
        # Claim Tracker
        "Side": "ct:Side",
        "Contradiction": "ct:Contradiction",
        **{name: f"ct:{name}" for name in KIND_CLASSES.values()},
        "side": _id("ct:side"),
        "accusedSide": _id("ct:accusedSide"),
        "stance": "ct:stance",
        "status": "ct:status",
        "figure": "ct:figure",
        "between": {**_id("ct:between"), "@container": "@set"},
        "severity": {"@id": "ct:severity", "@type": "xsd:double"},
        "explanation": "ct:explanation",
        "reviewStatus": "ct:reviewStatus",
    }
}
