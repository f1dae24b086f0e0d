"""The public pages need no 'unsafe-inline' in a Content-Security-Policy: no inline styles or scripts."""

from http import HTTPStatus

from tests.pages.html import parse


def test_pages_have_no_inline_styles_or_scripts(client, dispute):
    """Every public page (and the 404) uses only external scripts and JSON-LD data, and no style attribute."""
    urls = ["/", "/?q=Putin", "/disputes/military-deaths-armenia/", "/disputes/terter/",
            f"/claims/{dispute.putin_count.pk}/", "/claims/999999/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)
        page = parse(response.content)
        assert not [el.tag for el in page.iter() if "style" in el.attrs or el.tag == "style"], url
        assert not [name for el in page.iter() for name in el.attrs if name.startswith("on")], url
        for script in page.find_all("script"):
            assert script.attrs.get("type") == "application/ld+json" or (
                script.attrs.get("src", "").startswith("/static/") and not script.children
            ), url


def test_not_found_page(client, db):
    """An unknown page answers 404 with the site's own page, pointing back to the disputes."""
    response = client.get("/claims/999999/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    page = parse(response.content)
    assert page.find("h1").text == "There is nothing public here"
    assert page.find("section", class_="error-page").find_all("a")[-1].attrs["href"] == "/"
