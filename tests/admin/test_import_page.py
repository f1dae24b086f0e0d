"""The import page: the importer behind import_claims, checked first, nothing written before the editor confirms."""

import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.interchange import RowError
from claims.models import Claim, Contradiction
from sources.models import Actor, ActorAlias
from tests.admin.helpers import messages_of
from tests.factories import ActorFactory, SideFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:claims_claim_import")
GOOD_CSV = (
    "external_id,topic,claimant,side,stated_on,figure,source_title\n"
    "putin-1,Military deaths,Vladimir Putin,Russia,2020-10-22,more than 2000,Valdai transcript\n"
    "mod-1,Military deaths,Armenian Ministry of Defence,Armenia,2020-10-22,729,MoD post\n"
)
BAD_CSV = (
    "topic,claimant,side,stated_on,figure,source_title\n"
    "Military deaths,Vladimir Putin,Russia,2020-10-22,more than 2000,Valdai transcript\n"
    "Military deaths,Armenian MoD,Armenia,22/10/2020,lots,MoD post\n"
)


def upload(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def check(client, name, text, status="draft"):
    return client.post(URL, {"file": upload(name, text), "status": status, "check": "Check file"})


def test_checking_a_file_previews_it_and_writes_nothing(client, editor):
    """The check runs the importer and rolls it back: counts and flags are shown, no claim exists yet."""
    client.force_login(editor)

    response = check(client, "claims.csv", GOOD_CSV)

    assert response.status_code == HTTPStatus.OK
    result = response.context["result"]
    assert (result.created, result.updated, dict(result.contradictions)) == (2, 0, {"figure_mismatch": 1})
    page = response.content.decode()
    assert "Ready: would create <b>2</b> claims and update <b>0</b>, as <b>draft</b>." in page
    assert 'name="confirm"' in page
    assert (Claim.objects.count(), Contradiction.objects.count()) == (0, 0)


def test_confirming_imports_the_checked_file(client, editor):
    """After the check, Import writes the claims as the editor's drafts, with their flags."""
    client.force_login(editor)
    preview = check(client, "claims.csv", GOOD_CSV)

    response = client.post(URL, {"confirm": "1", "token": preview.context["token"]})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:claims_claim_changelist")
    assert messages_of(response) == [
        "Imported “claims.csv”: created 2 claims, updated 0; contradictions in the topics touched: "
        "1 (figure_mismatch: 1)."]
    assert sorted(Claim.objects.values_list("external_id", "status", "created_by__username")) == [
        ("mod-1", "draft", "editor"), ("putin-1", "draft", "editor")]
    assert Contradiction.objects.count() == 1


def test_a_checked_file_is_imported_once(client, editor):
    """Confirming the same check twice imports once; the second attempt asks for the file again."""
    client.force_login(editor)
    token = check(client, "claims.csv", GOOD_CSV).context["token"]
    client.post(URL, {"confirm": "1", "token": token})

    again = client.post(URL, {"confirm": "1", "token": token})

    assert messages_of(again)[-1] == (
        "That checked file is gone (it is kept until it is imported once); upload it again.")
    assert Claim.objects.count() == 2


def test_bad_rows_are_listed_and_nothing_can_be_imported(client, editor):
    """Every bad row is listed with row, column and reason; no import button is offered and nothing is written."""
    client.force_login(editor)

    response = check(client, "claims.csv", BAD_CSV)

    assert response.context["errors"] == [
        RowError(
            3,
            "stated_on",
            "numeric date '22/10/2020' is not read (only YYYY-MM-DD is): write 2020-10-22 or 22 October 2020",
        ),
        RowError(3, "figure", 'cannot read "lots" as a figure: no number found'),
    ]
    page = response.content.decode()
    assert "2 problems in 1 row: nothing can be imported from this file." in page
    assert "<tr><td>row 3</td><td><code>figure</code></td><td>cannot read &quot;lots&quot; as a figure" in page
    assert 'name="confirm"' not in page
    assert not Claim.objects.exists()


def test_json_lines_are_read_too(client, editor):
    """A .jsonl file goes through the same importer, with the status chosen on the page."""
    rows = [{"topic": "Military deaths", "claimant": "Vladimir Putin", "side": "Russia", "stated_on": "2020-10-22",
             "figure": "nearing 5,000", "source_title": "Valdai transcript"}]
    client.force_login(editor)
    preview = check(client, "claims.jsonl", "\n".join(json.dumps(row) for row in rows) + "\n", status="in_review")

    client.post(URL, {"confirm": "1", "token": preview.context["token"]})

    assert list(Claim.objects.values_list("status", "qualifier", "value")) == [("in_review", "nearly", 5000)]


def test_the_file_must_be_csv_or_json_lines(client, editor):
    """Another extension is a form error naming the file; nothing is run."""
    client.force_login(editor)

    response = check(client, "claims.xlsx", "whatever")

    assert response.context["form"].errors == {"file": ["“claims.xlsx”: name the file .csv or .jsonl (JSON Lines)."]}


def test_a_file_is_required(client, editor):
    """Checking without a file asks for one."""
    client.force_login(editor)

    response = client.post(URL, {"status": "draft"})

    assert response.context["form"].errors == {"file": ["Choose a .csv or .jsonl file."]}


def test_only_draft_or_in_review_can_be_chosen(client, editor):
    """The page cannot publish: an imported claim still needs a second pair of eyes."""
    client.force_login(editor)

    response = check(client, "claims.csv", GOOD_CSV, status="published")

    assert response.context["form"].errors == {
        "status": ["Select a valid choice. published is not one of the available choices."]}
    assert not Claim.objects.exists()


def test_a_file_that_would_change_published_claims_is_refused(client, editor, reviewer):
    """Re-importing a published claim's row would send it back to draft: the check refuses the file."""
    client.force_login(editor)
    client.post(URL, {"confirm": "1", "token": check(client, "claims.csv", GOOD_CSV).context["token"]})
    putin = Claim.objects.get(external_id="putin-1")
    Claim.objects.filter(pk=putin.pk).update(status=Claim.Status.PUBLISHED)
    putin.refresh_from_db()
    putin.save()  # a history record with the published status, as a real publication leaves

    response = check(client, "claims.csv", GOOD_CSV)

    assert response.context["errors"] == [
        RowError(2, "external_id", "claim “putin-1”: Only reviewers may change a published claim.")
    ]
    assert Claim.objects.get(pk=putin.pk).status == "published"

    client.force_login(reviewer)
    response = check(client, "claims.csv", GOOD_CSV)

    assert response.context["errors"] == [RowError(2, "external_id", (
        "would change claim “putin-1”, which is published: correct it on its own page "
        "(published claims are not re-imported here)"))]


def test_the_import_page_needs_the_add_claim_permission(client):
    """Staff without the right to add claims are refused; anonymous visitors are sent to log in."""
    anonymous = client.get(URL)
    clerk = UserFactory(username="clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(clerk)

    refused = client.post(URL, {"file": upload("claims.csv", GOOD_CSV), "status": "draft"})

    assert anonymous.status_code == HTTPStatus.FOUND and anonymous["Location"].startswith(reverse("admin:login"))
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert not Claim.objects.exists()


def test_the_list_links_to_the_import_page(client, editor):
    """Editors reach the import page from the claim list."""
    client.force_login(editor)

    page = client.get(reverse("admin:claims_claim_changelist")).content.decode()

    assert f'<a href="{URL}" class="importlink">Import CSV / JSON Lines</a>' in page


def test_the_same_problem_in_many_rows_is_one_line_with_its_rows(client, editor):
    """3,000 rows with the same bad stance are one line, "rows 2–3,001", beside the other problems with their rows."""
    rows = "".join("Military deaths,Vladimir Putin,Russia,2020-10-22,claims,Valdai transcript\n" for _ in range(3000))
    text = "topic,claimant,side,stated_on,stance,source_title\n" + rows + "Deaths,Putin,Russia,1 Smarch 2020,,T\n"
    client.force_login(editor)

    response = check(client, "claims.csv", text)

    page = response.content.decode()
    assert response.context["error_groups"] == [
        {
            "rows": "rows 2–3,001",
            "column": "stance",
            "reason": "unknown stance 'claims'; expected one of asserts, denies (value or label, any case)",
        },
        {
            "rows": "row 3,002",
            "column": "stated_on",
            "reason": "not a date: '1 Smarch 2020'; write YYYY-MM-DD or the month in words (5 March 2024)",
        },
    ]
    assert "3,001 problems in 3,001 rows: nothing can be imported" in page
    assert page.count("<tr><td>row") == 2
    assert "—" not in page.split('id="preview"')[1].split("</section>")[0]


def test_one_page_shows_at_most_fifty_kinds_of_problem(client, editor):
    """Sixty different bad stances: fifty kinds listed, and a line saying ten more are not shown."""
    rows = "".join(f"Military deaths,Vladimir Putin,Russia,2020-10-22,stance {i},Valdai\n" for i in range(60))
    client.force_login(editor)

    response = check(client, "claims.csv", "topic,claimant,side,stated_on,stance,source_title\n" + rows)

    assert len(response.context["error_groups"]) == 50
    assert response.context["error_groups"][-1]["rows"] == "row 51"
    assert "And 10 more kinds of problem not shown here" in response.content.decode()


def test_the_page_lists_every_column_with_one_line(client, editor):
    """Each interchange column a file may give is named on the page with what it holds; required ones say so."""
    from claims.interchange.columns import COLUMN_HELP

    client.force_login(editor)
    page = client.get(URL).content.decode()

    for name in COLUMN_HELP:
        if name not in ("id", "contested"):
            assert f"<td><code>{name}</code>" in page
    assert "<td><code>stated_on</code> <b>required</b></td>" in page
    assert "person, government (government body), military" in page


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_samples_download_and_import_as_they_are(client, editor, fmt):
    """Both samples download from the page's links and import without an error: a worked example that works."""
    client.force_login(editor)
    link = reverse("admin:claims_claim_import_sample", args=[fmt])
    assert f'href="{link}"' in client.get(URL).content.decode()

    response = client.get(link)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == f'attachment; filename="claims-sample.{fmt}"'
    preview = check(client, f"sample.{fmt}", response.content.decode())
    assert not preview.context.get("errors")
    assert preview.context["result"].created > 30


def test_a_sample_in_another_format_is_a_404(client, editor):
    """Only sample.csv and sample.jsonl exist."""
    client.force_login(editor)
    assert client.get(reverse("admin:claims_claim_import_sample", args=["xlsx"])).status_code == HTTPStatus.NOT_FOUND


def test_the_preview_counts_the_new_actors_that_the_import_then_makes(client, editor):
    """Claimants named by an alias, a possessive or an acronym are the stored actor: the check says one new actor
    (the unknown name), and importing makes that one and no other."""
    mod = ActorFactory(name="Armenian Ministry of Defence", kind="military", side=SideFactory(name="Armenia"))
    ActorAlias.objects.create(actor=mod, name="the army command of Armenia")
    text = "external_id,topic,claimant,side,stated_on,figure,source_title\n" + "".join(
        f"mod-{n},Military deaths,{name},Armenia,2020-10-2{n},{700 + n},MoD post {n}\n"
        for n, name in enumerate(["Armenia's defence ministry", "Armenian army command", "MoD", "Arayik Harutyunyan"]))
    client.force_login(editor)

    preview = check(client, "claims.csv", text)

    assert (preview.context["result"].created, preview.context["result"].actors) == (4, 1)
    assert "New actors: <b>1</b>" in preview.content.decode()
    assert Actor.objects.count() == 1
    client.post(URL, {"confirm": "1", "token": preview.context["token"]})
    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Arayik Harutyunyan", mod.name]
    assert list(Claim.objects.order_by("external_id").values_list("claimant__name", flat=True)) == [
        mod.name, mod.name, mod.name, "Arayik Harutyunyan"]
