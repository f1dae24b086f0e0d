"""Contradictions in the admin: rulings from the claim page and the list, dismissals that persist, draft warnings."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from claims.models import Claim, Contradiction
from tests.admin.helpers import change_form_data, change_url, figure_claim, messages_of
from tests.factories import ActorFactory, SideFactory, TopicFactory

pytestmark = pytest.mark.django_db

FLAGS = "admin:claims_contradiction_changelist"


@pytest.fixture
def dispute(editor, other_editor):
    """Putin's published "more than 2,000" against the ministry's published 729, and an editor's draft of 5."""
    russia, armenia = SideFactory(name="Russia", slug="russia"), SideFactory(name="Armenia", slug="armenia")
    topic = TopicFactory(name="Military deaths, Armenia")
    putin = figure_claim(topic=topic, side=russia, figure="more than 2,000", status=Claim.Status.PUBLISHED,
                         user=other_editor, claimant=ActorFactory(name="Vladimir Putin", side=russia))
    ministry = figure_claim(topic=topic, side=armenia, figure="729", status=Claim.Status.PUBLISHED,
                            user=other_editor, claimant=ActorFactory(name="Armenian Ministry of Defence", side=armenia))
    return {"topic": topic, "putin": putin, "ministry": ministry, "russia": russia, "armenia": armenia}


def flag_between(a, b):
    return Contradiction.objects.get(claim_a__in=[a, b], claim_b__in=[a, b])


def review(client, flag, decision, note="", next_url=""):
    return client.post(reverse("admin:claims_contradiction_review", args=[flag.pk]),
                       {"decision": decision, "note": note, "next": next_url})


def test_reviewer_confirms_a_flag_from_the_claim_page(client, reviewer, dispute):
    """The claim page offers the ruling; confirming records the reviewer and returns to the claim page."""
    putin = dispute["putin"]
    flag = flag_between(putin, dispute["ministry"])
    client.force_login(reviewer)
    page = client.get(change_url(putin)).content.decode()

    response = review(client, flag, "confirmed", next_url=f"{change_url(putin)}#flag-{flag.pk}")

    assert f'action="/admin/claims/contradiction/{flag.pk}/review/"' in page
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{change_url(putin)}#flag-{flag.pk}"
    flag.refresh_from_db()
    assert (flag.status, flag.reviewed_by) == ("confirmed", reviewer)
    assert messages_of(response) == [f"Flag confirmed: {flag.explanation}"]


def test_a_dismissal_needs_a_note(client, reviewer, dispute):
    """Dismissing without saying why is refused; the flag stays open and the claims contested."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    client.force_login(reviewer)

    response = review(client, flag, "dismissed", note=" ")

    assert messages_of(response) == ["Say why the flag is dismissed: the note is kept with the ruling."]
    flag.refresh_from_db()
    assert flag.status == "open"
    assert Claim.objects.get(pk=dispute["putin"].pk).contested


def test_a_dismissal_uncontests_the_pair(client, reviewer, dispute):
    """A dismissed figure mismatch no longer makes either published claim contested."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    client.force_login(reviewer)

    review(client, flag, "dismissed", note="Putin counted both sides together.")

    flag.refresh_from_db()
    assert (flag.status, flag.note, flag.reviewed_by) == ("dismissed", "Putin counted both sides together.", reviewer)
    assert list(Claim.objects.filter(contested=True)) == []


def test_editors_cannot_rule_on_flags(client, editor, dispute):
    """Editors see flags but a ruling from them is refused."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    client.force_login(editor)

    response = review(client, flag, "confirmed")

    assert response.status_code == HTTPStatus.FORBIDDEN
    flag.refresh_from_db()
    assert flag.status == "open"


def test_review_ignores_an_offsite_return_address(client, reviewer, dispute):
    """A `next` pointing elsewhere is not followed: the reviewer lands on the flag's own page."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    client.force_login(reviewer)

    response = review(client, flag, "confirmed", next_url="https://evil.example.org/")

    assert response["Location"] == reverse("admin:claims_contradiction_change", args=[flag.pk])


def test_dismissal_persists_through_a_typo_fix_and_reopens_on_a_figure_change(client, editor, reviewer, dispute):
    """DESIGN §5: a ruling holds while the rule inputs stand (statement edits) and reopens when the figure changes."""
    draft = figure_claim(topic=dispute["topic"], side=dispute["armenia"], figure="5", user=editor,
                         claimant=ActorFactory(name="Armenian officials", side=dispute["armenia"]),
                         statement="Five soldiers were killd.")
    flag = flag_between(draft, dispute["putin"])
    client.force_login(reviewer)
    review(client, flag, "dismissed", note="Different counting period.")
    client.force_login(editor)

    client.post(change_url(draft), change_form_data(client.get(change_url(draft)),
                                                    statement="Five soldiers were killed."))
    flag.refresh_from_db()
    assert (flag.status, flag.note) == ("dismissed", "Different counting period.")

    client.post(change_url(draft), change_form_data(client.get(change_url(draft)), figure="6"))
    flag.refresh_from_db()
    assert (flag.status, flag.note, flag.reviewed_by) == ("open", "", None)


def test_flag_list_filters_by_claim_and_links_both_claims(client, reviewer, dispute):
    """?claim= keeps that claim's flags (linked from the claim list) and each row links both claims."""
    other = figure_claim(side=dispute["russia"], figure="1", status=Claim.Status.PUBLISHED)
    figure_claim(topic=other.topic, side=dispute["armenia"], figure="100", status=Claim.Status.PUBLISHED)
    putin = dispute["putin"]
    client.force_login(reviewer)

    response = client.get(reverse(FLAGS), {"claim": putin.pk})

    assert [f.pk for f in response.context["cl"].result_list] == [flag_between(putin, dispute["ministry"]).pk]
    page = response.content.decode()
    assert f'<a href="/admin/claims/claim/{putin.pk}/change/">#{putin.pk} ' in page
    assert f'<a href="/admin/claims/claim/{dispute["ministry"].pk}/change/">' in page
    assert Contradiction.objects.count() == 2


def test_bulk_confirm_and_dismiss_from_the_flag_list(client, reviewer, dispute):
    """Confirm applies at once; dismiss asks for a note first and then applies it to every selected flag."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    client.force_login(reviewer)

    confirmed = client.post(reverse(FLAGS), {"action": "confirm_flags", "_selected_action": [flag.pk]})
    flag.refresh_from_db()
    assert (flag.status, messages_of(confirmed)) == ("confirmed", ["Confirmed 1 flag."])

    ask = client.post(reverse(FLAGS), {"action": "dismiss_flags", "_selected_action": [flag.pk]})
    empty = client.post(reverse(FLAGS), {"action": "dismiss_flags", "_selected_action": [flag.pk], "apply": "1"})
    flag.refresh_from_db()
    assert (ask.status_code, flag.status) == (HTTPStatus.OK, "confirmed")
    assert empty.context["form"].errors == {"note": ["This field is required."]}

    done = client.post(reverse(FLAGS), {"action": "dismiss_flags", "_selected_action": [flag.pk], "apply": "1",
                                        "note": "Same count, different scope."})
    flag.refresh_from_db()
    assert (done.status_code, flag.status, flag.note) == (HTTPStatus.FOUND, "dismissed", "Same count, different scope.")


def test_editors_get_no_ruling_actions(client, editor, dispute):
    """The flag list offers editors no actions, and flags cannot be added, edited or deleted by hand."""
    client.force_login(editor)
    flag = flag_between(dispute["putin"], dispute["ministry"])

    listing = client.get(reverse(FLAGS))
    change = client.post(reverse("admin:claims_contradiction_change", args=[flag.pk]), {"status": "dismissed"})
    add = client.get(reverse("admin:claims_contradiction_add"))

    assert listing.context["action_form"] is None or [
        name for name, _ in listing.context["action_form"].fields["action"].choices] == [""]
    assert (change.status_code, add.status_code) == (HTTPStatus.FORBIDDEN, HTTPStatus.FORBIDDEN)


def test_flag_page_offers_reviewers_the_ruling(client, reviewer, editor, dispute):
    """The flag's own page carries the ruling form for reviewers only."""
    flag = flag_between(dispute["putin"], dispute["ministry"])
    url = reverse("admin:claims_contradiction_change", args=[flag.pk])
    client.force_login(reviewer)
    for_reviewer = client.get(url).content.decode()
    client.force_login(editor)
    for_editor = client.get(url).content.decode()

    assert f'action="/admin/claims/contradiction/{flag.pk}/review/"' in for_reviewer
    assert "/review/" not in for_editor


def test_saving_a_draft_warns_about_the_published_claims_it_contradicts(client, editor, dispute):
    """An editor saving a contradicting draft is told which published claims it contradicts, with links."""
    officials = ActorFactory(name="Azeri officials", side=SideFactory(name="Azerbaijan", slug="azerbaijan"))
    client.force_login(editor)
    data = change_form_data(client.get(reverse("admin:claims_claim_add")), topic=dispute["topic"].pk,
                            claimant=officials.pk, stated_on="2020-10-22", figure="at least 5,000")

    response = client.post(reverse("admin:claims_claim_add"), data)

    draft = Claim.objects.get(claimant=officials)
    flag = flag_between(draft, dispute["ministry"])
    ministry = dispute["ministry"]
    assert messages_of(response)[0] == f'The claim “<a href="{change_url(draft)}">{draft}</a>” was added successfully.'
    assert messages_of(response)[1] == (
        "This would contradict 1 published claim:<br>Figure mismatch: "
        f'<a href="/admin/claims/claim/{ministry.pk}/change/">#{ministry.pk} {ministry}</a>'
        f" — {flag.explanation}")


def test_no_warning_for_a_draft_that_contradicts_nothing_published(client, editor, dispute):
    """A draft agreeing with every published claim saves with the plain success message only."""
    topic = TopicFactory(name="Prisoners")
    figure_claim(topic=topic, side=dispute["russia"], figure="about 700", status=Claim.Status.PUBLISHED)
    ally = ActorFactory(name="Armenian officials", side=dispute["armenia"])
    client.force_login(editor)
    data = change_form_data(client.get(reverse("admin:claims_claim_add")), topic=topic.pk,
                            claimant=ally.pk, stated_on="2020-10-22", figure="729")

    response = client.post(reverse("admin:claims_claim_add"), data)

    assert len(messages_of(response)) == 1
    assert "contradict" not in messages_of(response)[0]
