"""Hidden and absent answer alike (issue #14): every detail door gives one 404, with one message.

A guessed slug or id must not tell a reader that something they may not read exists: the
answer for a topic of drafts, another editor's draft, a document only a draft appears in, an
actor who said nothing public, is the answer for something that was never stored. The message
lives in one place, `claims.visibility.NOT_FOUND`.
"""

from http import HTTPStatus

import pytest
from django.test import Client

from claims.visibility import NOT_FOUND
from tests.factories import OutletFactory

ABSENT_ID = 999_999
ABSENT_SLUG = "no-such-thing"


@pytest.fixture
def hidden(world):
    """What the public may not read in the world, by door: each a real id or slug, and its absent twin."""
    outlet = OutletFactory(name="Private wire", url="https://wire.example.org/")
    world.memo.outlet = outlet
    world.memo.save()
    return {
        "claim": (world.secret.pk, ABSENT_ID),
        "topic": (world.secret_topic.pk, ABSENT_ID),
        "topic_slug": (world.secret_topic.slug, ABSENT_SLUG),
        "actor": (world.draft_voice.pk, ABSENT_ID),
        "side": (world.hidden_side.pk, ABSENT_ID),
        "side_slug": (world.hidden_side.slug, ABSENT_SLUG),
        "outlet": (outlet.pk, ABSENT_ID),
        "document": (world.memo.pk, ABSENT_ID),
        "flag": (world.draft_vs_review.pk, ABSENT_ID),
    }


API_DOORS = [
    ("/api/claims/{}/", "claim"),
    ("/api/claims/{}/claimreview/", "claim"),
    ("/api/claims/{}/graph/", "claim"),
    ("/api/disputes/{}/", "topic_slug"),
    ("/api/disputes/{}/?before=not-a-position", "topic_slug"),
    ("/api/disputes/{}/?after=2020-10-01.1", "topic_slug"),
    ("/api/topics/{}/", "topic"),
    ("/api/actors/{}/", "actor"),
    ("/api/sides/{}/", "side"),
    ("/api/outlets/{}/", "outlet"),
    ("/api/documents/{}/", "document"),
    ("/api/contradictions/{}/", "flag"),
]

PAGE_DOORS = [
    ("/claims/{}/", "claim"),
    ("/disputes/{}/", "topic_slug"),
    ("/disputes/{}/?before=not-a-position", "topic_slug"),
    ("/topics/{}/", "topic_slug"),
    ("/speakers/{}/", "actor"),
    ("/outlets/{}/", "outlet"),
    ("/sides/{}/", "side_slug"),
    ("/feeds/disputes/{}.atom", "topic_slug"),
    ("/feeds/speakers/{}.atom", "actor"),
    ("/feeds/sides/{}.atom", "side_slug"),
    ("/embed/claims/{}/", "claim"),
    ("/embed/disputes/{}/chart/", "topic_slug"),
]


@pytest.mark.parametrize(("door", "thing"), API_DOORS)
def test_api_answers_hidden_as_absent(api, hidden, door, thing):
    """An anonymous reader gets the same JSON 404, word for word, for a hidden thing and one never stored."""
    secret, absent = hidden[thing]
    hidden_answer, absent_answer = api.get(door.format(secret)), api.get(door.format(absent))
    assert (hidden_answer.status_code, hidden_answer.json()) == (HTTPStatus.NOT_FOUND, {"detail": NOT_FOUND})
    assert (absent_answer.status_code, absent_answer.json()) == (HTTPStatus.NOT_FOUND, {"detail": NOT_FOUND})


@pytest.mark.parametrize(("door", "thing"), PAGE_DOORS)
def test_pages_answer_hidden_as_absent(client, hidden, door, thing):
    """A public page, feed or embed answers a hidden thing exactly as one never stored: one 404, one message."""
    secret, absent = hidden[thing]
    hidden_answer = client.get(door.format(secret), follow=True)
    absent_answer = client.get(door.format(absent), follow=True)
    assert hidden_answer.status_code == absent_answer.status_code == HTTPStatus.NOT_FOUND
    assert hidden_answer.context["exception"] == absent_answer.context["exception"] == NOT_FOUND
    assert hidden_answer.content == absent_answer.content


def test_editor_cannot_tell_another_editors_draft_from_nothing(editor_api, world):
    """Another editor's draft is absent to an editor at every claim door, reads and writes alike."""
    for method, suffix, body in [("get", "", None), ("patch", "", {"version": 1, "statement": "x"}),
                                 ("post", "submit/", {"version": 1})]:
        answers = [getattr(editor_api, method)(f"/api/claims/{pk}/{suffix}", body, format="json")
                   for pk in (world.secret.pk, ABSENT_ID)]
        assert [(a.status_code, a.json()) for a in answers] == [(HTTPStatus.NOT_FOUND, {"detail": NOT_FOUND})] * 2


def test_editor_sees_no_dispute_page_for_a_topic_of_others_drafts(editor_api, editor, world):
    """A topic whose only claim is another editor's draft has no dispute page for an editor (API or preview)."""
    answers = [editor_api.get(f"/api/disputes/{slug}/?before=junk") for slug in ("drones-lost", ABSENT_SLUG)]
    assert [(a.status_code, a.json()) for a in answers] == [(HTTPStatus.NOT_FOUND, {"detail": NOT_FOUND})] * 2
    browser = Client()
    browser.force_login(editor)
    pages = [browser.get(f"/disputes/{slug}/?preview=1") for slug in ("drones-lost", ABSENT_SLUG)]
    assert [(p.status_code, p.context["exception"]) for p in pages] == [(HTTPStatus.NOT_FOUND, NOT_FOUND)] * 2


def test_a_readable_thing_still_opens(api, client, world):
    """The doors still open onto what the reader may read (the 404s above are not every answer)."""
    assert api.get(f"/api/disputes/{world.deaths.slug}/").status_code == HTTPStatus.OK
    assert api.get(f"/api/documents/{world.post.pk}/").status_code == HTTPStatus.OK
    assert client.get(f"/disputes/{world.deaths.slug}/").status_code == HTTPStatus.OK
    assert client.get(f"/speakers/{world.mod_am.pk}/").status_code == HTTPStatus.OK


def test_the_message_has_one_home():
    """No door spells a 404 of its own: the old per-door wordings are gone from the code."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "claims"
    old = ("Nothing public here.", "that you may read.\")", "No such claim is public.",
           "No claims on this topic are public.")
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 for text in [path.read_text()] if any(words in text for words in old)]
    assert offenders == []

