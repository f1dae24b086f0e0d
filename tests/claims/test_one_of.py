"""`one_of`: rows whose column is one of many values, the values as one array (claims.selectors.common, claims.arrays).

On PostgreSQL texts and integers go as one array literal; whatever a text holds (a comma, a
brace, a quote, a backslash, "NULL", nothing at all), it matches itself and nothing else, as it
does on SQLite, where the values go as an IN list.
"""

import pytest
from django.db import connection

from claims.arrays import array_literal
from claims.selectors.common import one_of
from sources.models import Outlet

pytestmark = pytest.mark.django_db

AWKWARD = [
    "a,b", "{braces}", "NULL", "", 'a "quoted" name', "back\\slash", "ends with \\", "it's", "Łódź — “Kyiv”",
    "  spaced  ", "tab\there", '\\"', "}{", "line\nbreak",
]


def test_every_awkward_name_finds_its_own_outlet_and_no_other():
    outlets = {name: Outlet.objects.create(name=name).pk for name in AWKWARD}
    Outlet.objects.create(name="a")  # what a split "a,b" or an unquoted element would find

    for name, pk in outlets.items():
        assert list(Outlet.objects.filter(one_of("name", [name])).values_list("pk", flat=True)) == [pk], name
    found = Outlet.objects.filter(one_of("name", AWKWARD)).values_list("pk", flat=True)
    assert sorted(found) == sorted(outlets.values())


def test_no_values_find_nothing():
    Outlet.objects.create(name="Reuters")

    assert not Outlet.objects.filter(one_of("pk", [])).exists()
    assert not Outlet.objects.filter(one_of("name", [])).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes no integer beyond 64 bits at all")
def test_a_key_beyond_bigint_finds_nothing_and_is_no_error():
    outlet = Outlet.objects.create(name="Reuters")

    assert list(Outlet.objects.filter(one_of("pk", [outlet.pk, 2**70])).values_list("pk", flat=True)) == [outlet.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array literal is PostgreSQL's")
def test_the_literal_reads_back_as_the_same_texts_and_integers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text[], %s::bigint[]", [array_literal(AWKWARD, "text"),
                                                           array_literal([0, -5, 2**63 - 1], "bigint")])
        assert cursor.fetchone() == (AWKWARD, [0, -5, 2**63 - 1])


def test_values_of_another_type_have_no_literal():
    assert array_literal([1, 2], "text") is None
    assert array_literal(["1"], "bigint") is None
    assert array_literal([True], "bigint") is None
    assert array_literal([2**63], "bigint") is None
    assert array_literal([None], "text") is None
