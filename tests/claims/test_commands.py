"""The commands import_claims, export_claims, export_contradictions and recompute_contradictions (DESIGN §7)."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.contradictions import contradiction_dismiss
from claims.interchange import COLUMNS
from claims.models import Claim, Contradiction
from claims.services import claim_update

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"
FLAGS_CSV = DATA / "flags.csv"
BAD_CSV = DATA / "bad.csv"
FLAGS_SUMMARY = "3 (figure_mismatch: 2, denial: 1)"


def run(*args, **options) -> tuple[str, str]:
    """Run a command; return what it wrote to stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def table_counts() -> dict[str, int]:
    models = apps.get_models(include_auto_created=True)
    return {model._meta.db_table: model._default_manager.count() for model in models}


@pytest.fixture
def flagged(db):
    """flags.csv imported: two figure mismatches (one infinitely apart) and a denial."""
    run("import_claims", str(FLAGS_CSV))


def test_import_claims_prints_what_it_created_updated_and_found(db):
    """import_claims reports created and updated claims and the flags in the topics it touched, by kind."""
    out, err = run("import_claims", str(FLAGS_CSV))
    assert (out, err) == (f"Created 6 claims, updated 0; contradictions found: {FLAGS_SUMMARY}\n", "")
    assert Claim.objects.count() == 6

    out, err = run("import_claims", str(FLAGS_CSV), "--no-progress")
    assert (out, err) == (f"Created 0 claims, updated 6; contradictions found: {FLAGS_SUMMARY}\n", "")
    assert Claim.objects.count() == 6


def test_import_claims_status_overrides_every_row(db):
    """--status gives every imported claim that status, whatever its row says; the label reads too."""
    run("import_claims", str(FLAGS_CSV), "--status", "In review")
    assert set(Claim.objects.values_list("status", flat=True)) == {"in_review"}


def test_import_claims_prints_every_bad_row_and_fails(db):
    """A bad file: every bad row on stderr as `row N, column C: reason`, a non-zero exit, nothing written."""
    before = table_counts()
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_claims", str(BAD_CSV), stdout=out, stderr=err)

    assert failed.value.returncode == 1
    assert str(failed.value) == f"4 error(s) in 2 row(s) of {BAD_CSV}; nothing was imported."
    assert err.getvalue().splitlines() == [
        "row 3, column stated_on: numeric date '22.10.2020' is not read (only YYYY-MM-DD is): write 2020-10-22"
        " or 22 October 2020",
        "row 4, column status: unknown status 'live'; expected one of draft, in_review, published, retracted"
        " (value or label, any case)",
        'row 4, column figure: cannot read "several thousand" as a figure: "several" has no agreed number; only '
        "tens, dozens, hundreds and thousands are read as vague counts",
        "row 4, column source_url: required (give source_url or source_title)",
    ]
    assert out.getvalue() == ""
    assert table_counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "missing.csv: no such file"),
        ([str(DATA)], f"cannot tell the format of “{DATA}”: name it .csv or .jsonl (JSON Lines)"),
        ([str(FLAGS_CSV), "--status", "live"], "argument --status: unknown status 'live'; expected one of draft,"),
    ],
    ids=["missing file", "unknown extension", "unknown status"],
)
def test_import_claims_refuses_bad_arguments(db, args, message):
    """A missing file, an unknown format or an unknown status is a command error saying which."""
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)")):
        run("import_claims", *args)
    assert Claim.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_claims_writes_the_interchange_format(flagged, tmp_path, fmt):
    """export_claims writes every claim with the interchange columns and says how many."""
    path = tmp_path / f"claims.{fmt}"
    out, _ = run("export_claims", str(path))
    assert out == f"Exported 6 claims to {path}\n"
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        assert list(rows[0]) == COLUMNS
    else:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert all(list(row) == COLUMNS for row in rows)
    assert [row["external_id"] for row in rows] == [
        "deaths-am",
        "deaths-az",
        "civilians-az",
        "civilians-am",
        "terter-az",
        "terter-am",
    ]


def test_export_commands_refuse_bad_paths(db, tmp_path):
    """An unknown extension or an unwritable path is a command error, not a traceback."""
    with pytest.raises(CommandError, match="name it .csv or .jsonl"):
        run("export_claims", str(tmp_path / "claims.txt"))
    with pytest.raises(CommandError, match="cannot write .*: No such file or directory"):
        run("export_contradictions", str(tmp_path / "missing" / "flags.csv"))


def test_export_contradictions_csv(flagged, tmp_path):
    """export_contradictions writes kind, topic slug, both external_ids, severity ('inf' if infinite) and the rest."""
    path = tmp_path / "flags.csv"
    out, _ = run("export_contradictions", str(path))
    assert out == f"Exported 3 contradictions to {path}\n"
    explanation = dict(Contradiction.objects.values_list("claim_a__external_id", "explanation"))
    assert path.read_text(encoding="utf-8").splitlines()[0] == "kind,topic,claim_a,claim_b,severity,explanation,status"
    assert list(csv.DictReader(path.open(encoding="utf-8", newline=""))) == [
        {
            "kind": "figure_mismatch",
            "topic": "civilians-killed-in-stepanakert",
            "claim_a": "civilians-az",
            "claim_b": "civilians-am",
            "severity": "inf",
            "explanation": explanation["civilians-az"],
            "status": "open",
        },
        {
            "kind": "figure_mismatch",
            "topic": "military-deaths-armenia",
            "claim_a": "deaths-am",
            "claim_b": "deaths-az",
            "severity": "2.5",
            "explanation": explanation["deaths-am"],
            "status": "open",
        },
        {
            "kind": "denial",
            "topic": "shelling-of-terter",
            "claim_a": "terter-az",
            "claim_b": "terter-am",
            "severity": "",
            "explanation": explanation["terter-az"],
            "status": "open",
        },
    ]


def test_export_contradictions_jsonl_gives_infinity_as_null_with_a_label(flagged, tmp_path):
    """In JSON Lines an infinite severity is null with severity_label "∞"; a proposition flag has null and ""."""
    path = tmp_path / "flags.jsonl"
    run("export_contradictions", str(path))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    explanation = dict(Contradiction.objects.values_list("claim_a__external_id", "explanation"))
    assert rows == [
        {
            "kind": "figure_mismatch",
            "topic": "civilians-killed-in-stepanakert",
            "claim_a": "civilians-az",
            "claim_b": "civilians-am",
            "severity": None,
            "explanation": explanation["civilians-az"],
            "status": "open",
            "severity_label": "∞",
        },
        {
            "kind": "figure_mismatch",
            "topic": "military-deaths-armenia",
            "claim_a": "deaths-am",
            "claim_b": "deaths-az",
            "severity": 2.5,
            "explanation": explanation["deaths-am"],
            "status": "open",
            "severity_label": "2.5×",
        },
        {
            "kind": "denial",
            "topic": "shelling-of-terter",
            "claim_a": "terter-az",
            "claim_b": "terter-am",
            "severity": None,
            "explanation": explanation["terter-az"],
            "status": "open",
            "severity_label": "",
        },
    ]


def test_recompute_contradictions_rebuilds_every_flag_and_prints_counts(flagged):
    """recompute_contradictions rebuilds flags that went missing and prints the counts by kind."""
    Contradiction.objects.all().delete()
    out, err = run("recompute_contradictions")
    assert (out, err) == (f"Recomputed 3 topics; contradictions: {FLAGS_SUMMARY}\n", "")
    assert sorted(Contradiction.objects.values_list("kind", "claim_a__external_id")) == [
        ("denial", "terter-az"),
        ("figure_mismatch", "civilians-az"),
        ("figure_mismatch", "deaths-am"),
    ]
    assert set(Claim.objects.filter(contested=True).values_list("external_id", flat=True)) == {
        "deaths-am",
        "deaths-az",
        "civilians-az",
        "civilians-am",
    }


def test_recompute_contradictions_keeps_a_dismissal_until_a_rule_input_changes(flagged, reviewer):
    """A dismissal survives recomputation and a typo fix; a changed figure reopens it at the next recompute."""
    flag = Contradiction.objects.get(claim_a__external_id="deaths-am")
    contradiction_dismiss(contradiction=flag, user=reviewer, note="Different definitions of losses")
    claim = Claim.objects.get(external_id="deaths-az")

    run("recompute_contradictions", "--no-progress")
    claim = claim_update(claim=claim, user=None, statement="Typo fixed.", refresh_contradictions=False)
    run("recompute_contradictions")
    flag.refresh_from_db()
    assert (flag.status, flag.reviewed_by, flag.note) == ("dismissed", reviewer, "Different definitions of losses")
    assert Claim.objects.get(external_id="deaths-am").contested is False

    claim_update(claim=claim, user=None, figure="more than 6,000", refresh_contradictions=False)
    out, _ = run("recompute_contradictions")
    assert out == f"Recomputed 3 topics; contradictions: {FLAGS_SUMMARY}\n"
    reopened = Contradiction.objects.get(pk=flag.pk)
    assert (reopened.status, reopened.reviewed_by, reopened.note, reopened.severity) == ("open", None, "", 3.0)
    assert Claim.objects.get(external_id="deaths-am").contested is True


LABELLED = {
    "external_id": "labels-1",
    "topic": "Civilian deaths",
    "topic_kind": "Figure",
    "claimant": "Azerbaijani prosecutors",
    "claimant_kind": "Unnamed group",
    "side": "Azerbaijan",
    "stated_on": "5 March 2024",
    "statement": "At least 12 civilians died.",
    "attribution": "Anonymous Source",
    "stance": "ASSERTS",
    "qualifier": "at least",
    "value": "12",
    "as_of": "March 4, 2024",
    "source_title": "Prosecutor's statement",
    "published_on": "5 Mar 2024",
    "status": "In review",
    "verdict": "Mostly_Accurate",
}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_import_claims_reads_labels_and_written_dates_in_every_column(db, tmp_path, fmt):
    """Every choice column takes the admin's labels in any case, every date column a written date."""
    path = tmp_path / f"labels.{fmt}"
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(LABELLED))
            writer.writeheader()
            writer.writerow(LABELLED)
    else:
        path.write_text(json.dumps(LABELLED) + "\n", encoding="utf-8")

    out, err = run("import_claims", str(path), "--no-progress")

    assert err == ""
    claim = Claim.objects.select_related("topic", "claimant").get(external_id="labels-1")
    document = claim.appearances.get().document
    assert (
        claim.topic.kind,
        claim.claimant.kind,
        claim.attribution,
        claim.stance,
        claim.qualifier,
        claim.status,
        claim.verdict,
        claim.stated_on.isoformat(),
        claim.as_of.isoformat(),
        document.published_on.isoformat(),
    ) == (
        "figure",
        "unnamed_group",
        "anonymous",
        "asserts",
        "at_least",
        "in_review",
        "mostly_accurate",
        "2024-03-05",
        "2024-03-04",
        "2024-03-05",
    )


def test_import_claims_refuses_an_ambiguous_date_saying_what_to_write(db, tmp_path):
    """05/03/2024 is an error naming both readings; nothing is written."""
    path = tmp_path / "ambiguous.jsonl"
    path.write_text(json.dumps({**LABELLED, "stated_on": "05/03/2024"}) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_claims", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 1, column stated_on: ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024;"
        " write 2024-03-05 or 2024-05-03 (YYYY-MM-DD), or the month in words"
    ]
    assert not Claim.objects.exists()


def many_bad_rows(tmp_path, count: int) -> Path:
    """A file whose rows 2..count+1 all give the same unknown stance, and whose last row also has a bad date."""
    rows = [{**LABELLED, "external_id": f"bad-{i}", "stance": "claims"} for i in range(count)]
    rows[-1]["stated_on"] = "05/03/2024"
    path = tmp_path / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(LABELLED))
        writer.writeheader()
        writer.writerows(rows)
    return path


STANCE = "unknown stance 'claims'; expected one of asserts, denies (value or label, any case)"


def test_import_claims_summarises_many_errors_by_column_and_reason(db, tmp_path):
    """Past 20 errors: the kinds with their rows first, then the first 20 `row N, column C: reason` lines."""
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"31 error\(s\) in 30 row\(s\)"):
        call_command("import_claims", str(many_bad_rows(tmp_path, 30)), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[:4] == [
        "31 errors of 2 kinds (by column and reason):",
        "  rows 2–31, column stance: " + STANCE,
        "  row 31, column stated_on: ambiguous date '05/03/2024': it may be 5 March 2024 or 3 May 2024;"
        " write 2024-03-05 or 2024-05-03 (YYYY-MM-DD), or the month in words",
        "The first 20 of them:",
    ]
    assert lines[4:24] == [f"row {n}, column stance: {STANCE}" for n in range(2, 22)]
    assert lines[24:] == ["... and 11 more (--all-errors prints every one)"]


def test_import_claims_all_errors_prints_every_line(db, tmp_path):
    """--all-errors prints one `row N, column C: reason` line per error, however many (DESIGN §10)."""
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_claims", str(many_bad_rows(tmp_path, 30)), "--all-errors", stdout=io.StringIO(), stderr=err
        )
    lines = err.getvalue().splitlines()
    assert len(lines) == 31
    assert lines[0] == f"row 2, column stance: {STANCE}"
    assert lines[-1].startswith("row 31, column stance: ") or lines[-1].startswith("row 31, column stated_on: ")


def test_the_recompute_progress_bar_starts_no_thread():
    """At a terminal the bar is shown; tqdm's monitor thread would keep the recompute from sharing its work
    with forked processes (claims.contradictions._workers forks only from a process of one thread)."""
    import io
    import threading

    from claims.management.commands.recompute_contradictions import ProgressBar

    before = set(threading.enumerate())
    with ProgressBar(total=3, file=io.StringIO(), disable=False) as bar:
        bar.update()
        started = set(threading.enumerate()) - before
    assert started == set()
