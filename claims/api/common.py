"""What every resource module of the API shares: the read-serializer base and the list renderers.

Reads are plain functions building dicts from what the selectors loaded (no per-row queries, no
nested ModelSerializer machinery). The `*Serializer` classes beside them declare the same shapes for
the OpenAPI schema, and their `to_representation` calls the functions, so the documented and the
served shape cannot drift. Writes are validated by ordinary DRF serializers and carried out by
`claims.services`.
"""

from rest_framework import serializers

from claims.api.renderers import CSVRenderer, ORJSONRenderer

LIST_RENDERERS = [ORJSONRenderer, CSVRenderer]


class ReadSerializer(serializers.Serializer):
    """A response shape for the schema; `represent` builds the data."""

    @staticmethod
    def represent(instance):
        raise NotImplementedError

    def to_representation(self, instance):
        return self.represent(instance)
