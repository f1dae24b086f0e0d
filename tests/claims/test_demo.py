"""The demo data sets (claims/demo/claims.csv, karabakh_2020.csv) and `manage.py load_demo` (DESIGN §7, §10)."""

import csv
import datetime
import io
import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.contradictions import contradiction_dismiss
from claims.demo import DEMO_CSV, KARABAKH_CSV, KARABAKH_RATINGS_CSV, REVIEWED_FLAGS
from claims.interchange import export_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.pages.html import parse

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "seeds"

SUMMARY = (
    "Demo data loaded from claims.csv and karabakh_2020.csv: 122 claims ({created} created, {updated} updated) in "
    "43 topics; contradictions: 44 (figure_mismatch: 6, internal_inconsistency: 7, conflicting_reports: 2, "
    "denial: 18, counter_accusation: 11); contested claims: 46; verdicts: 7 ({rated} set now); "
    "flags reviewed: 2 ({reviewed} now).\n"
)
AZERBAIJANI_DEATHS = "Azerbaijani military deaths in the 2020 Nagorno-Karabakh war"
ARMENIAN_DEATHS = "Armenian military deaths in the 2020 Nagorno-Karabakh war"

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


def rows_of(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def demo_rows() -> list[dict]:
    return rows_of(DEMO_CSV)


def karabakh_rows() -> list[dict]:
    return rows_of(KARABAKH_CSV)


def ratings() -> dict[str, dict]:
    return {row["external_id"]: row for row in rows_of(KARABAKH_RATINGS_CSV)}


def seed_flags():
    """The flags between two claims of the seed articles."""
    return Contradiction.objects.filter(claim_a__external_id__startswith="demo-",
                                        claim_b__external_id__startswith="demo-")


def snapshot() -> dict:
    """Everything load_demo writes, as plain values."""
    return {
        "claims": sorted(Claim.objects.values_list("external_id", "version", "status", "contested", "verdict",
                                                   "verdict_rationale", "verdict_url")),
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
            Contradiction.objects.values_list("kind", "claim_a__external_id", "claim_b__external_id", "status", "note")
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
    """A first run creates every claim and reports claims, topics, flags by kind, contested claims and verdicts."""
    assert load_demo() == SUMMARY.format(created=122, updated=0, rated=7, reviewed=2)


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    """A second run matches every claim by external_id and leaves every table, version, verdict, ruling and history."""
    load_demo()
    first = snapshot()

    assert load_demo() == SUMMARY.format(created=0, updated=122, rated=0, reviewed=0)
    assert snapshot() == first
    assert len(first["claims"]) == 122


def test_demo_claims_are_published_and_every_row_loaded(demo):
    """Every row of both data files becomes one claim under its external_id, with the row's status."""
    seed = [row["external_id"] for row in demo_rows()]
    karabakh = {row["external_id"]: row["status"] for row in karabakh_rows()}

    assert len(seed) == len(set(seed)) == 39
    assert all(re.fullmatch(r"demo-[a-z0-9-]+", external_id) for external_id in seed)
    assert len(karabakh) == len(karabakh_rows()) == 83
    assert all(re.fullmatch(r"nk2020-[a-z0-9-]+", external_id) for external_id in karabakh)
    assert dict(Claim.objects.values_list("external_id", "status")) == {
        **dict.fromkeys(seed, "published"), **karabakh,
    }
    # Four claims wait in the review queue for a second source; everything else is public.
    assert sorted(i for i, status in karabakh.items() if status != "published") == [
        "nk2020-arm-mil-2137-nov14", "nk2020-arm-mil-minasyan-4750-nov18", "nk2020-oct10-azerbaijan-shelling-oct17",
        "nk2020-tochka-azerbaijan-accuses",
    ]
    assert {karabakh[i] for i in karabakh if karabakh[i] != "published"} == {"in_review"}


def test_demo_contradictions_are_the_terter_denial_and_two_counter_accusations(demo):
    """Between the seed articles' claims, exactly the flags the texts support: one denial, two counter-accusations."""
    flags = seed_flags().select_related("topic", "claim_a", "claim_b").order_by("topic__name")
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


def test_demo_contested_seed_claims(demo):
    """The seed's six flagged claims are contested, and four more that the 2020 reporting now contradicts."""
    assert set(Claim.objects.contested().filter(external_id__startswith="demo-").values_list("external_id",
                                                                                            flat=True)) == {
        "demo-terter-azerbaijan-accuses",
        "demo-terter-armenia-denies",
        "demo-ceasefire-azerbaijan-accuses-armenia",
        "demo-ceasefire-armenia-accuses-azerbaijan",
        "demo-2021-armenia-blames-azerbaijan",
        "demo-2021-azerbaijan-blames-armenia",
        # Putin's "nearing 5,000" against the confirmed toll under 1,000 on the same day.
        "demo-putin-deaths-total",
        # The reported "at least 25" dead in Barda against the prosecutor's 21; Azerbaijan's Barda
        # accusation against Armenia's denial; the reports of foreign fighters against Aliyev's denial.
        "demo-barda-deaths",
        "demo-barda-azerbaijan-accuses",
        "demo-fighters-tip-reports",
    }


def test_demo_terter_claims_carry_stance_and_accused_side(demo):
    """Azerbaijan accuses Armenia on both Terter topics; Armenia denies the shelling and blames Azerbaijan back."""
    claims = Claim.objects.filter(topic__name__in=[TERTER, VIOLATION], external_id__startswith="demo-").select_related(
        "topic", "side", "accused_side")
    assert sorted((c.topic.name, c.side.name, c.stance, c.accused_side.name, c.attribution) for c in claims) == [
        (TERTER, "Armenia", "denies", "Armenia", "paraphrase"),
        (TERTER, "Azerbaijan", "asserts", "Armenia", "paraphrase"),
        (VIOLATION, "Armenia", "asserts", "Azerbaijan", "paraphrase"),
        (VIOLATION, "Azerbaijan", "asserts", "Armenia", "paraphrase"),
    ]


def test_demo_sets_putins_nearing_5000_against_the_confirmed_toll_of_the_day(demo):
    """DESIGN §10's headline: Putin's "nearing 5,000" against the confirmed toll below one thousand the same day."""
    assert figures("Deaths in the 2020 Nagorno-Karabakh war") == [
        ("demo-putin-deaths-total", "Russia", "Vladimir Putin", "nearly 5,000", datetime.date(2020, 10, 22)),
        ("nk2020-total-app-below-1000-oct22", "Independent", "Associated Press of Pakistan", "less than 1,000",
         datetime.date(2020, 10, 22)),
        ("demo-2020-war-deaths-thousands", "Independent", "World Socialist Web Site", "at least 1,000",
         datetime.date(2020, 10, 30)),
        ("demo-armenia-admitted-deaths", "Armenia", "Government of Armenia", "", None),
        ("demo-azerbaijan-admitted-deaths", "Azerbaijan", "Government of Azerbaijan", "", None),
        ("nk2020-total-bbc-5000-dec3", "Independent", "BBC News", "more than 5,000", datetime.date(2020, 12, 3)),
        ("demo-2020-war-deaths-defence-redefined", "Independent", "Defence Redefined", "more than 6,500",
         datetime.date(2021, 11, 19)),
    ]
    flag = Contradiction.objects.get(topic__name="Deaths in the 2020 Nagorno-Karabakh war")
    assert (flag.kind, flag.claim_a.external_id, flag.claim_b.external_id, flag.severity, flag.explanation) == (
        "figure_mismatch", "demo-putin-deaths-total", "nk2020-total-app-below-1000-oct22", 4.5,
        "Russia (Vladimir Putin, 22 Oct 2020): nearing 5,000 (read as nearly 5,000) — Independent (Associated "
        "Press of Pakistan, 22 Oct 2020): below one thousand (read as less than 1,000) — at least 4.5× apart.",
    )
    for side, inflicted in (("Armenia", [
        ("nk2020-cas-arm-azerbaijan-550-sep28", "Azerbaijan", "Azerbaijani Ministry of Defence", "more than 550",
         datetime.date(2020, 9, 27)),
        ("nk2020-cas-arm-azerbaijan-2300-sep30", "Azerbaijan", "Azerbaijani Ministry of Defence", "about 2,300",
         datetime.date(2020, 9, 30)),
    ]), ("Azerbaijan", [
        ("nk2020-cas-aze-armenia-200-sep27", "Armenia", "Artsrun Hovhannisyan", "nearly 200",
         datetime.date(2020, 9, 27)),
    ])):
        topic = Topic.objects.get(counted_side__name=side, metric="casualties")
        assert figures(topic.name) == [*inflicted, (
            f"demo-putin-casualties-{side.lower()}", "Russia", "Vladimir Putin", "more than 2,000",
            datetime.date(2020, 10, 22))]
    assert not Contradiction.objects.filter(topic__metric="casualties").exists()


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
        ("nk2020-barda-deaths-pgo-21", "Azerbaijan", "Prosecutor General's Office of Azerbaijan", "21",
         datetime.date(2020, 10, 28)),
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
        # Hyetert reprints Armenpress's report and names it, with its address.
        "Azerbaijan suffers nearly 200 human losses – MoD Armenia": [
            "Azerbaijan suffers nearly 200 human losses – MoD Armenia",
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
    article = Document.objects.get(title="Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses")
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
    flag = Contradiction.objects.get(kind="denial", claim_a__external_id="demo-terter-azerbaijan-accuses",
                                     claim_b__external_id="demo-terter-armenia-denies")
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
    for row in demo_rows() + karabakh_rows():
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


# -- The 2020 war data set (claims/demo/karabakh_2020.csv) ---------------------------------------------------------


def squeeze(text: str) -> str:
    return " ".join(text.split()).lower()


def test_karabakh_rows_name_the_page_they_come_from_and_print_their_figure():
    """Every row names a public page (address, title, outlet) and quotes it; a figure's wording is in its quote."""
    for row in karabakh_rows():
        where = row["external_id"]
        assert re.fullmatch(r"https?://\S+", row["source_url"]), where
        assert row["source_title"] and row["outlet"] and row["statement"], where
        assert row["quote"], where
        assert (row["language"] == "en") == (row["translation"] == ""), where
        if row["figure"]:
            assert squeeze(row["figure"]) in squeeze(row["quote"]), (where, row["figure"])
        elif row["value"]:  # a wording the parser does not take ("exceed 3,000") goes in as qualifier and value
            assert f"{int(row['value']):,}" in row["quote"], where


def test_readme_names_every_source_of_the_karabakh_data():
    """The README's demo section lists every page the data set and its verdicts rest on, by address."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The demo data"):readme.index("## Interchange format")]
    addresses = {row["source_url"] for row in karabakh_rows()} | {row["verdict_url"] for row in ratings().values()}
    assert sorted(address for address in addresses if address not in section) == []
    for address in {row["source_url"] for row in karabakh_rows()}:
        uses = sum(row["source_url"] == address for row in karabakh_rows())
        assert f"| {uses} | <{address}> |" in section, address


def test_azerbaijani_military_deaths_set_armenias_claims_against_bakus_own_count(demo):
    """The demo's figure dispute: Armenian voices' October tolls of Azerbaijani dead against Baku's later counts."""
    assert figures(AZERBAIJANI_DEATHS) == [
        ("nk2020-aze-mil-poghosyan-3000-oct3", "Armenia", "Vahram Poghosyan", "about 3,000",
         datetime.date(2020, 10, 3)),
        ("nk2020-aze-mil-hovhannisyan-3000-oct3", "Armenia", "Artsrun Hovhannisyan", "more than 3,000",
         datetime.date(2020, 10, 3)),
        ("nk2020-aze-mil-hovhannisyan-2300-oct3", "Armenia", "Artsrun Hovhannisyan", "2,300",
         datetime.date(2020, 10, 3)),
        ("nk2020-aze-mil-arka-6109-oct19", "Armenia", "Armenian military sources", "about 6,109",
         datetime.date(2020, 10, 19)),
        ("nk2020-aze-mil-2783-dec3", "Azerbaijan", "Azerbaijani Ministry of Defence", "2,783",
         datetime.date(2020, 12, 3)),
        ("nk2020-aze-mil-2900-jun2021", "Azerbaijan", "Azerbaijani Ministry of Defence", "2,900",
         datetime.date(2021, 6, 2)),
    ]
    flags = Contradiction.objects.filter(topic__name=AZERBAIJANI_DEATHS)
    assert sorted((f.kind, f.claim_a.external_id, f.claim_b.external_id, round(f.severity, 2), f.status)
                  for f in flags) == [
        ("conflicting_reports", "nk2020-aze-mil-hovhannisyan-3000-oct3", "nk2020-aze-mil-hovhannisyan-2300-oct3",
         1.3, "confirmed"),
        ("figure_mismatch", "nk2020-aze-mil-arka-6109-oct19", "nk2020-aze-mil-2783-dec3", 1.98, "open"),
        ("figure_mismatch", "nk2020-aze-mil-arka-6109-oct19", "nk2020-aze-mil-2900-jun2021", 1.9, "open"),
        ("figure_mismatch", "nk2020-aze-mil-hovhannisyan-3000-oct3", "nk2020-aze-mil-2783-dec3", 1.08, "open"),
        ("figure_mismatch", "nk2020-aze-mil-hovhannisyan-3000-oct3", "nk2020-aze-mil-2900-jun2021", 1.03, "open"),
        ("internal_inconsistency", "nk2020-aze-mil-poghosyan-3000-oct3", "nk2020-aze-mil-hovhannisyan-2300-oct3",
         1.17, "open"),
    ]


def test_armenian_military_deaths_flag_the_sides_own_disagreeing_counts(demo):
    """The Armenian side's counts disagree with one another, and only those integrity flags are raised on the topic."""
    flags = Contradiction.objects.filter(topic__name=ARMENIAN_DEATHS)
    assert sorted((f.kind, f.claim_a.external_id, f.claim_b.external_id) for f in flags) == [
        # Two relays of the health ministry's count on 14 November: 2,317 (Republic World) and 2137 (Armenpress).
        ("conflicting_reports", "nk2020-arm-mil-2317-nov14", "nk2020-arm-mil-2137-nov14"),
        # Bodies the health ministry examined against the Defence Army's list of names, days apart.
        ("internal_inconsistency", "nk2020-arm-mil-1434-nov15", "nk2020-arm-mil-pashinyan-2400-nov16"),
        ("internal_inconsistency", "nk2020-arm-mil-2137-nov14", "nk2020-arm-mil-1434-nov15"),
        ("internal_inconsistency", "nk2020-arm-mil-2137-nov14", "nk2020-arm-mil-pashinyan-2400-nov16"),
        ("internal_inconsistency", "nk2020-arm-mil-2317-nov14", "nk2020-arm-mil-1434-nov15"),
        # The opposition's 4,750 against the prime minister's 2,400.
        ("internal_inconsistency", "nk2020-arm-mil-pashinyan-2400-nov16", "nk2020-arm-mil-minasyan-4750-nov18"),
    ]
    assert not Claim.objects.filter(topic__name=ARMENIAN_DEATHS).exclude(side__name="Armenia").exists()


def test_demo_verdicts_come_from_the_ratings_file_through_the_service(demo):
    """Each rated claim carries the file's verdict, rationale and fact-check address, rated by the operator here."""
    rated = Claim.objects.exclude(verdict="unrated")
    assert {c.external_id: (c.verdict, c.verdict_rationale, c.verdict_url) for c in rated} == {
        external_id: (row["verdict"], row["rationale"], row["verdict_url"]) for external_id, row in ratings().items()
    }
    assert sorted(rated.values_list("verdict", flat=True)) == [
        "accurate", "accurate", "false", "misleading", "misleading", "misleading", "unverifiable",
    ]
    for claim in rated:  # claim_rate wrote a version with its history record; no user: the operator at the prompt
        latest = claim.history.latest()
        assert (latest.verdict, latest.history_user) == (claim.verdict, None)


@pytest.mark.django_db
def test_with_users_the_demo_reviewer_signs_the_verdicts_and_rulings(settings):
    """Under --with-users the reviewer account is who rated the claims and ruled on the flags, as history shows."""
    settings.DEBUG = True
    load_demo("--with-users")

    reviewer = get_user_model().objects.get(username="reviewer")
    for claim in Claim.objects.exclude(verdict="unrated"):
        assert claim.history.latest().history_user == reviewer
    reviewed = Contradiction.objects.exclude(status="open")
    assert sorted((f.kind, f.status, f.reviewed_by) for f in reviewed) == [
        ("conflicting_reports", "confirmed", reviewer), ("internal_inconsistency", "dismissed", reviewer),
    ]


def test_demo_flag_rulings_carry_the_reviewers_note(demo):
    """The two ruled flags have the status and note REVIEWED_FLAGS gives them; every other flag is open."""
    ruled = {(f.kind, frozenset({f.claim_a.external_id, f.claim_b.external_id}), f.status, f.note)
             for f in Contradiction.objects.exclude(status="open").select_related("claim_a", "claim_b")}
    assert ruled == {(kind, frozenset({a, b}), status, note) for kind, a, b, status, note in REVIEWED_FLAGS}


# -- What a first visitor sees --------------------------------------------------------------------------------------


def test_home_page_leads_with_the_figure_disputes(client, demo):
    """The home page ranks the three figure disputes first, Putin's 4.5× gap on top, then the accusations."""
    page = parse(client.get("/").content)
    titles = page.texts("h2", class_="dispute-title")
    assert titles[:3] == [
        "Deaths in the 2020 Nagorno-Karabakh war", AZERBAIJANI_DEATHS,
        "Deaths in the missile strike on Barda, 28 Oct 2020",
    ]
    assert len(titles) == 17
    assert page.find_all("li", class_="dispute")[0].find(class_="dispute-gap").text == "4.5× apart"


def test_figure_dispute_page_charts_every_published_figure(client, demo):
    """The Azerbaijani military deaths page draws a mark for each published figure claim of both sides."""
    topic = Topic.objects.get(name=AZERBAIJANI_DEATHS)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    marked = {int(el.attrs["data-claim"]) for svg in page.find_all("svg") for el in svg.iter()
              if "data-claim" in el.attrs}
    expected = set(Claim.objects.published().filter(topic=topic, qualifier__isnull=False).values_list("pk", flat=True))
    assert marked == expected and len(expected) == 6
    assert {"Armenia", "Azerbaijan"} <= {side.name for side in Side.objects.filter(claims__topic=topic)}


def test_rated_claim_page_shows_the_verdict_and_embeds_its_claimreview(client, demo):
    """A rated claim's page shows the verdict with its reasons and link, and embeds the ClaimReview with its rating."""
    claim = Claim.objects.get(external_id="nk2020-total-app-below-1000-oct22")
    rating = ratings()[claim.external_id]
    page = parse(client.get(claim.get_absolute_url()).content)

    assert page.find("span", class_="badge-verdict").text == "Accurate"
    assert page.texts("p", class_="verdict-reason")[0] == rating["rationale"]
    assert page.find("a", class_="verdict-link").attrs["href"] == rating["verdict_url"]
    scripts = [el for el in page.find_all("script") if el.attrs.get("type") == "application/ld+json"]
    review = json.loads(scripts[0].text)
    assert (review["@type"], review["url"], review["reviewRating"]["alternateName"],
            review["reviewRating"]["ratingExplanation"]) == (
        "ClaimReview", rating["verdict_url"], "Accurate", rating["rationale"])


def test_speaker_page_lists_every_public_claim_of_the_karabakh_defence_ministry(client, demo):
    """The Nagorno-Karabakh defence ministry's page lists its published claims, latest first."""
    actor = Actor.objects.get(name="Nagorno-Karabakh Ministry of Defence")
    page = parse(client.get(f"/speakers/{actor.pk}/").content)
    shown = [int(hit.attrs["data-claim"]) for hit in page.find_all("li", class_="hit-claim")]
    published = Claim.objects.published().filter(claimant=actor).order_by("-stated_on", "-pk")
    assert shown == list(published.values_list("pk", flat=True))
    assert len(shown) == 12


def test_claims_in_review_stay_off_the_public_pages(client, demo):
    """The four claims waiting for review are on no public page: Tochka-U's accusation leaves no dispute to show."""
    waiting = Claim.objects.filter(status="in_review")
    assert waiting.count() == 4
    for claim in waiting:
        assert client.get(claim.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    tochka = Topic.objects.get(name="Armenian forces fired Tochka-U missiles (Sep 2020)")
    assert "Armenian forces fired Tochka-U missiles" not in client.get("/").content.decode()
    assert not Contradiction.objects.filter(topic=tochka, claim_a__status="published",
                                            claim_b__status="published").exists()
