"""The demo data set: every claim of the two seed articles, in the interchange format (DESIGN §6, §7).

`claims.csv` is both what `manage.py load_demo` imports and the worked example users read
to learn the format. Facts come from the seed texts only (DESIGN §10).
"""

from pathlib import Path

DEMO_CSV = Path(__file__).resolve().with_name("claims.csv")
