"""In a real browser: markup in every text field stays text on every page, and the pages keep to the CSP.

The checks read the DOM rather than trusting the Content-Security-Policy to stop an injected
script: escaping must hold on its own, and the policy is a second wall.
"""

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model

from claims.contradictions import contradictions_recompute_all
from claims.models import Appearance, Claim, Contradiction
from tests.factories import (
    ActorFactory,
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    OutletFactory,
    PropositionTopicFactory,
    SideFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
DAY = datetime.date(2020, 10, 22)
# The injected markup sets this flag; an inert page never does.
FLAG = "window.__xss=1"
SHORT = "<b onclick=__xss=1>"  # For short fields (language: 20 characters).
HOSTILE_URL = "javascript:window.__xss=1"

# Run in every page before its own scripts: record CSP violations and anything that sets the flag.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""

# What an escaped page never holds, whatever its data: inline handlers, injected elements, script URLs.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      if (/^\\s*javascript:/i.test(attr.value) && ["href", "src", "action", "formaction"].includes(attr.name)) {
        found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  for (const s of document.querySelectorAll("script")) {
    if (s.type === "application/ld+json") { JSON.parse(s.textContent); continue; }
    if (!s.src) found.push("inline script: " + s.textContent.slice(0, 80));
  }
  for (const el of document.querySelectorAll("img[src='x'], svg[onload], iframe, object, embed")) {
    found.push("element: " + el.outerHTML.slice(0, 80));
  }
  if (window.__xss !== undefined) found.push("window.__xss was set");
  return found;
}"""


OUR_ADMIN = ("/admin/claims/", "/admin/sources/")


def payload(tag: str) -> str:
    return f'"><img src=x onerror={FLAG}><script>{FLAG}</script>{{{{7*7}}}} {tag}'


@pytest.fixture
def hostile_world(db):
    """Every text field of every record holds markup, every URL a script URL; the claims disagree, so flags show."""
    one = SideFactory(name=payload("side one"), slug="side-one", colour='"><svg>')
    two = SideFactory(name=payload("side two"), slug="side-two", colour="#zzzzzz")
    outlet = OutletFactory(name=payload("outlet"), url=HOSTILE_URL, country=payload("country"))
    origin = DocumentFactory(outlet=outlet, title=payload("document origin"), url=HOSTILE_URL, author=payload("author"),
                             language=SHORT, text=payload("document text"))
    relay = DocumentFactory(outlet=outlet, title=payload("document relay"),
                            url="data:text/html,<script>window.__xss=1</script>", author=payload("author 2"))
    relay.cites.add(origin)
    figure_topic = TopicFactory(name=payload("figure topic"), slug="hostile-figures", metric=payload("metric"),
                                description=payload("topic description"), counted_side=one)
    proposition = PropositionTopicFactory(name=payload("proposition topic"), slug="hostile-proposition",
                                          description=payload("proposition description"))
    claims = []
    for n, (side, topic, stance, value) in enumerate([
        (one, figure_topic, "asserts", 100), (two, figure_topic, "asserts", 5000),
        (one, proposition, "asserts", None), (two, proposition, "denies", None),
    ]):
        claimant = ActorFactory(name=payload(f"actor {n}"), role=payload(f"role {n}"), side=side)
        claims.append(ClaimFactory(
            topic=topic, side=side, claimant=claimant, stance=stance, accused_side=one if value is None else None,
            qualifier="exact" if value else None, value=value, as_of=DAY if value else None,
            statement=payload(f"statement {n}"), quote=payload(f"quote {n}"), translation=payload(f"translation {n}"),
            language=SHORT, external_id=payload(f"external id {n}"), status=Claim.Status.PUBLISHED,
        ))
        AppearanceFactory(claim=claims[-1], document=origin, role=Appearance.Role.PRIMARY, quote=payload(f"at {n}"))
        AppearanceFactory(claim=claims[-1], document=relay, role=Appearance.Role.REPORT, quote=payload(f"relay {n}"))
    ClaimFactory(topic=figure_topic, side=one, claimant=claims[0].claimant, value=90, statement=payload("retracted"),
                 status=Claim.Status.RETRACTED, retraction_reason=payload("retraction reason"),
                 external_id=payload("retracted id"))
    contradictions_recompute_all()
    Contradiction.objects.update(note=payload("reviewer note"))
    assert Contradiction.objects.count() >= 2
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    return claims


def open_page(page, url: str) -> list[str]:
    """Load `url` (its scripts and styles included), returning the CSP violations it raised."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status < 500, f"{url}: {response and response.status}"
    return page.evaluate("window.__violations || []")


def sign_in(page) -> None:
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert urlsplit(page.url).path == "/admin/"


def crawl_admin(page, check, limit: int = 80) -> list[str]:
    """Visit the admin from its index, calling `check(path, violations)` on each page; return the paths.

    One page per address shape (ids as N) of our own apps, where our data shows: GET only, no add forms.
    """
    seen_shapes, queue, found = set(), ["/admin/"], []
    while queue and len(found) < limit:
        path = queue.pop(0)
        shape = re.sub(r"/\d+/", "/N/", path.split("?")[0])
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        found.append(path)
        check(path, open_page(page, f"{page.base_url}{path}"))
        # Links marked `download` (the import page's sample files) are files, not pages to walk.
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))"):
            target = urlsplit(urljoin(f"{page.base_url}{path}", href))
            if target.netloc == urlsplit(page.base_url).netloc and target.path.startswith(OUR_ADMIN) and (
                not target.path.endswith("/add/")
            ):
                queue.append(target.path + (f"?{target.query}" if target.query and "q=" in target.query else ""))
    return found


def public_pages(claims) -> list[str]:
    return [
        "/", "/?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E", "/?side=side-one", "/disputes/hostile-figures/",
        "/disputes/hostile-proposition/", *(f"/claims/{claim.pk}/" for claim in claims),
        "/disputes/%3Cscript%3E/", "/claims/999999/",
    ]


def test_markup_in_every_field_is_inert_and_pages_keep_to_the_csp(page, hostile_world):
    """Public and admin pages show hostile names, quotes and URLs as text, nothing runs, and the CSP is never hit."""
    page.add_init_script(WATCH)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    injected, violations = {}, {}

    def check(path, found_violations):
        if found := page.evaluate(INJECTED):
            injected[path] = found
        if found_violations:
            violations[path] = sorted(set(found_violations))

    for path in [*public_pages(hostile_world), "/api/docs/"]:
        check(path, open_page(page, f"{page.base_url}{path}"))
    page.goto(f"{page.base_url}/claims/{hostile_world[0].pk}/")
    assert payload("statement 0") in page.inner_text("main")  # Shown as the text it is.

    sign_in(page)
    admin = crawl_admin(page, check)
    assert len(admin) > 20, admin  # The crawl reached changelists, change forms, history and delete pages.
    assert (injected, dialogs) == ({}, [])  # Escaping holds by itself, whatever the CSP would have blocked.
    assert violations == {}, "\n".join(f"{path}: {found}" for path, found in violations.items())
