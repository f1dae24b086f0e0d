"""`load_demo [--with-users]`: the demo data set built from the seed articles (DESIGN §7, §10).

The claims live in `claims/demo/claims.csv`, in the interchange format, and go in through
`import_claims`, so re-running updates them by `external_id` instead of adding copies.
This command then sets what the format does not carry: side colours, outlet and document
details, and the report role of claims an article relays without naming the original.
"""

import csv
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from claims.demo import DEMO_CSV
from claims.interchange import ImportFailed, format_counts, import_claims
from claims.models import Appearance, Claim, Contradiction, Topic
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
        "Load the demo data set (claims/demo/claims.csv: every claim of the two seed articles) and flag its "
        "contradictions. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=f"Also create the accounts editor, reviewer and admin (superuser), password “{DEMO_PASSWORD}”. "
            "Only when DEBUG is on.",
        )

    def handle(self, *args, with_users, **options):
        if with_users and not settings.DEBUG:
            raise CommandError(
                f"--with-users creates accounts with the known password “{DEMO_PASSWORD}”, so it runs only when "
                "DEBUG is on. Nothing was loaded."
            )
        with transaction.atomic():
            _sides_colour()
            try:
                result = import_claims(DEMO_CSV)
            except ImportFailed as exc:
                raise CommandError(
                    f"{DEMO_CSV} does not import: " + "; ".join(str(error) for error in exc.errors)
                ) from None
            external_ids = _external_ids()
            _outlets_describe()
            _documents_describe()
            _relays_mark(external_ids)
            users = _users_create() if with_users else []
        if options["verbosity"] > 0:
            self._summary(result, external_ids)
            for username, what in users:
                self.stdout.write(f"Demo account {username} / {DEMO_PASSWORD}: {what}")

    def _summary(self, result, external_ids):
        claims = Claim.objects.filter(external_id__in=external_ids)
        topics = Topic.objects.filter(claims__in=claims).distinct()
        kinds = Contradiction.objects.filter(topic__in=topics).values("kind").annotate(n=Count("id"))
        counts = Counter({row["kind"]: row["n"] for row in kinds})
        self.stdout.write(
            f"Demo data loaded from {DEMO_CSV.name}: {claims.count()} claims "
            f"({result.created} created, {result.updated} updated) in {topics.count()} topics; "
            f"contradictions: {format_counts(counts)}; contested claims: {claims.contested().count()}."
        )


def _external_ids() -> list[str]:
    """Return the external_ids of the demo's claims, as the data file gives them."""
    with open(DEMO_CSV, encoding="utf-8", newline="") as handle:
        return [row["external_id"] for row in csv.DictReader(handle)]


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
