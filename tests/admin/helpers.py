"""Shared helpers for the admin tests: build POST data from a page as a browser would submit it."""

import datetime
from http import HTTPStatus

from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Claim
from claims.services import claim_create
from tests.factories import ActorFactory, SideFactory, TopicFactory

OCT_22 = datetime.date(2020, 10, 22)


def _values(form) -> dict:
    data = {}
    for field in form:
        if field.field.disabled:
            continue
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = str(value)
    return data


def change_form_data(response, **overrides) -> dict:
    """Return what submitting an admin add/change page unchanged would post (extra inline rows left out)."""
    assert response.status_code == HTTPStatus.OK, response.status_code
    data = _values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        data.update(_values(formset.management_form))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(initial)
        for form in formset.forms[:initial]:
            data.update(_values(form))
    data.update(overrides)
    return data


def add_row(data: dict, prefix: str, **fields) -> dict:
    """Add one inline row to posted data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response) -> dict:
    """Return the main form's errors and each inline row's, as plain dicts of lists."""
    errors = {key: list(value) for key, value in response.context["adminform"].form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if form.errors:
                errors[form.prefix] = {key: list(value) for key, value in form.errors.items()}
    return errors


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def figure_claim(*, topic=None, side=None, figure="874", user=None, status=Claim.Status.DRAFT, stated_on=OCT_22,
                 **fields) -> Claim:
    """Create a claim through claim_create, so that its flags are computed as in production.

    A draft or a claim in review is entered by `user`; a published or retracted one is seeded as the
    operator loads an archive (nobody enters a claim published), then credited to `user`.
    """
    side = side or SideFactory()
    seeded = status not in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW)
    claim = claim_create(
        user=None if seeded else user,
        topic=topic or TopicFactory(),
        side=side,
        claimant=fields.pop("claimant", None) or ActorFactory(side=side),
        stated_on=stated_on,
        figure=figure,
        status=status,
        **fields,
    )
    if seeded and user is not None:
        Claim.objects.filter(pk=claim.pk).update(created_by=user)
        claim.created_by = user
    return claim
