"""Two writers at once: updates through the API and imports of overlapping files (PostgreSQL only).

SQLite takes one writer at a time for the whole database, so these races exist on PostgreSQL alone.
"""

import csv
import datetime
import os
import subprocess
import sys
import threading
from collections import Counter
from http import HTTPStatus

import pytest
import requests
from django.db import connection
from rest_framework.authtoken.models import Token

from claims.models import Claim, Topic
from sources.models import Actor, Document, Outlet, Side
from tests.factories import ClaimFactory
from tests.reliability.servers import ROOT

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UPDATES = 200


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises all writers")


def run_together(*jobs, timeout=120):
    """Start every job at the same moment in its own thread; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 -- the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), f"still running after {timeout} s: a deadlock?"
    return results


def test_two_clients_updating_one_claim(live_server, editor, other_editor):
    """200 updates each at once: every one is applied or refused with 409, the history holds each applied one once."""
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, statement="start", created_by=editor)
    url = f"{live_server.url}/api/claims/{claim.pk}/"

    def client(user, name):
        def job():
            session = requests.Session()
            session.headers["Authorization"] = f"Token {Token.objects.create(user=user).key}"
            version, applied, refused, odd = 1, {}, 0, []
            for n in range(UPDATES):
                statement = f"{name} {n}"
                response = session.patch(url, json={"version": version, "statement": statement}, timeout=30)
                if response.status_code == HTTPStatus.OK:
                    version = response.json()["version"]
                    applied[version] = statement
                elif response.status_code == HTTPStatus.CONFLICT:
                    version = response.json()["current_version"]
                    refused += 1
                else:
                    odd.append((response.status_code, response.text[:200]))
            return applied, refused, odd
        return job

    (applied_a, refused_a, odd_a), (applied_b, refused_b, odd_b) = run_together(
        client(editor, "A"), client(other_editor, "B"))

    assert (odd_a, odd_b) == ([], [])
    assert (len(applied_a) + refused_a, len(applied_b) + refused_b) == (UPDATES, UPDATES)
    assert not applied_a.keys() & applied_b.keys()  # No version was handed out twice.
    applied = applied_a | applied_b
    claim.refresh_from_db()
    assert claim.version == 1 + len(applied)
    assert claim.statement == applied[claim.version]
    changes = list(claim.history.filter(history_type="~").order_by("version").values_list("version", "statement"))
    assert changes == sorted(applied.items())  # Each applied update once, in order; none lost, none extra.
    print(f"applied {len(applied_a)} + {len(applied_b)}, refused with 409 {refused_a} + {refused_b}")


def write_file(path, first, last):
    """Claims ext-first..ext-last on shared topics, sides, actors, outlets and documents not yet in the database."""
    columns = ["external_id", "topic", "claimant", "side", "stated_on", "figure", "source_url", "source_title",
               "outlet", "status"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for n in range(first, last + 1):
            day = datetime.date(2020, 10, 1) + datetime.timedelta(days=n % 20)
            writer.writerow([
                f"ext-{n}", f"Topic {n % 7}", f"Speaker {n % 5}", ["Armenia", "Azerbaijan", "Russia"][n % 3],
                day.isoformat(), f"{100 + 37 * n:,}", f"https://example.org/doc-{n % 11}", f"Document {n % 11}",
                f"Outlet {n % 4}", "published",
            ])
            if n % 10 == 0:  # The same name in other case: still the same side, as the importer matches it.
                writer.writerow([f"ext-{n}b", f"topic {n % 7}", f"speaker {n % 5}", "ARMENIA", day.isoformat(),
                                 "about 2,000", f"https://example.org/doc-{n % 11}", f"Document {n % 11}",
                                 f"outlet {n % 4}", "draft"])
    return path


def test_two_imports_of_overlapping_files(tmp_path):
    """Two processes import files sharing 100 claims and every name at once: no duplicates, deadlock or raw error.

    Processes, not threads, as two gunicorn workers or two cron jobs would: threads of one process
    take turns on the GIL and hide the race.
    """
    first = write_file(tmp_path / "first.csv", 1, 200)
    second = write_file(tmp_path / "second.csv", 101, 300)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    db = connection.settings_dict
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings",
               DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    imports = [subprocess.Popen([sys.executable, "manage.py", "import_claims", str(path), "--no-progress"], cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for path in (first, second)]
    outcomes = [process.communicate(timeout=120) + (process.returncode,) for process in imports]

    # Both land, or one is refused with the importer's own message (and wrote nothing): never a traceback.
    assert [err for _, err, _ in outcomes if "Traceback" in err] == []
    assert [code for _, _, code in outcomes].count(0) >= 1, outcomes
    both = all(code == 0 for _, _, code in outcomes)
    assert Claim.objects.count() == (300 + 30 if both else 200 + 20)
    for model, fields in ((Side, ["name"]), (Actor, ["name", "side"]), (Outlet, ["name"]), (Topic, ["name"]),
                          (Document, ["url"])):
        keys = Counter(tuple(str(getattr(obj, field)).lower() for field in fields) for obj in model.objects.all())
        assert [key for key, count in keys.items() if count > 1] == [], model.__name__
    assert Side.objects.count() == 3
    assert Topic.objects.count() == 7
