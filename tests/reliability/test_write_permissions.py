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
from tests.admin.helpers import add_row, change_form_data, form_errors
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    OutletFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)

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


# -- two people for anything public: every write an editor can reach leaves the public view alone -------

PUBLIC_MODELS = ("Claim", "Topic", "Actor", "Side", "Outlet", "Document")
TEXT = "Changed by one person alone"
# Fields the payload leaves out: values that must parse (a figure), or that name other records.
UNFILLED = {"figure", "qualifier", "value", "value_max", "appearances", "cites", "version"}


def public_snapshot() -> dict:
    """Everything an anonymous reader can see, as stored: the claims, flags and what they stand on."""
    from claims import visibility

    reads = {
        "claims": visibility.claims_visible(None), "flags": visibility.contradictions_visible(None),
        "topics": visibility.topics_visible(None), "actors": visibility.actors_visible(None),
        "sides": visibility.sides_visible(None), "documents": visibility.documents_visible(None),
        "outlets": visibility.outlets_visible(None), "appearances": visibility.appearances_visible(None),
        "cites": Document.cites.through.objects.filter(from_document__in=visibility.documents_visible(None)),
    }
    return {name: list(query.order_by("pk").values()) for name, query in reads.items()}


@pytest.fixture
def public_world(db):
    """A published claim with all it stands on, a claim in review and a draft, by an editor outside the test."""
    author = UserFactory(username="author", groups=["Editors"])
    published = ClaimFactory(status=Claim.Status.PUBLISHED, created_by=author)
    primary = AppearanceFactory(claim=published).document
    relayed = AppearanceFactory(claim=published, role=Appearance.Role.REPORT).document
    relayed.cites.add(primary)
    in_review = ClaimFactory(topic=published.topic, status=Claim.Status.IN_REVIEW, created_by=author, value=5000)
    draft = ClaimFactory(topic=published.topic, status=Claim.Status.DRAFT, created_by=author)
    contradictions_recompute_all()
    return {"published": published, "in_review": in_review, "draft": draft, "document": relayed}


def _target(path: str, world):
    """The record a write path acts on: for each path, the one whose change would show (KeyError for a new path)."""
    claims = {"/api/claims/{id}/": "published", "/api/claims/{id}/publish/": "in_review",
              "/api/claims/{id}/retract/": "published", "/api/claims/{id}/submit/": "draft"}
    if path in claims:
        return world[claims[path]]
    published = world["published"]
    return {"/api/actors/{id}/": published.claimant, "/api/topics/{id}/": published.topic,
            "/api/documents/{id}/": world["document"], "/api/sides/{id}/": published.side,
            "/api/outlets/{id}/": world["document"].outlet}[path]


def _payload(operation: dict, components: dict, target) -> dict:
    """A body that changes every plain field the request schema offers: texts, dates, URLs, numbers, choices."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return {}
    schema = components[content["schema"]["$ref"].rsplit("/", 1)[1]]
    body = {"version": getattr(target, "version", 1), "reason": TEXT}
    for name, field in schema.get("properties", {}).items():
        if name in UNFILLED or field.get("readOnly"):
            continue
        if "$ref" in field:  # a choice: its first value, which always stands alone
            body[name] = components[field["$ref"].rsplit("/", 1)[1]]["enum"][0]
        elif "example" in field:  # a choice read by value or label (claims.api.fields): its example, a value
            body[name] = field["example"]
        elif field.get("type") == "string" and "pattern" not in field:
            formats = {"date": "2021-01-05", "uri": "https://changed.example.org/page"}
            body[name] = formats.get(field.get("format"), TEXT[: field.get("maxLength", len(TEXT))].strip())
        elif field.get("type") == "boolean":
            body[name] = False
        elif field.get("type") == "integer" and name == "window_days":
            body[name] = 3000
    return body


def _api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _api_write(client, path, method, world):
    document = SchemaGenerator().get_schema(request=None, public=True)
    target = _target(path, world) if "{" in path else None
    body = _payload(document["paths"][path][method], document["components"]["schemas"], target)
    url = path.replace("{id}", str(target.pk)) if target is not None else path
    return getattr(client, method)(url, body, format="json")


@pytest.mark.parametrize(("path", "method"), API_WRITES)
def test_no_api_write_lets_an_editor_change_what_the_public_sees(path, method, public_world):
    """Every API write, with a body that changes every field it takes: an editor's leaves the public view as it was,
    while the same request by a reviewer (who did not write the claims) changes it wherever a change could show."""
    before = public_snapshot()
    _api_write(_api_as(UserFactory(username="editor", groups=["Editors"])), path, method, public_world)
    assert public_snapshot() == before
    response = _api_write(_api_as(UserFactory(username="reviewer", groups=["Reviewers"])), path, method, public_world)
    if method != "post" or path.endswith(("/publish/", "/retract/")):
        changed = public_snapshot() != before
        assert changed, f"the payload changed nothing: {response.status_code} {response.content}"


def _admin_public_objects(world) -> dict:
    published = world["published"]
    return {"claim": published, "topic": published.topic, "actor": published.claimant, "side": published.side,
            "document": world["document"], "outlet": world["document"].outlet}


@pytest.mark.parametrize("model_name", ["claim", "topic", "actor", "side", "document", "outlet"])
def test_no_admin_change_page_lets_an_editor_change_what_the_public_sees(model_name, public_world):
    """A hand-built POST of the change page, every text field rewritten: refused to an editor, applied by a reviewer."""
    obj = _admin_public_objects(public_world)[model_name]
    reviewer = Client()
    reviewer.force_login(UserFactory(username="reviewer", groups=["Reviewers"]))
    url = reverse(f"admin:{obj._meta.app_label}_{model_name}_change", args=[obj.pk])
    form = reviewer.get(url)
    data = change_form_data(form)
    fields = form.context["adminform"].form.fields
    for name, field in fields.items():
        patterned = UNFILLED | {"slug", "colour", "wikidata"}
        if name in data and field.__class__.__name__ == "CharField" and name not in patterned:
            text = TEXT[: field.max_length or len(TEXT)].strip()
            data[name] = text if name != "url" else "https://changed.example.org/page"
    before = public_snapshot()
    editor = Client()
    editor.force_login(UserFactory(username="editor", groups=["Editors"]))
    editor.post(url, data)
    assert public_snapshot() == before
    response = reviewer.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, form_errors(response) if response.context else response
    assert public_snapshot() != before, "the reviewer's post changed nothing: this check would prove nothing"


def test_the_document_page_does_not_let_an_editor_add_a_primary_appearance_to_a_published_claim(public_world):
    """The hand-built POST of the issue: a new primary appearance on a published claim, through a document's page."""
    editor = Client()
    editor.force_login(UserFactory(username="editor", groups=["Editors"]))
    other = DocumentFactory()
    url = reverse("admin:sources_document_change", args=[other.pk])
    data = change_form_data(editor.get(url))
    prefix = next(key[: -len("-TOTAL_FORMS")] for key in data if key.endswith("-TOTAL_FORMS"))
    add_row(data, prefix, claim=public_world["published"].pk, role=Appearance.Role.PRIMARY)
    before = public_snapshot()
    editor.post(url, data)
    assert public_snapshot() == before
    assert not Appearance.objects.filter(document=other).exists()


def test_history_records_who_changed_each_public_thing(public_world):
    """A reviewer's changes through the API are on the record of each model, with their name."""
    reviewer = UserFactory(username="reviewer", groups=["Reviewers"])
    client = _api_as(reviewer)
    published = public_world["published"]
    client.patch(f"/api/actors/{published.claimant.pk}/", {"role": "Spokesperson"}, format="json")
    client.patch(f"/api/topics/{published.topic.pk}/", {"window_days": 4}, format="json")
    client.patch(f"/api/documents/{public_world['document'].pk}/", {"title": "Retitled"}, format="json")
    for record in (published.claimant.history.first(), published.topic.history.first(),
                   public_world["document"].history.first()):
        assert (record.history_type, record.history_user) == ("~", reviewer)
