"""Schemathesis against the OpenAPI document of /api/schema/: no generated request gets a server error,
and every response (status, content type, headers, body) is one the document describes.

Bounded: `EXAMPLES` generated examples per operation and role, on top of schemathesis's coverage
phase (boundary values, missing and malformed parameters, unsupported methods); derandomised so
that a run is repeatable. `positive_data_acceptance` is left out: a schema-valid body can still
name a topic that does not exist or a password that is wrong, and those are rightly a 400.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = 10
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# The very document /api/schema/ serves (test_schema.py proves it), built here because collection
# runs before the test database exists; requests go to Django's WSGI handler in-process.
DOCUMENT = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = WSGIHandler()
# The editor's run already walks every operation's boundary values; the public's reads get generated examples.
fuzz_only = schemathesis.openapi.from_dict(
    DOCUMENT, config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
)
fuzz_only.app = schema.app


@pytest.fixture(autouse=True)
def _keep_test_transaction(db):
    """Let the test's transaction outlive each request, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _call(case, user=None):
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"} if user else None
    # A real server always sets the client's address; werkzeug's test client does not.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance],
                           environ_base={"REMOTE_ADDR": "203.0.113.7"})


@fuzz_only.include(method="GET").parametrize()
@FUZZ
def test_reads_anonymous(case, world):
    """Every read, as the public: answers conform to the schema and are never a server error."""
    _call(case)


@schema.parametrize()
@FUZZ
def test_every_operation_as_editor(case, world, editor):
    """Every operation with an editor's token, writes included: conforming answers, no server error."""
    _call(case, editor)


@fuzz_only.include(path_regex=r"/(submit|publish|retract)/$").parametrize()
@FUZZ
def test_workflow_as_reviewer(case, world, reviewer):
    """The review workflow with a reviewer's token: conforming answers, no server error."""
    _call(case, reviewer)
