"""People's words for choices and dates, read the same by every door (claims.choices; DESIGN §11)."""

import datetime

import pytest

from claims.choices import ChoiceError, DateError, read_choice, read_date
from claims.figures import Qualifier
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Outlet

EVERY_CHOICES = [
    Topic.Kind,
    Claim.Attribution,
    Claim.Stance,
    Claim.Status,
    Claim.Verdict,
    Qualifier,
    Appearance.Role,
    Contradiction.Status,
    Actor.Kind,
    Outlet.Kind,
]


@pytest.mark.parametrize("choices", EVERY_CHOICES, ids=lambda enum: enum.__qualname__)
def test_every_value_and_label_reads_in_any_case_with_spaces_or_underscores(choices):
    """Each value and label, upper or lower case, with spaces, underscores or hyphens, reads as its value."""
    for value, label in choices.choices:
        for text in (value, str(label)):
            for spelled in (
                text,
                text.upper(),
                text.lower(),
                text.title(),
                text.replace("_", " "),
                text.replace(" ", "_"),
                text.replace(" ", "-"),
                f"  {text}  ",
            ):
                assert read_choice(choices, spelled) == value, spelled


def test_a_value_hidden_by_another_label_is_impossible():
    """No label of a choice set reads as another value than its own (the readings are unambiguous)."""
    for choices in EVERY_CHOICES:
        for value, label in choices.choices:
            assert read_choice(choices, str(label)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", datetime.date(2024, 3, 5)),
        ("5 March 2024", datetime.date(2024, 3, 5)),
        ("March 5, 2024", datetime.date(2024, 3, 5)),
        ("5 Mar 2024", datetime.date(2024, 3, 5)),
        ("Mar. 5 2024", datetime.date(2024, 3, 5)),
        ("5th of March, 2024", datetime.date(2024, 3, 5)),
        ("22 SEPT 2020", datetime.date(2020, 9, 22)),
        ("  1 may 2021 ", datetime.date(2021, 5, 1)),
    ],
)
def test_iso_and_written_dates_read(text, expected):
    """ISO and the month in words, day first or month first, read as the same day."""
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "05/03/2024",
            "ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024; write 2024-03-05 or "
            "2024-05-03 (YYYY-MM-DD), or the month in words",
        ),
        ("25/03/2024", "numeric date '25/03/2024' is not read (only YYYY-MM-DD is): write 2024-03-25 or 25 March 2024"),
        ("31/02/2024", "not a date: '31/02/2024' (no such day); write YYYY-MM-DD or the month in words (5 March 2024)"),
        (
            "30 February 2024",
            "not a date: '30 February 2024' (no such day); write YYYY-MM-DD or the month in words (5 March 2024)",
        ),
        ("5 Marz 2024", "not a date: '5 Marz 2024'; write YYYY-MM-DD or the month in words (5 March 2024)"),
        ("March 2024", "not a date: 'March 2024'; write YYYY-MM-DD or the month in words (5 March 2024)"),
    ],
)
def test_ambiguous_and_unreadable_dates_say_why_and_what_to_write(text, message):
    """A numeric date is never guessed: the error gives its readings and the form to write."""
    with pytest.raises(DateError) as caught:
        read_date(text)
    assert str(caught.value) == message


def test_an_unknown_choice_lists_what_is_accepted():
    """The error names the field, the word, and every value with its label where they differ."""
    with pytest.raises(ChoiceError) as caught:
        read_choice(Actor.Kind, "robot", name="claimant_kind")
    assert str(caught.value) == (
        "unknown claimant_kind 'robot'; expected one of person, government (government body), military, media, ngo, "
        "intergovernmental (intergovernmental body), unnamed_group (value or label, any case)"
    )
