"""Writes with rules for topics: their settings decide which claims contradict (DESIGN §3, §10)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from claims import policy
from claims.contradictions import contradictions_recompute_topic
from claims.models import Topic

TOPIC_RULE_FIELDS = ("kind", "cumulative", "window_days")


@transaction.atomic
def topic_create(*, user, **fields) -> Topic:
    """Create a topic (editors may: a topic is public only once a published claim stands on it)."""
    topic = Topic(**fields)
    policy.require(user, policy.Action.CREATE, topic)
    topic.full_clean()
    topic._history_user = user if user and user.is_authenticated else None
    topic.save()
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, user, **changes) -> Topic:
    """Change a topic; when a setting the rules use changes, recompute its flags.

    A topic that published claims stand on changes only by a reviewer's hand: its name is on public
    pages, and its settings decide which published claims are contested.
    """
    current = Topic.objects.select_for_update().get(pk=topic.pk)
    policy.require(user, policy.Action.CHANGE, current, fields=changes)
    before = tuple(getattr(current, field) for field in TOPIC_RULE_FIELDS)
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean()
    if current.kind != Topic.Kind.FIGURE and current.claims.filter(qualifier__isnull=False).exists():
        raise ValidationError({"kind": "This topic's claims carry figures; it must stay a figure topic."})
    current._history_user = user if user and user.is_authenticated else None
    current.save()
    if tuple(getattr(current, field) for field in TOPIC_RULE_FIELDS) != before:
        contradictions_recompute_topic(topic=current)
    return current
