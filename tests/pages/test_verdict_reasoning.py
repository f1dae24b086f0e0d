"""Verdicts with their reasoning (issue #18): a rationale and the fact-check's URL, set by reviewers, shown on pages."""

from claims import policy
from claims.services import claim_update
from tests.pages.html import parse


def test_claim_page_and_card_show_rationale_and_link(client, dispute):
    """The claim page and the dispute's card show why the claim was rated so, and link to the fact-check."""
    claim_update(claim=dispute.putin_count, user=None, verdict_rationale="One figure was given for both sides.",
                 verdict_url="https://factcheck.example/putin")
    for path in (dispute.putin_count.get_absolute_url(), dispute.deaths.get_absolute_url()):
        page = parse(client.get(path).content)
        reasons = [p.text for p in page.find_all("p") if "verdict-reason" in p.classes]
        assert "One figure was given for both sides." in reasons, path
        assert "https://factcheck.example/putin" in [a.attrs["href"] for a in page.find_all("a")
                                                      if "verdict-link" in a.classes], path


def test_unrated_claim_hides_stale_reasoning(client, dispute):
    """A rationale left on an unrated claim is not shown: there is no verdict for it to explain."""
    claim_update(claim=dispute.armenia_count, user=None, verdict_rationale="stale words")
    assert "stale words" not in client.get(dispute.armenia_count.get_absolute_url()).content.decode()


def test_only_reviewers_set_the_reasoning(dispute, editor, reviewer):
    """An editor may not set the rationale or the fact-check URL; a reviewer may."""
    draft = dispute.terter_draft
    for field in ("verdict", "verdict_rationale", "verdict_url"):
        refused = policy.refusal(editor, policy.Action.CHANGE, draft, fields=[field])
        assert refused == "Only reviewers may set the verdict."
        assert policy.refusal(reviewer, policy.Action.CHANGE, draft, fields=[field]) is None
