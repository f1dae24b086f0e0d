"""An import by an editor never does what the editor could not do on a claim's own page, and says so per row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.interchange import ImportFailed, RowError, import_claims
from claims.models import Claim
from tests.claims.test_interchange import GOOD, write_rows
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:claims_claim_import")
HEADER = "external_id,topic,claimant,side,stated_on,figure,source_title,verdict\n"
VERDICT = "Only reviewers may set the verdict."


def check(client, text):
    upload = SimpleUploadedFile("claims.csv", text.encode(), content_type="text/csv")
    return client.post(URL, {"file": upload, "status": "draft", "check": "Check file"})


def row(external_id, verdict="unrated"):
    return f"{external_id},Military deaths,Vladimir Putin,Russia,2020-10-22,729,Valdai transcript,{verdict}\n"


def test_an_editors_row_with_a_verdict_is_refused_with_its_row(client, editor):
    """A verdict other than unrated, from an editor, is an error naming the row and column; nothing is written."""
    client.force_login(editor)

    response = check(client, HEADER + row("a") + row("b", "false") + row("c") + row("d", "Misleading"))

    assert response.context["errors"] == [RowError(3, "verdict", VERDICT), RowError(5, "verdict", VERDICT)]
    assert "rows 3, 5" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_reviewers_row_may_set_a_verdict(client, reviewer):
    """Reviewers set verdicts through import as on the claim's page."""
    client.force_login(reviewer)
    preview = check(client, HEADER + row("a", "false"))
    client.post(URL, {"confirm": "1", "token": preview.context["token"]})

    assert Claim.objects.get().verdict == "false"


def test_another_editors_draft_is_neither_changed_nor_revealed(client, editor, other_editor):
    """An external_id of a draft the editor cannot open is refused on its row, without saying what it holds."""
    hidden = ClaimFactory(external_id="theirs", status=Claim.Status.DRAFT, created_by=other_editor, value=5)
    client.force_login(editor)

    response = check(client, HEADER + row("mine") + row("theirs"))

    assert response.context["errors"] == [RowError(3, "external_id", (
        "external_id “theirs” is in use by a claim you cannot open: choose another external_id"
        " (or ask a reviewer to import this row)"))]
    page = response.content.decode()
    assert "would create" not in page and "update" not in page.split('id="preview"')[1].split("</section>")[0]
    hidden.refresh_from_db()
    assert (hidden.value, Claim.objects.count()) == (5, 1)


def test_every_refused_row_is_reported_past_the_first_chunk(editor, tmp_path):
    """Refusals in later chunks are found too: the rows after a refused one are checked, not written."""
    rows = [{**GOOD, "external_id": f"r{i}", "verdict": "false" if i % 1000 == 0 else "unrated"} for i in range(2500)]

    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "many.csv", rows), user=editor)

    assert failed.value.errors == [RowError(n, "verdict", VERDICT) for n in (2, 1002, 2002)]
    assert not Claim.objects.exists()


def test_the_command_without_a_user_is_not_limited(tmp_path, db):
    """import_claims run on the server (no user) may set verdicts, as before."""
    import_claims(write_rows(tmp_path / "one.csv", [{**GOOD, "verdict": "false"}]))
    assert Claim.objects.get().verdict == "false"


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_nobody_imports_claims_as_published(role, request, tmp_path):
    """A row that would create a published claim is refused to any user: publishing needs a second person."""
    with pytest.raises(ImportFailed) as failed:
        import_claims(write_rows(tmp_path / "one.csv", [{**GOOD, "status": "published"}]),
                      user=request.getfixturevalue(role))
    assert failed.value.errors == [RowError(2, "status", (
        "status published: A new claim starts as a draft or in review, not published: "
        "publishing is a second person's act."))]
