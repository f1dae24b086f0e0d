"""The figure parser's fast path for common wordings gives exactly what the full reader gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.figures import MAX_VALUE, Figure, FigureError, Qualifier
from claims.figures.lexing import _lex
from claims.figures.parsing import _read_common
from claims.figures.reader import _Reader
from claims.figures.vocabulary import _DASHES, _PREFIXES


def _full(wording: str) -> Figure | FigureError:
    """The full reader's answer (the lexer and _Reader), as parse_figure gave it before the fast path."""
    text = wording.strip().lower().translate(_DASHES)
    try:
        return _Reader(wording, _lex(wording, text)).read()
    except FigureError as error:
        return error


def _grouped(n: int) -> str:
    return f"{n:,}"


_numbers = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(0, 10**12).map(_grouped),
    st.integers(MAX_VALUE - 5, MAX_VALUE + 5).map(str),
    st.integers(MAX_VALUE - 5, MAX_VALUE + 5).map(_grouped),
    st.from_regex(r"[0-9]{1,5}(,[0-9]{1,4}){0,3}", fullmatch=True),  # stray grouping and leading zeros
)
_phrases = [" ".join(phrase) for phrase in _PREFIXES] + ["a", "some of", "nearlyy", "At Least", "UP TO", "between"]
_prefixes = st.one_of(st.just(""), st.sampled_from(_phrases).map(lambda words: words + " "))
_spaces = st.sampled_from([" ", "  ", "\t", "\u00a0", ""])
_dashes = st.sampled_from(["-", "\u2013", "\u2212", " - ", " to ", "--"])
_tails = st.sampled_from(["", " killed", "+", " or more", "%", "k", " million", ".", ",5"])


@st.composite
def _wordings(draw) -> str:
    wording = draw(_prefixes) + draw(_numbers)
    if draw(st.booleans()):
        wording += draw(_dashes) + draw(_numbers)
    wording += draw(_tails)
    if draw(st.booleans()):
        wording = draw(_spaces) + wording + draw(_spaces)
    if draw(st.booleans()):
        wording = wording.upper()
    return wording


@settings(max_examples=1000, deadline=None)
@given(_wordings())
def test_fast_path_reads_as_the_full_reader(wording):
    """Wherever the fast path answers, its figure is the full reader's, qualifier, value and value_max alike."""
    fast = _read_common(wording.strip().lower().translate(_DASHES))
    if fast is None:
        return
    full = _full(wording)
    assert isinstance(full, Figure), f"{wording!r}: the full reader says {full}, the fast path {fast}"
    assert (fast.qualifier, fast.value, fast.value_max) == (full.qualifier, full.value, full.value_max)
    assert type(fast.qualifier) is type(full.qualifier) and type(fast.value) is type(full.value)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_fast_path_on_any_text_agrees_or_declines(wording):
    fast = _read_common(wording.strip().lower().translate(_DASHES))
    if fast is not None:
        assert _full(wording) == fast


def test_fast_path_takes_the_shapes_an_import_is_made_of():
    """The common shapes do go the fast way (else the import pays for the lexer on every row)."""
    expected = {
        "12,605": Figure(Qualifier.EXACT, 12605),
        "about 12,605": Figure(Qualifier.APPROXIMATELY, 12605),
        "more than 2000": Figure(Qualifier.MORE_THAN, 2000),
        "up to 7": Figure(Qualifier.AT_MOST, 7),
        "260-280": Figure(Qualifier.BETWEEN, 260, 280),
        "1,000\u20132,500": Figure(Qualifier.BETWEEN, 1000, 2500),
    }
    for wording, figure in expected.items():
        assert _read_common(wording.lower().translate(_DASHES)) == figure
        assert _full(wording) == figure


def test_fast_path_leaves_errors_to_the_full_reader():
    for wording in ("280-260", "007", "1,0000", "about 5-6", "between 5-6", f"{MAX_VALUE + 1}"):
        assert _read_common(wording) is None
