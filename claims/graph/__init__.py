"""The claim graph out (#21): claims, their provenance and their contradictions as JSON-LD.

`context.CONTEXT` is the published @context (served at /api/context.jsonld, copied in
docs/claim-graph.context.jsonld); `build.claim_graph` writes the graph of some claims as a user
may read them. The vocabulary is documented in docs/claim-graph.md.
"""
