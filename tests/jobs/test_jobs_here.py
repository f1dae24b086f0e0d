"""Jobs without REDIS_URL: each runs in the process that submits it, and its record says how it ended."""

import io
import json
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from claims.jobs.models import Job
from claims.jobs.queue import fail_abandoned, submit
from claims.jobs.runner import run, this_process
from claims.models import Claim, Topic

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"


def command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_background_import_without_redis_runs_here_and_records_the_job():
    """--background without a queue imports at once, prints the job's id and result, and `jobs ID` shows it."""
    out = command("import_claims", str(DATA / "claims.csv"), "--background")

    job = Job.objects.get()
    assert out.startswith(f"Job {job.pk} finished (run here: no REDIS_URL): Import claims.csv; result: ")
    assert (job.state, job.done, job.total, job.background) == (Job.State.FINISHED, 16, 16, False)
    assert job.result["created"] == Claim.objects.count() == 16
    shown = json.loads(command("jobs", str(job.pk)))
    assert {key: shown[key] for key in ("id", "state", "progress", "errors")} == {
        "id": job.pk, "state": "finished", "progress": "16 of 16", "errors": []}
    assert shown["result"] == job.result


def test_a_failed_background_import_writes_nothing_and_lists_the_errors():
    """A bad file fails its job with every bad row in its errors, and no claim is written."""
    with pytest.raises(CommandError, match=r"^Job \d+ failed"):
        command("import_claims", str(DATA / "bad.csv"), "--background")

    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert job.errors and all(error.startswith("row ") for error in job.errors)
    assert Claim.objects.count() == 0


def test_export_and_recompute_run_as_jobs(tmp_path):
    """The export and recompute commands take --background too, and record what they produced."""
    command("import_claims", str(DATA / "claims.csv"))
    target = tmp_path / "all.jsonl"

    command("export_claims", str(target), "--background")
    command("recompute_contradictions", "--background")

    export, recompute = Job.objects.order_by("pk")
    assert export.result == {"path": str(target), "count": 16}
    assert len(target.read_text().splitlines()) == 16
    assert recompute.state == Job.State.FINISHED
    assert (recompute.done, recompute.total) == (Topic.objects.count(),) * 2
    assert sum(recompute.result["contradictions"].values()) > 0


def test_a_job_runs_once():
    """Running a job that has already run does nothing: a job is never run twice."""
    job = submit("claims.jobs.tasks.import_file", title="Import", path=str(DATA / "claims.csv"))
    assert job.state == Job.State.FINISHED
    Claim.objects.all().delete()

    run(job.pk)

    assert Claim.objects.count() == 0
    assert Job.objects.get(pk=job.pk).state == Job.State.FINISHED


def test_a_job_whose_process_died_is_failed():
    """A running job whose process on this machine is gone is marked failed, saying nothing was kept."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = this_process().rpartition(":")[0]
    gone = Job.objects.create(task="claims.jobs.tasks.recompute", title="Recompute", state=Job.State.RUNNING,
                              runner=f"{host}:{dead.stdout.strip()}")
    alive = Job.objects.create(task="claims.jobs.tasks.recompute", title="Recompute", state=Job.State.RUNNING,
                               runner=this_process())

    assert fail_abandoned() == 1

    gone.refresh_from_db()
    assert gone.state == Job.State.FAILED
    assert "nothing it was writing was kept" in gone.errors[0]
    assert Job.objects.get(pk=alive.pk).state == Job.State.RUNNING


def test_jobs_lists_the_latest():
    """`jobs` without an id lists the latest jobs, newest first, with state and progress."""
    command("import_claims", str(DATA / "claims.csv"), "--background")
    command("recompute_contradictions", "--background")

    lines = command("jobs").splitlines()

    assert [line.split()[1] for line in lines] == ["finished", "finished"]
    assert lines[1].endswith("Import claims.csv") and "16 of 16" in lines[1]


def test_jobs_refuses_an_unknown_id():
    """An unknown job id is a clear error, not a traceback."""
    with pytest.raises(CommandError, match="no job 999"):
        command("jobs", "999")


def test_worker_needs_redis():
    """Without REDIS_URL there is no queue: `worker` says so rather than waiting for nothing."""
    with pytest.raises(CommandError, match="REDIS_URL is not set"):
        command("worker")


def test_editors_see_their_jobs_in_the_admin(client, editor):
    """The jobs page lists each job with its state and progress, and shows a job's errors; editors may read it."""
    with pytest.raises(CommandError):
        command("import_claims", str(DATA / "bad.csv"), "--background")
    job = Job.objects.get()
    client.force_login(editor)

    listing = client.get(reverse("admin:jobs_job_changelist"))
    page = client.get(reverse("admin:jobs_job_change", args=[job.pk]))

    assert listing.status_code == page.status_code == HTTPStatus.OK
    assert "Import bad.csv" in listing.text and "Failed" in listing.text
    assert job.errors[0].replace('"', "&quot;").replace("'", "&#x27;") in page.text


ARTICLE = DATA.parents[0] / "articles" / "congo_goma.txt"


def test_background_extraction_without_redis_runs_here_and_writes_the_printed_lines(tmp_path):
    """extract_claims --background runs the job here without a queue; its file holds the lines the command prints."""
    output = tmp_path / "candidates.jsonl"

    printed = command("extract_claims", str(ARTICLE), "--date", "2025-01-27")
    out = command("extract_claims", str(ARTICLE), "--date", "2025-01-27", "--background", "--output", str(output))

    job = Job.objects.get()
    written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert out.startswith(f"Job {job.pk} finished (run here: no REDIS_URL): Extract claims from congo_goma.txt; ")
    assert (job.state, job.done, job.total, job.background) == (Job.State.FINISHED, 1, 1, False)
    assert job.result == {"path": str(output), "documents": 1, "candidates": len(written)}
    assert written, "the article has attributed claims"
    assert [line.pop("path") for line in written] == [str(ARTICLE.resolve())] * len(written)
    assert written == [json.loads(line) for line in printed.splitlines()]


def test_background_extraction_takes_standard_input_with_the_job(tmp_path, monkeypatch):
    """`extract_claims - --background` reads the article here and sends its text with the job."""
    output = tmp_path / "candidates.jsonl"
    monkeypatch.setattr("sys.stdin", io.StringIO(ARTICLE.read_text(encoding="utf-8")))

    command("extract_claims", "-", "--background", "--output", str(output))

    job = Job.objects.get()
    lines = output.read_text(encoding="utf-8").splitlines()
    assert job.state == Job.State.FINISHED and job.result["candidates"] == len(lines) > 0
    assert {json.loads(line)["path"] for line in lines} == {"-"}
    assert job.payload == ""  # the text is not kept once the job is done


def test_background_extraction_needs_an_output_file_and_a_readable_article(tmp_path):
    """A job cannot print here, so --background without --output is refused; a missing article is refused at once."""
    with pytest.raises(CommandError, match="--background needs --output FILE"):
        command("extract_claims", str(ARTICLE), "--background")
    with pytest.raises(CommandError, match="cannot read"):
        command("extract_claims", str(tmp_path / "none.txt"), "--background", "--output", str(tmp_path / "o.jsonl"))
    assert not Job.objects.exists()
