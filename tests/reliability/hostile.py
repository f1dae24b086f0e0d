"""Hypothesis strategies for hostile input: text, numbers and dates as careless or malicious people write them."""

import datetime

from hypothesis import strategies as st

# Markup that would run if any page rendered it unescaped, or any attribute took it raw.
XSS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=window.__xss=1>",
    "javascript:window.__xss=1",
    "</script><script>window.__xss=1</script>",
    "<!--",
    "{{ 7*7 }}{% debug %}",
    "\u202egnp.exe",
]
AWKWARD_TEXT = [
    "", " ", "\t", "\n", "\r\n", "\x00", "a\x00b", "\ufeff", "\u200b", "😀", "e\u0301",
    "'; DROP TABLE claims_claim; --", ",", '"', '""', "\\", "NULL", "null", "None", "nan", "NaN", "Infinity", "-0",
    "1e309", "x" * 300, "x" * 2001,
]
AWKWARD_NUMBERS = [
    "0", "-1", "1.5", "1e3", "1,000", "1.000", "1 000", "2,300", "99999999999999999999999999", "-0", "+5", "0x10",
    "١٢٣", "Infinity", "NaN", "1e309", "", " 7 ", "12.0", "3.",
]
AWKWARD_DATES = [
    "2020-02-30", "2020-13-01", "0000-01-01", "9999-12-31", "0001-01-01", "2020-1-1", "20-01-01", "2020/01/01",
    "01/02/2020", "2020-01-01T00:00", "2020-01-01 ", "２０２０-０１-０１", "yesterday", "", "2020-00-10",
]


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(AWKWARD_TEXT + XSS), st.text(max_size=max_size))


def hostile_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(AWKWARD_NUMBERS),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        hostile_text(12),
    )


def hostile_date() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(AWKWARD_DATES),
        st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
        hostile_text(12),
    )


def plausible_date() -> st.SearchStrategy[str]:
    return st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2023, 12, 31)).map(
        datetime.date.isoformat
    )
