"""The demo data sets, in the interchange format (DESIGN §6, §7, §10).

`claims.csv` holds every claim of the two seed articles; it is also the worked example users
read to learn the format. `karabakh_2020.csv` holds claims from public reporting of the 2020
Nagorno-Karabakh war, each with the address of the page that states it.
`karabakh_2020_ratings.csv` holds a reviewer's verdicts on some of them (the format carries a
verdict but not its rationale or fact-check address), and `REVIEWED_FLAGS` a reviewer's rulings
on flags, which the format does not carry either. `manage.py load_demo` loads all of it.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_CSV = HERE / "claims.csv"
KARABAKH_CSV = HERE / "karabakh_2020.csv"
KARABAKH_RATINGS_CSV = HERE / "karabakh_2020_ratings.csv"
DATA_FILES = (DEMO_CSV, KARABAKH_CSV)

# A reviewer's rulings on flags of the Karabakh data set: (kind, external_id, external_id, status, note).
REVIEWED_FLAGS = (
    ("conflicting_reports", "nk2020-aze-mil-hovhannisyan-3000-oct3", "nk2020-aze-mil-hovhannisyan-2300-oct3",
     "confirmed",
     "The reports disagree on who said what: AP gives the 3,000 figure to Vahram Poghosyan, Nagorno-Karabakh's "
     "presidential spokesman, and 2,300 to Hovhannisyan; Public Radio of Armenia gives 3,000 to Hovhannisyan."),
    ("internal_inconsistency", "nk2020-ganja17-deaths-pgo-12", "nk2020-ganja17-deaths-emergency-13", "dismissed",
     "A toll rising within one day, not a disagreement: 12 dead in the prosecutor general's count of the early "
     "hours, 13 bodies recovered according to the emergency services the same day."),
)
