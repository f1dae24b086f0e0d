"""The ClaimReview import page and the imported reviews in the workspace (issue #21)."""

from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.claimreview_import.models import ExternalReview, RatingMapping
from claims.models import Claim
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "claimreview"
IMPORT = "admin:claims_externalreview_import"


def upload(name):
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


def test_an_editor_imports_a_saved_page_and_sees_the_report(client, editor):
    """The page imports the file as drafts by the editor, lists what it did and links the new claims."""
    client.force_login(editor)
    response = client.post(reverse(IMPORT), {"file": upload("republicworld-li-wenliang-coffee.html")})
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    claim = Claim.objects.get()
    assert (claim.status, claim.created_by, claim.verdict) == ("draft", editor, "unrated")
    assert "1 review(s) imported: 1 new draft claim(s)" in page
    assert "proposed verdict false" in page
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in page


def test_an_unreadable_upload_imports_nothing_and_says_why(client, editor):
    """A cut-off file is refused whole, the reason shown."""
    client.force_login(editor)
    page = client.post(reverse(IMPORT), {"file": upload("hostile-truncated.json")}).content.decode()
    assert "Nothing imported" in page
    assert "cannot be read, nothing imported: neither JSON nor an HTML page" in page
    assert not Claim.objects.exists() and not ExternalReview.objects.exists()


def test_the_page_needs_a_file_and_refuses_those_who_cannot_enter_claims(client, editor):
    """No file is a form error naming the field; a staff user without claim rights is refused."""
    client.force_login(editor)
    response = client.post(reverse(IMPORT), {})
    assert list(response.context["form"].errors) == ["file"]
    client.force_login(UserFactory(username="visitor"))
    assert client.get(reverse(IMPORT)).status_code == HTTPStatus.FORBIDDEN


def test_reviewers_read_the_reviews_as_published_and_cannot_edit_them(client, editor, reviewer):
    """The list shows publisher, rating words, scale and proposal; the change page is read-only."""
    client.force_login(editor)
    client.post(reverse(IMPORT), {"file": upload("republicworld-li-wenliang-coffee.html")})
    client.force_login(reviewer)
    page = client.get(reverse("admin:claims_externalreview_changelist")).content.decode()
    assert "Republic World" in page and "1 on a 1–6 scale" in page and "Import ClaimReview" in page
    review = ExternalReview.objects.get()
    detail = client.get(reverse("admin:claims_externalreview_change", args=[review.pk]))
    assert detail.status_code == HTTPStatus.OK
    assert not detail.context["has_change_permission"]


def test_an_editor_extends_the_rating_table_in_the_admin(client, editor):
    """A new rating row added on the admin page maps that rating on the next import."""
    client.force_login(editor)
    response = client.post(reverse("admin:claims_ratingmapping_add"),
                           {"label": "Needs Context", "verdict": "misleading", "note": "WCNC's label"})
    assert response.status_code == HTTPStatus.FOUND
    assert RatingMapping.objects.get(label="Needs Context").history.first().history_user == editor
    client.post(reverse(IMPORT), {"file": upload("factcheck-api-recent-30days.json")})
    assert ExternalReview.objects.get(textual_rating="Needs Context").proposed_verdict == "misleading"
