"""Every list of the workspace costs a few queries, the same for a handful of rows as for many (issue #17)."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.claimreview_import.models import ExternalReview
from claims.jobs.models import Job
from claims.models import Appearance, Claim
from claims.services import claim_submit
from sources.models import ActorAlias
from tests.admin.helpers import OCT_22, figure_claim
from tests.factories import ActorFactory, DocumentFactory, OutletFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db

# A list's session, user, permissions (user's and groups'), its filters' choices, the count and the rows.
LIST_BUDGET = 10
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
LISTS = [f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in admin.site._registry
         if model._meta.app_label in ("claims", "sources", "jobs")]  # ours; users and groups are Django's
SEARCHES = {  # a search on the lists whose search runs through the indexes (claims.admin.searching)
    "admin:claims_claim_changelist": "Ministry",
    "admin:claims_contradiction_changelist": "Ministry",
    "admin:sources_document_changelist": "report",
}


def archive(editor, size: int) -> None:
    """Add `size` claims on two sides with flags, drafts, documents, outlets, speakers and aliases."""
    armenia = SideFactory(name="Armenia", slug="armenia")
    azerbaijan = SideFactory(name="Azerbaijan", slug="azerbaijan")
    topics = [TopicFactory(name=f"Military deaths {size}-{n}") for n in range(size // 4 + 1)]
    for n in range(size):
        side = armenia if n % 2 else azerbaijan
        topic = topics[n // 4]
        speaker = ActorFactory(name=f"Ministry of Defence {size}-{n}", side=side)
        ActorAlias.objects.create(actor=speaker, name=f"MoD {size}-{n}")
        status = [Claim.Status.PUBLISHED, Claim.Status.DRAFT, Claim.Status.IN_REVIEW][n % 3]
        claim = figure_claim(topic=topic, side=side, claimant=speaker, figure=str(100 + 700 * (n % 2)), user=editor,
                             status=Claim.Status.DRAFT if status == Claim.Status.IN_REVIEW else status,
                             stated_on=OCT_22 + datetime.timedelta(days=n % 3))
        if status == Claim.Status.IN_REVIEW:
            claim_submit(claim=claim, user=editor)
        document = DocumentFactory(title=f"A report {size}-{n}", outlet=OutletFactory(name=f"Outlet {size}-{n}"),
                                   language=["en", "hy", "az"][n % 3], published_on=OCT_22)
        Appearance.objects.create(claim=claim, document=document, quote=f"{size}-{n}")


def data_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == HTTPStatus.OK
    return sum(1 for query in queries.captured_queries if not query["sql"].startswith(TRANSACTION))


@pytest.mark.parametrize("who", ["reviewer", "editor"])
@pytest.mark.parametrize("name", LISTS)
def test_every_list_costs_the_same_few_queries_for_few_rows_as_for_many(client, request, editor, name, who):
    """Each list reads its rows, their relations and its filters' choices in a constant number of queries."""
    url = reverse(name)
    client.force_login(request.getfixturevalue(who))
    archive(editor, 3)
    params = {"q": SEARCHES[name]} if name in SEARCHES else {}
    client.get(url)  # content types and the session are cached after the first request
    few = data_queries(client, url), data_queries(client, url, params)
    archive(editor, 18)
    many = data_queries(client, url), data_queries(client, url, params)

    assert many == few
    assert max(few) <= LIST_BUDGET, few


@pytest.mark.parametrize("name", LISTS)
def test_each_rows_checkbox_is_djangos_markup(name, editor):
    """The lists' quick row checkbox writes what Django's form widget writes, so selecting rows works as before."""
    archive(editor, 8)  # two published claims of a topic disagree: a flag
    claim = Claim.objects.filter(status=Claim.Status.PUBLISHED).first()
    ExternalReview.objects.create(claim=claim, url="https://factcheck.example/review", publisher="A fact-checker")
    Job.objects.create(task="claims.jobs.tasks.recompute", title="Recompute", submitted_by=editor)
    model_admin = next(ma for model, ma in admin.site._registry.items()
                       if name == f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    row = model_admin.model.objects.first()
    assert row is not None, f"the archive holds no row for {name}: add one above"
    assert str(model_admin.action_checkbox(row)) == str(admin.ModelAdmin.action_checkbox(model_admin, row))
