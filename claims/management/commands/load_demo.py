"""`load_demo [--with-users]`: the demo data sets (DESIGN §7, §10).

The claims live in `claims/demo/claims.csv` (the seed articles) and `claims/demo/karabakh_2020.csv`
(public reporting of the 2020 war), in the interchange format, and go in through `import_claims`,
so re-running updates them by `external_id` instead of adding copies. This command then sets what
the format does not carry: side colours, outlet and document details, the report role of claims
an article relays without naming the original, a reviewer's verdicts with their rationale and
fact-check address (through `claim_rate`), and a reviewer's rulings on two flags (through
`contradiction_review`). Each is written only when it differs, so a second run changes nothing.
"""

import csv
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from claims.contradictions import contradiction_review
from claims.demo import DATA_FILES, KARABAKH_RATINGS_CSV, REVIEWED_FLAGS
from claims.interchange import ImportFailed, format_counts, import_claims
from claims.models import Appearance, Claim, Contradiction, Topic
from claims.services import claim_rate
from sources.models import Document, Outlet, Side

# The Okabe–Ito palette, which colour-blind readers can tell apart; hues follow each flag where one fits.
SIDE_COLOURS = {
    "Armenia": "#e69f00",  # orange: the apricot stripe of the Armenian flag
    "Azerbaijan": "#56b4e9",  # sky blue: the top stripe of the Azerbaijani flag
    "Russia": "#0072b2",  # blue
    "United States": "#cc79a7",  # reddish purple, so as not to be taken for Russia's blue
    "Turkey": "#d55e00",  # vermilion: the red of the Turkish flag
    "Iran": "#009e73",  # bluish green: the green of the Iranian flag
    "Independent": "#6b7280",  # neutral grey: speaks for no side
}

# Outlets the demo names: kind, country, home page.
OUTLETS = {
    "World Socialist Web Site": (Outlet.Kind.NEWSPAPER, "", "https://www.wsws.org/"),
    "Defence Redefined": (Outlet.Kind.NEWSPAPER, "Cyprus", "https://defenceredefined.com.cy/"),
    "Financial Times": (Outlet.Kind.NEWSPAPER, "United Kingdom", "https://www.ft.com/"),
    "Bangkok Post": (Outlet.Kind.NEWSPAPER, "Thailand", "https://www.bangkokpost.com/"),
    "Al Monitor": (Outlet.Kind.NEWSPAPER, "United States", "https://www.al-monitor.com/"),
    "US State Department": (Outlet.Kind.GOVERNMENT, "United States", "https://www.state.gov/"),
    "Armenian Ministry of Defence": (Outlet.Kind.GOVERNMENT, "Armenia", "https://www.mil.am/"),
    "Twitter": (Outlet.Kind.SOCIAL_MEDIA, "United States", "https://twitter.com/"),
    # The pages of the 2020 war data set (karabakh_2020.csv). Relays (aggregators that reprint wire or
    # agency copy) are named as the outlet whose page was read; the statement says whom it relays.
    "A News": (Outlet.Kind.BROADCASTER, "Turkey", "https://www.anews.com.tr/"),
    "APA": (Outlet.Kind.NEWS_AGENCY, "Azerbaijan", "https://apa.az/"),
    "AZERTAC": (Outlet.Kind.NEWS_AGENCY, "Azerbaijan", "https://azertag.az/"),
    "Ahram Online": (Outlet.Kind.NEWSPAPER, "Egypt", "https://english.ahram.org.eg/"),
    "Al Jazeera": (Outlet.Kind.BROADCASTER, "Qatar", "https://www.aljazeera.com/"),
    "Al-Masdar News": (Outlet.Kind.NEWSPAPER, "Lebanon", "https://www.almasdarnews.com/"),
    "Amnesty International": (Outlet.Kind.THINK_TANK, "United Kingdom", "https://www.amnesty.org/"),
    "Armenian Club": (Outlet.Kind.BLOG, "", "https://armenianclub.com/"),
    "Armenpress": (Outlet.Kind.NEWS_AGENCY, "Armenia", "https://armenpress.am/"),
    "BBC News": (Outlet.Kind.BROADCASTER, "United Kingdom", "https://www.bbc.com/news"),
    "BNN Bloomberg": (Outlet.Kind.BROADCASTER, "Canada", "https://www.bnnbloomberg.ca/"),
    "CDE News": (Outlet.Kind.NEWSPAPER, "", "https://cde.news/"),
    "Caucasian Knot": (Outlet.Kind.NEWS_AGENCY, "Russia", "https://www.eng.kavkaz-uzel.eu/"),
    "Dayton Daily News": (Outlet.Kind.NEWSPAPER, "United States", "https://www.daytondailynews.com/"),
    "Human Rights Watch": (Outlet.Kind.THINK_TANK, "United States", "https://www.hrw.org/"),
    "Hyetert": (Outlet.Kind.BLOG, "", "https://hyetert.org/"),
    "Hürriyet Daily News": (Outlet.Kind.NEWSPAPER, "Turkey", "https://www.hurriyetdailynews.com/"),
    "JAMnews": (Outlet.Kind.NEWSPAPER, "Georgia", "https://jam-news.net/"),
    "Journal-News": (Outlet.Kind.NEWSPAPER, "United States", "https://www.journal-news.com/"),
    "Naharnet": (Outlet.Kind.NEWSPAPER, "Lebanon", "http://www.naharnet.com/"),
    "National Post": (Outlet.Kind.NEWSPAPER, "Canada", "https://nationalpost.com/"),
    "News.Az": (Outlet.Kind.NEWSPAPER, "Azerbaijan", "https://www.news.az/"),
    "Novinite": (Outlet.Kind.NEWS_AGENCY, "Bulgaria", "https://www.novinite.com/"),
    "PanARMENIAN.Net": (Outlet.Kind.NEWS_AGENCY, "Armenia", "https://www.panarmenian.net/"),
    "Pledge Times": (Outlet.Kind.BLOG, "", "https://pledgetimes.com/"),
    "Public Radio of Armenia": (Outlet.Kind.BROADCASTER, "Armenia", "https://en.armradio.am/"),
    "Public Television of Armenia": (Outlet.Kind.BROADCASTER, "Armenia", "https://1lurer.am/en"),
    "RFE/RL": (Outlet.Kind.BROADCASTER, "Czech Republic", "https://www.rferl.org/"),
    "South Asian Express": (Outlet.Kind.BLOG, "", "https://southasianexpress.com/"),
    "Sputnik": (Outlet.Kind.NEWS_AGENCY, "Russia", "https://sputniknews.com/"),
    "TASS": (Outlet.Kind.NEWS_AGENCY, "Russia", "https://tass.com/"),
    "Taipei Times": (Outlet.Kind.NEWSPAPER, "Taiwan", "https://www.taipeitimes.com/"),
    "The Armenian Mirror-Spectator": (Outlet.Kind.NEWSPAPER, "United States", "https://mirrorspectator.com/"),
    "The Epoch Times": (Outlet.Kind.NEWSPAPER, "United States", "https://www.theepochtimes.com/"),
    "The Jerusalem Post": (Outlet.Kind.NEWSPAPER, "Israel", "https://www.jpost.com/"),
    "Trend": (Outlet.Kind.NEWS_AGENCY, "Azerbaijan", "https://en.trend.az/"),
    "UrduPoint": (Outlet.Kind.NEWSPAPER, "Pakistan", "https://www.urdupoint.com/en/"),
    "Yerepouni Daily News": (Outlet.Kind.NEWSPAPER, "Lebanon", "https://www.yerepouni-news.com/"),
}

# Bylines the seed articles print.
DOCUMENT_AUTHORS = {
    "Casualties mount in Armenian-Azeri war as US-brokered ceasefire collapses": "Alex Lantier",
}

DEMO_PASSWORD = "demo"
DEMO_USERS = (  # username, group, superuser
    ("editor", "Editors", False),
    ("reviewer", "Reviewers", False),
    ("admin", None, True),
)


class Command(BaseCommand):
    help = (
        "Load the demo data sets (claims/demo/claims.csv: every claim of the two seed articles; "
        "claims/demo/karabakh_2020.csv: public reporting of the 2020 war, with a reviewer's verdicts) and flag "
        "their contradictions. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=f"Also create the accounts editor, reviewer and admin (superuser), password “{DEMO_PASSWORD}”, "
            "and record the demo's verdicts and flag rulings as the reviewer's. Only when DEBUG is on.",
        )

    def handle(self, *args, with_users, **options):
        if with_users and not settings.DEBUG:
            raise CommandError(
                f"--with-users creates accounts with the known password “{DEMO_PASSWORD}”, so it runs only when "
                "DEBUG is on. Nothing was loaded."
            )
        with transaction.atomic():
            _sides_colour()
            created = updated = 0
            for path in DATA_FILES:
                try:
                    result = import_claims(path)
                except ImportFailed as exc:
                    raise CommandError(
                        f"{path} does not import: " + "; ".join(str(error) for error in exc.errors)
                    ) from None
                created, updated = created + result.created, updated + result.updated
            external_ids = [external_id for path in DATA_FILES for external_id in _external_ids(path)]
            _outlets_describe()
            _documents_describe()
            _relays_mark(external_ids)
            users = _users_create() if with_users else []
            # The demo reviewer signs the verdicts and rulings when the demo accounts exist; otherwise the operator.
            reviewer = get_user_model().objects.get(username="reviewer") if with_users else None
            rated = _ratings_set(reviewer)
            reviewed = _flags_review(reviewer)
        if options["verbosity"] > 0:
            self._summary(created, updated, external_ids, rated, reviewed)
            for username, what in users:
                self.stdout.write(f"Demo account {username} / {DEMO_PASSWORD}: {what}")

    def _summary(self, created, updated, external_ids, rated, reviewed):
        claims = Claim.objects.filter(external_id__in=external_ids)
        topics = Topic.objects.filter(claims__in=claims).distinct()
        kinds = Contradiction.objects.filter(topic__in=topics).values("kind").annotate(n=Count("id"))
        counts = Counter({row["kind"]: row["n"] for row in kinds})
        files = " and ".join(path.name for path in DATA_FILES)
        self.stdout.write(
            f"Demo data loaded from {files}: {claims.count()} claims "
            f"({created} created, {updated} updated) in {topics.count()} topics; "
            f"contradictions: {format_counts(counts)}; contested claims: {claims.contested().count()}; "
            f"verdicts: {claims.exclude(verdict=Claim.Verdict.UNRATED).count()} ({rated} set now); "
            f"flags reviewed: {len(REVIEWED_FLAGS)} ({reviewed} now)."
        )


def _external_ids(path: Path) -> list[str]:
    """Return the external_ids of a data file's claims, as the file gives them."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["external_id"] for row in csv.DictReader(handle)]


def _ratings_set(reviewer) -> int:
    """Give the rated claims their verdict, rationale and fact-check address (claim_rate); return how many changed.

    The interchange format carries a verdict but not its reasoning, so the ratings live in a file of
    their own and go in through the service (the policy's verdict rule, a version, a history record by
    `reviewer`). A rating already in place is left alone, so a second run writes nothing.
    """
    with open(KARABAKH_RATINGS_CSV, encoding="utf-8", newline="") as handle:
        ratings = {row["external_id"]: row for row in csv.DictReader(handle)}
    changed = 0
    for claim in Claim.objects.filter(external_id__in=ratings):
        row = ratings[claim.external_id]
        wanted = (row["verdict"], row["rationale"], row["verdict_url"])
        if (claim.verdict, claim.verdict_rationale, claim.verdict_url) != wanted:
            claim_rate(claim=claim, user=reviewer, verdict=row["verdict"], verdict_rationale=row["rationale"],
                       verdict_url=row["verdict_url"])
            changed += 1
    missing = set(ratings) - set(Claim.objects.filter(external_id__in=ratings).values_list("external_id", flat=True))
    if missing:
        raise CommandError(f"{KARABAKH_RATINGS_CSV.name} rates claims no data file has: {', '.join(sorted(missing))}")
    return changed


def _flags_review(reviewer) -> int:
    """Record the reviewer's rulings of REVIEWED_FLAGS, through contradiction_review; return how many changed."""
    changed = 0
    for kind, first, second, status, note in REVIEWED_FLAGS:
        flag = Contradiction.objects.filter(
            kind=kind, claim_a__external_id__in=(first, second), claim_b__external_id__in=(first, second)
        ).first()
        if flag is None:
            raise CommandError(f"the demo's {kind} flag between {first} and {second} was not found")
        if (flag.status, flag.note) != (status, note):
            contradiction_review(contradiction=flag, user=reviewer, status=status, note=note)
            changed += 1
    return changed


def _unique_side_slug(name: str) -> str:
    base = slugify(name)[:90] or "side"
    slug, n = base, 1
    while Side.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _sides_colour() -> None:
    """Create the demo's sides, or recolour them, before the import finds them by name."""
    for name, colour in SIDE_COLOURS.items():
        side = Side.objects.filter(name__iexact=name).first()
        if side is None:
            Side.objects.create(name=name, slug=_unique_side_slug(name), colour=colour)
        elif side.colour != colour:
            side.colour = colour
            side.save(update_fields=["colour"])


def _outlets_describe() -> None:
    """Give the demo's outlets the kind, country and home page the format does not carry."""
    for outlet in Outlet.objects.filter(name__in=OUTLETS):
        kind, country, url = OUTLETS[outlet.name]
        if (outlet.kind, outlet.country, outlet.url) != (kind, country, url):
            outlet.kind, outlet.country, outlet.url = kind, country, url
            outlet.full_clean()
            outlet.save(update_fields=["kind", "country", "url"])


def _documents_describe() -> None:
    """Give the seed articles their bylines (saved only when they change, so history stays quiet)."""
    for document in Document.objects.filter(title__in=DOCUMENT_AUTHORS):
        author = DOCUMENT_AUTHORS[document.title]
        if document.author != author:
            document.author = author
            document.save(update_fields=["author"])


def _relays_mark(external_ids: list[str]) -> None:
    """Make an article that relays a claim without naming the original a report, not the claim's primary.

    The format makes a claim's source its primary document when no via is given. That is right
    for the outlet's own voice; when the claimant is someone else ("Azeri officials accused…"),
    the article is a relay of a statement the demo has no document for.
    """
    appearances = Appearance.objects.filter(claim__external_id__in=external_ids).select_related(
        "claim__claimant", "document__outlet"
    )
    by_claim: dict[int, list[Appearance]] = {}
    for appearance in appearances:
        by_claim.setdefault(appearance.claim_id, []).append(appearance)
    relays = [
        only.pk
        for (only, *others) in by_claim.values()
        if not others
        and only.role == Appearance.Role.PRIMARY
        and (only.document.outlet is None or only.document.outlet.name.lower() != only.claim.claimant.name.lower())
    ]
    Appearance.objects.filter(pk__in=relays).update(role=Appearance.Role.REPORT)


def _users_create() -> list[tuple[str, str]]:
    """Create (or reset) the demo accounts; the caller makes sure DEBUG is on."""
    user_model = get_user_model()
    made = []
    for username, group, superuser in DEMO_USERS:
        user, created = user_model.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        if group is not None:
            user.groups.add(Group.objects.get(name=group))
        role = "superuser" if superuser else f"group {group}"
        made.append((username, f"{role} ({'created' if created else 'password reset'})"))
    return made
