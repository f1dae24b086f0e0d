"""Embeds (issue #18): only /embed/… may be framed, by the origins EMBED_FRAME_ANCESTORS names; same CSP otherwise."""

from http import HTTPStatus

import pytest
from django.conf import settings

from tests.pages.html import parse

TRANSACTION = 2


def directives(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def test_embeds_allow_https_framing_and_keep_the_rest_of_the_policy(client, dispute):
    """The claim card and the chart embeds allow any https ancestor and are otherwise under the site's CSP."""
    for path in (f"/embed/claims/{dispute.putin_count.pk}/", f"/embed/disputes/{dispute.deaths.slug}/chart/"):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert "X-Frame-Options" not in response, path
        policy = directives(response)
        assert policy.pop("frame-ancestors") == "https:"
        site = {name: " ".join(sources) for name, sources in settings.SECURE_CSP.items() if name != "frame-ancestors"}
        assert policy == site


def test_every_other_page_refuses_framing(client, dispute):
    """Pages, feeds' pages and the admin keep X-Frame-Options: DENY and frame-ancestors 'none'."""
    for path in ("/", "/search/?q=Putin", f"/speakers/{dispute.putin.pk}/", "/sides/armenia/", "/topics/",
                 dispute.putin_count.get_absolute_url(), dispute.deaths.get_absolute_url(), "/admin/login/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert directives(response)["frame-ancestors"] == "'none'", path


def test_embed_setting_names_the_ancestors(client, dispute, settings):
    """EMBED_FRAME_ANCESTORS replaces the default with the newsrooms it names."""
    settings.EMBED_FRAME_ANCESTORS = ["https://news.example.org", "https://*.example.net"]
    response = client.get(f"/embed/claims/{dispute.putin_count.pk}/")
    assert directives(response)["frame-ancestors"] == "https://news.example.org https://*.example.net"


def test_embed_card_shows_the_claim_and_links_out(client, dispute, django_assert_num_queries):
    """The card embed shows the public claim in five queries; its links open outside the frame."""
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get(f"/embed/claims/{dispute.putin_count.pk}/")
    page = parse(response.content)
    assert [a.attrs["target"] for a in page.find_all("base")] == ["_blank"]
    assert page.find("article").attrs["data-claim"] == str(dispute.putin_count.pk)


@pytest.mark.parametrize("which", ["draft", "proposition_chart", "absent"])
def test_hidden_embeds_are_404(client, dispute, which):
    """A draft's card, a chart of a topic without figures and an absent claim are 404s."""
    path = {"draft": f"/embed/claims/{dispute.deaths_draft.pk}/",
            "proposition_chart": f"/embed/disputes/{dispute.terter.slug}/chart/",
            "absent": "/embed/claims/999999/"}[which]
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_chart_embed_query_count(client, dispute, django_assert_num_queries):
    """The chart embed draws the latest page of a figure dispute in a constant number of queries."""
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get(f"/embed/disputes/{dispute.deaths.slug}/chart/")
    assert len(parse(response.content).find_all("svg")) >= 1


def test_share_tags_on_claim_dispute_and_speaker_pages(client, dispute):
    """Claim, dispute and speaker pages carry Open Graph and Twitter tags naming the page and its address."""
    for path, title in ((dispute.putin_count.get_absolute_url(), "Vladimir Putin: more than 2,000"),
                        (dispute.deaths.get_absolute_url(), "Military deaths, Armenia"),
                        (f"/speakers/{dispute.putin.pk}/", "Vladimir Putin")):
        metas = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content")
                 for m in parse(client.get(path).content).find_all("meta")}
        assert metas["og:title"] == metas["twitter:title"] == title, path
        assert metas["og:url"] == f"http://testserver{path}", path
        assert metas["og:description"] and metas["twitter:card"] == "summary", path
