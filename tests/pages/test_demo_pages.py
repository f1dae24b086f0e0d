"""The public pages over the demo data set (`manage.py load_demo`): what a first visitor reads."""

from http import HTTPStatus

from claims.models import Claim
from tests.pages.html import parse

TRANSACTION = 2  # the request's ATOMIC_REQUESTS savepoint: SAVEPOINT and RELEASE

NOVEMBER_2021 = "/disputes/triggering-the-november-2021-clashes-on-armenias-eastern-border/"
TERTER = "/disputes/armenian-forces-shelled-terter-after-the-26-oct-2020-ceasefire-took-effect/"
CEASEFIRE = "/disputes/violation-of-the-26-oct-2020-ceasefire/"
DEATHS_2020 = "/disputes/deaths-in-the-2020-nagorno-karabakh-war/"


def test_demo_disputes_are_ranked(client, demo, django_assert_num_queries):
    """The demo's figure disputes come first, largest gap on top, then the accusations latest first, each explained."""
    with django_assert_num_queries(4 + TRANSACTION):
        response = client.get("/")
    page = parse(response.content)
    rows = [
        (li.find(class_="dispute-gap").text, li.find("h2").text, li.find(class_="dispute-explanation").text,
         li.find(class_="dispute-meta").text, li.find("h2").find("a").attrs["href"])
        for li in page.find_all("li", class_="dispute")
    ]
    assert len(rows) == 17
    assert rows[:4] == [
        ("4.5× apart", "Deaths in the 2020 Nagorno-Karabakh war",
         "Russia (Vladimir Putin, 22 Oct 2020): nearing 5,000 (read as nearly 5,000) — Independent (Associated "
         "Press of Pakistan, 22 Oct 2020): below one thousand (read as less than 1,000) — at least 4.5× apart.",
         "Armenia Azerbaijan Independent Russia 7 claims · latest 19 Nov 2021", DEATHS_2020),
        ("2.0× apart", "Azerbaijani military deaths in the 2020 Nagorno-Karabakh war",
         "Armenia (Armenian military sources, 19 Oct 2020): some 6,109 (read as about 6,109) — Azerbaijan "
         "(Azerbaijani Ministry of Defence, 3 Dec 2020): 2,783 — at least 2.0× apart.",
         "Armenia Azerbaijan 6 claims · latest 2 Jun 2021",
         "/disputes/azerbaijani-military-deaths-in-the-2020-nagorno-karabakh-war/"),
        ("1.2× apart", "Deaths in the missile strike on Barda, 28 Oct 2020",
         "Azerbaijan (Prosecutor General's Office of Azerbaijan, 28 Oct 2020): 21 — Independent (Unnamed reports, "
         "30 Oct 2020): at least 25 — at least 1.2× apart.",
         "Azerbaijan Independent 2 claims · latest 30 Oct 2020",
         "/disputes/deaths-in-the-missile-strike-on-barda-28-oct-2020/"),
        ("Counter-accusation", "Triggering the November 2021 clashes on Armenia's eastern border",
         "Armenia (Government of Armenia, 16 Nov 2021) blames Azerbaijan; "
         "Azerbaijan (Government of Azerbaijan, 16 Nov 2021) blames Armenia.",
         "Armenia Azerbaijan 2 claims · latest 16 Nov 2021", NOVEMBER_2021),
    ]
    assert [row[4] for row in rows].index(TERTER) < [row[4] for row in rows].index(CEASEFIRE)


def test_demo_search(client, demo):
    """Searching the demo for Terter finds the two disputes whose claims mention it."""
    page = parse(client.get("/", {"q": "Terter"}).content)
    assert page.texts("h2", class_="dispute-title") == [
        "Armenian forces shelled Terter after the 26 Oct 2020 ceasefire took effect",
        "Violation of the 26 Oct 2020 ceasefire",
    ]


def test_demo_terter_denial(client, demo):
    """The Terter dispute sets the Azeri accusations (the seed's and the ministry's) against the Armenian denial."""
    page = parse(client.get(TERTER).content)
    columns = [
        (column.find("h3").text, column.texts(class_="stance"), column.texts(class_="flag-note"),
         column.texts("li", class_="chain-link"))
        for column in page.find_all("section", class_="column")
    ]
    source = ("Reported by World Socialist Web Site: Casualties mount in Armenian-Azeri war as US-brokered ceasefire "
              "collapses, 30 Oct 2020")
    jamnews = "Reported by JAMnews: Third armistice Karabakh Armenia Azerbaijan violation of US agreement, 26 Oct 2020"
    assert columns == [
        ("Armenia 1 claim", ["Denies that Armenia did it"],
         ["Denial against Azeri officials", "Denial against Azerbaijani Ministry of Defence"], [source]),
        ("Azerbaijan 2 claims", ["Accuses Armenia", "Accuses Armenia"],
         ["Denial against Armenian officials (denies)", "Denial against Armenian officials (denies)"],
         [source, jamnews]),
    ]


def test_demo_death_toll_chart(client, demo, django_assert_num_queries):
    """The 2020 death toll page charts every figure claim, Putin's beside the confirmed toll of the same day."""
    with django_assert_num_queries(5 + TRANSACTION):
        response = client.get(DEATHS_2020)
    assert response.status_code == HTTPStatus.OK
    page = parse(response.content)
    figures = Claim.objects.published().filter(topic__slug="deaths-in-the-2020-nagorno-karabakh-war",
                                               qualifier__isnull=False)
    marks = page.find("div", class_="chart-wide").find_all("a", class_="chart-mark")
    assert sorted(int(mark.attrs["data-claim"]) for mark in marks) == sorted(figures.values_list("pk", flat=True))
    assert [mark.find("title").children[0] for mark in marks] == [
        "Associated Press of Pakistan (Independent), 22 Oct 2020: below one thousand (read as less than 1,000)",
        "Vladimir Putin (Russia), 22 Oct 2020: nearing 5,000 (read as nearly 5,000)",
        "World Socialist Web Site (Independent), 30 Oct 2020: thousands (read as at least 1,000)",
        "BBC News (Independent), 3 Dec 2020: over 5,000 (read as more than 5,000)",
        "Defence Redefined (Independent), 19 Nov 2021: more than 6,500",
    ]
    columns = {column.find("h3").text: column.texts(class_="figure") for column in
               page.find_all("section", class_="column")}
    assert columns == {
        # The sides' admissions, from the seed, carry no number.
        "Armenia 1 claim": [],
        "Azerbaijan 1 claim": [],
        # Each card leads with the wording as printed, and says how it is read when that differs.
        "Independent 4 claims": ["below one thousand read as less than 1,000", "thousands read as at least 1,000",
                                 "over 5,000 read as more than 5,000", "more than 6,500"],
        "Russia 1 claim": ["nearing 5,000 read as nearly 5,000"],
    }
    assert page.texts(class_="flag-note") == [
        "Figure mismatch · 4.5× apart against Vladimir Putin: nearing 5,000",
        "Figure mismatch · 4.5× apart against Associated Press of Pakistan: below one thousand",
    ]


def test_demo_putin_claim_page(client, demo):
    """Putin's casualty figure traces from his televised meeting through the WSWS report: one origin."""
    claim = Claim.objects.get(external_id="demo-putin-casualties-armenia")
    page = parse(client.get(f"/claims/{claim.pk}/").content)
    assert page.find("h1").text == "Vladimir Putin: more than 2,000 casualties"
    assert page.texts("li", class_="chain-link")[0].startswith("Said in Vladimir Putin's televised meeting")
    assert page.texts("li", class_="chain-link")[1].startswith("Relayed by World Socialist Web Site:")
    assert page.find(class_="origins").text == "1 independent origin · 2 documents"
