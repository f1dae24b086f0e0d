"""The demo data set (claims/demo/claims.csv) and `manage.py load_demo` (DESIGN §7, §10)."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.contradictions import contradiction_dismiss
from claims.demo import DEMO_CSV
from claims.interchange import export_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

SUMMARY = (
    "Demo data loaded from claims.csv: 39 claims ({created} created, {updated} updated) in 25 topics; "
    "contradictions: 3 (denial: 1, counter_accusation: 2); contested claims: 6.\n"
)

TERTER = "Armenian forces shelled Terter after the 26 Oct 2020 ceasefire took effect"
VIOLATION = "Violation of the 26 Oct 2020 ceasefire"
TRIGGER_2021 = "Triggering the November 2021 clashes on Armenia's eastern border"

# Each voice of a counter-accusation as its explanation words it; the rules order a pair by date, then id.
BLAMES = {
    "demo-ceasefire-azerbaijan-accuses-armenia": "Azerbaijan (Azeri officials, 26 Oct 2020) blames Armenia",
    "demo-ceasefire-armenia-accuses-azerbaijan": "Armenia (Armenian officials, 26 Oct 2020) blames Azerbaijan",
    "demo-2021-armenia-blames-azerbaijan": "Armenia (Government of Armenia, 16 Nov 2021) blames Azerbaijan",
    "demo-2021-azerbaijan-blames-armenia": "Azerbaijan (Government of Azerbaijan, 16 Nov 2021) blames Armenia",
}


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def demo_rows() -> list[dict]:
    with open(DEMO_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot() -> dict:
    """Everything load_demo writes, as plain values."""
    return {
        "claims": sorted(Claim.objects.values_list("external_id", "version", "status", "contested")),
        "claim history": Claim.history.count(),
        "topics": sorted(Topic.objects.values_list("name", "kind", "metric", "counted_side__name", "cumulative")),
        "topic history": Topic.history.count(),
        "sides": sorted(Side.objects.values_list("name", "slug", "colour")),
        "actors": sorted(Actor.objects.values_list("name", "kind", "role", "side__name")),
        "outlets": sorted(Outlet.objects.values_list("name", "kind", "country", "url")),
        "documents": sorted(Document.objects.values_list("title", "url", "author", "published_on")),
        "document history": Document.history.count(),
        "cites": sorted(Document.cites.through.objects.values_list("from_document__title", "to_document__title")),
        "appearances": sorted(Appearance.objects.values_list("claim__external_id", "document__title", "role")),
        "contradictions": sorted(
            Contradiction.objects.values_list("kind", "claim_a__external_id", "claim_b__external_id", "status")
        ),
    }


def figures(topic_name: str) -> list[tuple]:
    claims = Claim.objects.filter(topic__name=topic_name).select_related("side", "claimant").order_by("stated_on", "pk")
    return [(c.external_id, c.side.name, c.claimant.name, c.figure_text, c.as_of) for c in claims]


def seed_text() -> str:
    """Both seed articles as one string, with line-end hyphenation and line breaks undone."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\n\s*", "-", text))


@pytest.mark.django_db
def test_load_demo_prints_a_summary_of_what_it_loaded():
    """A first run creates every claim and reports claims, topics, contradictions by kind and contested claims."""
    assert load_demo() == SUMMARY.format(created=39, updated=0)


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    """A second run matches every claim by external_id and leaves every table, version and history as it was."""
    load_demo()
    first = snapshot()

    assert load_demo() == SUMMARY.format(created=0, updated=39)
    assert snapshot() == first
    assert len(first["claims"]) == 39


def test_demo_claims_are_published_and_every_row_loaded(demo):
    """Every row of the data file becomes one published claim under its external_id."""
    ids = [row["external_id"] for row in demo_rows()]

    assert len(ids) == len(set(ids)) == 39
    assert all(re.fullmatch(r"demo-[a-z0-9-]+", external_id) for external_id in ids)
    assert sorted(Claim.objects.values_list("external_id", "status")) == sorted((i, "published") for i in ids)


def test_demo_contradictions_are_the_terter_denial_and_two_counter_accusations(demo):
    """The demo yields exactly the flags the seed texts support: one denial and two counter-accusations."""
    flags = Contradiction.objects.select_related("topic", "claim_a", "claim_b").order_by("topic__name")
    found = {
        (flag.kind, flag.topic.name, frozenset({flag.claim_a.external_id, flag.claim_b.external_id}), flag.severity,
         flag.status)
        for flag in flags
    }

    assert found == {
        ("denial", TERTER, frozenset({"demo-terter-azerbaijan-accuses", "demo-terter-armenia-denies"}), None, "open"),
        ("counter_accusation", VIOLATION,
         frozenset({"demo-ceasefire-azerbaijan-accuses-armenia", "demo-ceasefire-armenia-accuses-azerbaijan"}),
         None, "open"),
        ("counter_accusation", TRIGGER_2021,
         frozenset({"demo-2021-armenia-blames-azerbaijan", "demo-2021-azerbaijan-blames-armenia"}), None, "open"),
    }
    for flag in flags:
        if flag.kind == "denial":
            assert flag.explanation == (
                "Azerbaijan (Azeri officials, 26 Oct 2020) accuses Armenia; "
                "Armenia (Armenian officials, 26 Oct 2020) denies it."
            )
        else:
            assert flag.explanation == f"{BLAMES[flag.claim_a.external_id]}; {BLAMES[flag.claim_b.external_id]}."


def test_demo_contested_claims_are_the_six_flagged_ones(demo):
    """Exactly the claims in the denial and the counter-accusations are contested, and so are their topics."""
    assert set(Claim.objects.contested().values_list("external_id", flat=True)) == {
        "demo-terter-azerbaijan-accuses",
        "demo-terter-armenia-denies",
        "demo-ceasefire-azerbaijan-accuses-armenia",
        "demo-ceasefire-armenia-accuses-azerbaijan",
        "demo-2021-armenia-blames-azerbaijan",
        "demo-2021-azerbaijan-blames-armenia",
    }
    assert set(Topic.objects.disputes().values_list("name", flat=True)) == {TERTER, VIOLATION, TRIGGER_2021}


def test_demo_terter_claims_carry_stance_and_accused_side(demo):
    """Azerbaijan accuses Armenia on both Terter topics; Armenia denies the shelling and blames Azerbaijan back."""
    claims = Claim.objects.filter(topic__name__in=[TERTER, VIOLATION]).select_related("topic", "side", "accused_side")
    assert sorted((c.topic.name, c.side.name, c.stance, c.accused_side.name, c.attribution) for c in claims) == [
        (TERTER, "Armenia", "denies", "Armenia", "paraphrase"),
        (TERTER, "Azerbaijan", "asserts", "Armenia", "paraphrase"),
        (VIOLATION, "Armenia", "asserts", "Azerbaijan", "paraphrase"),
        (VIOLATION, "Azerbaijan", "asserts", "Armenia", "paraphrase"),
    ]


def test_demo_shows_putins_figures_against_the_sides_unnumbered_admissions(demo):
    """Putin's figures sit beside the sides' admitted tolls, which the seed gives without a number (none invented)."""
    assert figures("Deaths in the 2020 Nagorno-Karabakh war") == [
        ("demo-putin-deaths-total", "Russia", "Vladimir Putin", "nearly 5,000", datetime.date(2020, 10, 22)),
        ("demo-2020-war-deaths-thousands", "Independent", "World Socialist Web Site", "at least 1,000",
         datetime.date(2020, 10, 30)),
        ("demo-armenia-admitted-deaths", "Armenia", "Government of Armenia", "", None),
        ("demo-azerbaijan-admitted-deaths", "Azerbaijan", "Government of Azerbaijan", "", None),
        ("demo-2020-war-deaths-defence-redefined", "Independent", "Defence Redefined", "more than 6,500",
         datetime.date(2021, 11, 19)),
    ]
    for side in ("Armenia", "Azerbaijan"):
        topic = Topic.objects.get(counted_side__name=side, metric="casualties")
        assert figures(topic.name) == [
            (f"demo-putin-casualties-{side.lower()}", "Russia", "Vladimir Putin", "more than 2,000",
             datetime.date(2020, 10, 22)),
        ]
    assert not Contradiction.objects.filter(topic__metric__in=["deaths", "casualties"]).exists()


def test_demo_barda_and_stepanakert_accusations(demo):
    """Barda and Stepanakert are each side's accusation, with the relayed tolls and the missile count as figures."""
    accusations = Claim.objects.filter(external_id__in=[
        "demo-barda-azerbaijan-accuses", "demo-stepanakert-armenia-accuses", "demo-stepanakert-mfa-war-crime",
    ]).select_related("side", "claimant", "accused_side").order_by("pk")
    assert [(c.external_id, c.side.name, c.claimant.name, c.accused_side.name) for c in accusations] == [
        ("demo-barda-azerbaijan-accuses", "Azerbaijan", "Azeri officials", "Armenia"),
        ("demo-stepanakert-armenia-accuses", "Armenia", "Armenian officials", "Azerbaijan"),
        ("demo-stepanakert-mfa-war-crime", "Armenia", "Armenian Ministry of Foreign Affairs", "Azerbaijan"),
    ]
    assert figures("Deaths in the missile strike on Barda, 28 Oct 2020") == [
        ("demo-barda-deaths", "Independent", "Unnamed reports", "at least 25", datetime.date(2020, 10, 30)),
    ]
    assert figures("People wounded in the missile strike on Barda, 28 Oct 2020") == [
        ("demo-barda-wounded", "Independent", "Unnamed reports", "at least 12", datetime.date(2020, 10, 30)),
    ]
    assert figures("Missiles fired at Stepanakert, Oct 2020") == [
        ("demo-stepanakert-missiles", "Armenia", "Armenian officials", "5", datetime.date(2020, 10, 28)),
    ]
    assert Claim.objects.get(external_id="demo-barda-deaths").attribution == "unconfirmed_report"


def test_demo_november_2021_figures_and_no_forced_contradiction(demo):
    """The ministry's one soldier killed that day and the outlet's 15 dead days later are a growing toll, no clash."""
    assert figures("Armenian deaths in the November 2021 border clashes") == [
        ("demo-2021-defence-ministry-soldier-killed", "Armenia", "Armenian Ministry of Defence", "1",
         datetime.date(2021, 11, 16)),
        ("demo-2021-deaths-armenia", "Independent", "Defence Redefined", "15", datetime.date(2021, 11, 19)),
    ]
    assert figures("Armenian prisoners taken in the November 2021 border clashes") == [
        ("demo-2021-prisoners-armenia", "Independent", "Defence Redefined", "12", datetime.date(2021, 11, 19)),
    ]
    assert figures("Azerbaijani injured in the November 2021 border clashes") == [
        ("demo-2021-injured-azerbaijan", "Independent", "Defence Redefined", "at least 2",
         datetime.date(2021, 11, 19)),
    ]
    assert not Contradiction.objects.filter(topic__name__contains="November 2021 border clashes").exists()


def test_demo_quotes_and_figure_wordings_are_printed_in_the_seeds():
    """Every quote (fragments joined by " … ") and every figure wording in the data file appears in a seed article."""
    text = seed_text()
    for row in demo_rows():
        for fragment in filter(None, row["quote"].split(" … ")):
            assert fragment in text, (row["external_id"], fragment)
        if row["figure"]:
            assert row["figure"].lower() in text.lower(), (row["external_id"], row["figure"])


def test_demo_documents_cite_the_originals_the_articles_name(demo):
    """Each article cites the originals it names; a claim relayed without a named original appears as a report."""
    cites = {
        document.title: sorted(cited.title for cited in document.cites.all())
        for document in Document.objects.prefetch_related("cites")
        if document.cites.exists()
    }
    assert cites == {
        "Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses": [
            "Al Monitor report on Iran and the Nagorno-Karabakh war",
            "Bangkok Post report that Azeri troops seized the Lachin pass",
            "Donald Trump's tweet on the Armenia–Azerbaijan ceasefire deal",
            "Financial Times report quoting Hikmet Hajiyev and Jack Watling",
            "US State Department statement announcing a humanitarian ceasefire from 26 October 2020",
            "Vladimir Putin's televised meeting, 22 October 2020",
        ],
        "Armenia – Azerbaijan | Another round of deadly clashes in the Caucasus": [
            "Armenian Ministry of Defence statement on the ceasefire with Azerbaijan",
        ],
    }

    def roles(external_id):
        appearances = Appearance.objects.filter(claim__external_id=external_id).select_related("document")
        return sorted((a.document.title, a.role) for a in appearances)

    assert roles("demo-putin-deaths-total") == [
        ("Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses", "report"),
        ("Vladimir Putin's televised meeting, 22 October 2020", "primary"),
    ]
    assert roles("demo-terter-azerbaijan-accuses") == [
        ("Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses", "report"),
    ]
    assert roles("demo-2021-deaths-armenia") == [
        ("Armenia – Azerbaijan | Another round of deadly clashes in the Caucasus", "primary"),
    ]
    article = Document.objects.get(published_on=datetime.date(2020, 10, 30))
    assert (article.outlet.name, article.author, article.url) == ("World Socialist Web Site", "Alex Lantier", None)


def test_demo_sides_have_their_colours(demo):
    """The seven demo sides exist with distinct chart colours, Iran included though no claim names it."""
    assert dict(Side.objects.values_list("name", "colour")) == {
        "Armenia": "#e69f00",
        "Azerbaijan": "#56b4e9",
        "Independent": "#6b7280",
        "Iran": "#009e73",
        "Russia": "#0072b2",
        "Turkey": "#d55e00",
        "United States": "#cc79a7",
    }


def test_load_demo_recolours_an_existing_side_and_keeps_its_slug(db):
    """A side that already exists is found by name, whatever its case, and only its colour changes."""
    Side.objects.create(name="ARMENIA", slug="am", colour="#000000")

    load_demo()

    assert list(Side.objects.filter(name__iexact="armenia").values_list("name", "slug", "colour")) == [
        ("ARMENIA", "am", "#e69f00")
    ]


def test_load_demo_keeps_a_reviewers_dismissal(demo, reviewer):
    """Re-running load_demo changes no rule input, so a dismissed flag stays dismissed."""
    flag = Contradiction.objects.get(kind="denial")
    contradiction_dismiss(contradiction=flag, user=reviewer, note="Demo: checking that reloads keep rulings.")

    load_demo()

    flag.refresh_from_db()
    assert (flag.status, flag.reviewed_by, flag.note) == (
        "dismissed", reviewer, "Demo: checking that reloads keep rulings."
    )


def test_demo_export_writes_back_the_data_file(demo):
    """Exporting the demo gives back the data file's values in every column the format round-trips as written."""
    out = io.StringIO()
    export_claims(out, fmt="csv", claims=Claim.objects.all())
    exported = {row["external_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    as_written = [
        "topic", "topic_kind", "metric", "counted_side", "claimant", "claimant_kind", "claimant_role", "side",
        "stated_on", "statement", "quote", "language", "translation", "attribution", "stance", "accused_side",
        "source_url", "source_title", "outlet", "published_on", "via_url", "via_title", "via_outlet", "status",
    ]
    for row in demo_rows():
        assert {c: exported[row["external_id"]][c] for c in as_written} == {c: row[c] for c in as_written}


@pytest.mark.django_db
def test_load_demo_with_users_creates_the_demo_accounts_under_debug(settings):
    """With DEBUG on, --with-users creates editor, reviewer and a superuser admin, password "demo", and says so."""
    settings.DEBUG = True

    out = load_demo("--with-users")
    load_demo("--with-users")

    assert out.splitlines()[1:] == [
        "Demo account editor / demo: group Editors (created)",
        "Demo account reviewer / demo: group Reviewers (created)",
        "Demo account admin / demo: superuser (created)",
    ]
    users = get_user_model().objects.order_by("username")
    assert [
        (u.username, u.is_staff, u.is_superuser, sorted(u.groups.values_list("name", flat=True)),
         u.check_password("demo"))
        for u in users
    ] == [
        ("admin", True, True, [], True),
        ("editor", True, False, ["Editors"], True),
        ("reviewer", True, False, ["Reviewers"], True),
    ]
    assert users.get(username="reviewer").has_perm("claims.publish_claim")
    assert not users.get(username="editor").has_perm("claims.publish_claim")


@pytest.mark.django_db
def test_load_demo_with_users_refuses_without_debug(settings):
    """With DEBUG off, --with-users stops with a clear message before writing anything: no accounts, no claims."""
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"--with-users .* runs only when DEBUG is on\. Nothing was loaded\."):
        load_demo("--with-users")

    assert not get_user_model().objects.exists()
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_load_demo_without_users_creates_no_accounts(settings):
    """Without --with-users no account is created, even under DEBUG."""
    settings.DEBUG = True

    load_demo()

    assert not get_user_model().objects.exists()
