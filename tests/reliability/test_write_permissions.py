"""Every write path refuses those without the right, and writes nothing: the API, the admin, the import.

The paths are enumerated from the OpenAPI document and from the admin's URL patterns, so a write
path added later is covered without touching this file. The role-by-role rules (editors against
reviewers) are in tests/api and tests/admin; this is the outer wall.
"""

import re
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.factories import AppearanceFactory, ClaimFactory, OutletFactory, SideFactory, TopicFactory, UserFactory

MODELS = (Side, Actor, Outlet, Document, Topic, Claim, Appearance, Contradiction, Claim.history.model, Group,
          Token)
PUBLIC_WRITES = {("/api/auth/token/", "post")}  # Signing in: open to all by design (and throttled).
WRITE_METHODS = ("post", "put", "patch", "delete")
# Admin addresses that take a POST but write nothing (the snapshot proves it): the figure preview.
HELPERS = {"/admin/claims/claim/parse-figure/"}


@pytest.fixture
def world(db):
    """One of everything a write can point at: sides, actor, outlet, documents, topic, claims, a flag, history."""
    armenia, azerbaijan = SideFactory(name="Armenia", slug="armenia"), SideFactory(name="Azerbaijan", slug="azerbaijan")
    topic = TopicFactory(counted_side=armenia)
    outlet = OutletFactory()
    first = ClaimFactory(topic=topic, side=armenia, value=100, status=Claim.Status.DRAFT)
    second = ClaimFactory(topic=topic, side=azerbaijan, value=5000, status=Claim.Status.IN_REVIEW)
    AppearanceFactory(claim=first, document__outlet=outlet, document__text="Officials said 100 soldiers died.")
    contradictions_recompute_all()
    UserFactory(username="someone")
    return {"claim": first, "other": second, "contradiction": Contradiction.objects.get(), "topic": topic,
            "side": armenia, "actor": first.claimant, "outlet": outlet, "document": first.appearances.get().document,
            "group": Group.objects.first(), "user": UserFactory(username="someone")}


def snapshot() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def api_writes() -> list[tuple[str, str]]:
    """Every (path template, method) of the API that writes, from the OpenAPI document."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (path, method) for path, operations in document["paths"].items() for method in operations
        if method in WRITE_METHODS and (path, method) not in PUBLIC_WRITES
    )


def fill(path: str, world) -> str:
    """Put ids of existing records into a path template: {id} of the claim, {slug} of the topic."""
    return path.replace("{id}", str(world["claim"].pk)).replace("{slug}", world["topic"].slug)


API_WRITES = api_writes()


def test_the_api_has_write_paths_to_check():
    """The enumeration finds the API's writes (claims, workflow, topics, actors, documents)."""
    assert len(API_WRITES) >= 8, API_WRITES


@pytest.mark.parametrize(("path", "method"), API_WRITES)
def test_api_writes_need_a_token(path, method, world):
    """Anonymous: 401 naming the Token scheme (405 where nobody may: claims are never deleted); nothing written."""
    before = snapshot()
    response = getattr(APIClient(), method)(fill(path, world), {}, format="json")
    if response.status_code == HTTPStatus.METHOD_NOT_ALLOWED:
        assert (path, method) == ("/api/claims/{id}/", "delete")
    else:
        assert (response.status_code, response["WWW-Authenticate"]) == (HTTPStatus.UNAUTHORIZED, "Token")
        assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert snapshot() == before


@pytest.mark.parametrize(("path", "method"), API_WRITES)
def test_api_writes_need_the_editor_permission(path, method, world):
    """A valid token of a user outside Editors and Reviewers: 403, and nothing written."""
    reader = UserFactory(username="reader", is_staff=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}")
    before = snapshot()
    response = getattr(client, method)(fill(path, world), {"version": 1}, format="json")
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.METHOD_NOT_ALLOWED), response.content
    assert isinstance(response.json()["detail"], str)
    assert snapshot() == before


def admin_urls(world) -> list[str]:
    """Every admin address of every registered model, its ids filled with existing records."""
    history = {"claim": world["claim"].history.first().pk, "topic": Topic.history.first().pk,
               "document": Document.history.first().pk}
    urls = []
    for model, model_admin in admin.site._registry.items():
        name = model._meta.model_name
        obj = {"claim": world["claim"], "contradiction": world["contradiction"], "topic": world["topic"],
               "side": world["side"], "actor": world["actor"], "outlet": world["outlet"],
               "document": world["document"], "group": world["group"], "user": world["user"]}.get(name)
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue
            pk, history_id = (obj.pk if obj is not None else 1), history.get(name, 1)
            regex = pattern.pattern.regex
            if regex.groups and not regex.groupindex:  # re_path with positional groups: (object, history)
                urls.append(reverse(f"admin:{pattern.name}", args=[pk, history_id][: regex.groups]))
                continue
            kwargs = {}
            for converter in re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)):
                kwargs[converter] = {"object_id": pk, "pk": pk, "id": pk, "history_id": history_id}.get(converter, 0)
            urls.append(reverse(f"admin:{pattern.name}", kwargs=kwargs))
    return urls


def test_admin_writes_send_anonymous_users_to_sign_in(world):
    """A POST to any admin address without a session is sent to the login page, and writes nothing."""
    urls = admin_urls(world)
    assert len(urls) > 40
    before = snapshot()
    for url in urls:
        response = Client().post(url, {"name": "x", "action": "delete_selected", "_selected_action": [1]})
        assert (response.status_code, response["Location"].split("?")[0]) == (HTTPStatus.FOUND, "/admin/login/"), url
    assert snapshot() == before


def test_admin_writes_refuse_staff_without_permissions(world):
    """Staff without any group or permission: every admin POST is refused (403) and writes nothing."""
    client = Client()
    client.force_login(UserFactory(username="visitor", is_staff=True))
    before = snapshot()
    answers = {}
    for url in admin_urls(world):
        response = client.post(url, {"name": "x", "text": "Officials said 5 died.", "reason": "x", "version": 1,
                                     "action": "delete_selected", "_selected_action": [world["claim"].pk]})
        answers[url] = (response.status_code, response.get("Location"))
    # Refusals: 403; 404 where the records are not theirs to see; the admin's "no such object" redirect home.
    refusals = {(HTTPStatus.FORBIDDEN, None), (HTTPStatus.NOT_FOUND, None), (HTTPStatus.FOUND, "/admin/")}
    refused = {url: answer for url, answer in answers.items() if answer not in refusals and url not in HELPERS}
    assert refused == {}, "\n".join(f"{url}: {status}" for url, status in refused.items())
    assert snapshot() == before


def test_admin_login_refuses_users_without_staff_status(world):
    """A user who is not staff cannot sign in to the admin, so no admin write is within reach."""
    UserFactory(username="outsider", is_staff=False)
    response = Client().post("/admin/login/", {"username": "outsider", "password": "correct horse battery staple"})
    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in response.wsgi_request.session
