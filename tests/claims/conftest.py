"""Fixtures the claims tests share."""

import pytest

from claims.bulk import FEW
from tests.factories import DocumentFactory


@pytest.fixture
def pairs():
    """Citation pairs of stored documents, more than claims.bulk.FEW, so that they go by COPY."""
    documents = DocumentFactory.create_batch(FEW + 2)
    return [(source.pk, via.pk) for source, via in zip(documents, documents[1:], strict=False)]
