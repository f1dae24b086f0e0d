"""The importer's fast path for plain web addresses accepts only URLs that Django's URLValidator accepts."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.interchange.checking import _PLAIN_URL, _valid_url

_django = URLValidator()


def django_accepts(url: str) -> bool:
    try:
        _django(url)
    except ValidationError:
        return False
    return True


_label = st.from_regex(r"[a-zA-Z0-9-]{1,64}", fullmatch=True)
_host = st.lists(_label, min_size=1, max_size=5).map(".".join)
_urls = st.builds(
    lambda scheme, host, tld, path: f"{scheme}://{host}.{tld}{path}",
    st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", "http:", ""]),
    _host,
    st.from_regex(r"[a-zA-Z0-9-]{0,64}", fullmatch=True),
    st.one_of(st.just(""), st.text(max_size=40).map(lambda tail: "/" + tail),
              st.from_regex(r"[/?#][!-~]{0,30}", fullmatch=True)),
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_urls, st.text(max_size=80)))
@example("https://news.example.org/12/34")
@example("http://a-.example.org/")
@example("http://example.org/path with space")
@example("http://" + "a." * 130 + "org")  # a host name over 253 characters
@example("https://example.org/\n")
def test_a_url_the_fast_path_accepts_is_one_django_accepts(url):
    """Whatever the fast path accepts, Django accepts; and the answer is Django's either way."""
    if _PLAIN_URL.fullmatch(url):
        assert django_accepts(url) or len(url) > 2048 or len(_PLAIN_URL.fullmatch(url)[1]) > 253
    assert _valid_url(url) == django_accepts(url)
