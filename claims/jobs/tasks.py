"""What a job can do: each task takes the job, a progress counter and its own keyword arguments.

A task returns what its job produced (JSON) or raises JobFailed with errors a person can act on.
Paths name files as the worker sees them: on several machines, a shared volume (README "Jobs").
"""

import csv
import io
from pathlib import Path

from claims.contradictions import contradictions_recompute_all
from claims.interchange import ImportFailed, export_claims, export_contradictions, format_for, import_claims
from claims.jobs.runner import JobFailed
from claims.models import Topic


def count_rows(fmt: str, *, text: str | None = None, path: str | Path | None = None) -> int | None:
    """Return the number of records in an interchange file's text or at its path; None where it cannot be read.

    (The import that follows says what is wrong with such a file, row by row.)
    """
    try:
        with io.StringIO(text) if path is None else open(path, encoding="utf-8-sig", newline="") as handle:
            if fmt == "csv":
                return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
            return sum(1 for line in handle if line.strip())
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def import_file(*, job, progress, path: str | None = None, fmt: str | None = None, status: str | None = None):
    """Import the file at `path`, or the job's uploaded text, in one transaction: every row or none."""
    source = path if path is not None else io.StringIO(job.payload)
    fmt = format_for(path if path is not None else "upload", fmt)
    try:
        progress(0, total=count_rows(fmt, text=job.payload, path=path))
        result = import_claims(source, fmt=fmt, status=status, user=job.submitted_by, progress=progress)
    except ImportFailed as exc:
        raise JobFailed([str(error) for error in exc.errors]) from None
    except OSError as exc:
        raise JobFailed([f"{path}: {exc.strerror or exc}"]) from None
    return {"created": result.created, "updated": result.updated, "contradictions": dict(result.contradictions)}


import_file.all_or_nothing = True  # the job is finished in the import's own transaction


def export_file(*, job, progress, what: str, path: str):
    """Write every claim (what="claims") or every flag (what="contradictions") to `path`."""
    export = {"claims": export_claims, "contradictions": export_contradictions}[what]
    try:
        count = export(path)
    except OSError as exc:
        raise JobFailed([f"cannot write {path}: {exc.strerror or exc}"]) from None
    progress(count, total=count)
    return {"path": str(path), "count": count}


def recompute(*, job, progress):
    """Rebuild every topic's contradiction flags, topic by topic."""
    topics = Topic.objects.order_by("pk")
    progress(0, total=topics.count())
    counts = contradictions_recompute_all(topics=topics, progress=lambda topic: progress(1))
    return {"contradictions": dict(counts)}


def extract_documents(*, job, progress, paths: list[str], output: str, date: str | None = None):
    """Find the candidate claims in many articles' texts; write them to `output` as JSON Lines, each with its path.

    Each line is what `extract_claims` prints for the article (the candidate, with `also` the later
    printings of a statement printed twice, then what the archive holds of it: claimant_id, repeats,
    topic_suggestions), with the article's `path` first. An empty `paths` reads the job's uploaded
    text (the command's standard input), under the path "-".
    `date` (YYYY-MM-DD) bounds the repeats as `extract_claims --date` does.
    """
    import datetime

    import orjson

    from claims.extraction import extract_claims
    from claims.matching import candidate_lines
    from claims.selectors import known_sides_and_actors

    stated_on = datetime.date.fromisoformat(date) if date else None
    sides, actors = known_sides_and_actors()
    progress(0, total=len(paths) or 1)
    found = 0
    errors = []
    with open(output, "wb") as out:
        for path in paths or ["-"]:
            try:
                text = job.payload if path == "-" and not paths else Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(f"{path}: {getattr(exc, 'strerror', None) or exc}")
                continue
            candidates = extract_claims(text, sides=sides, actors=actors)
            for line in candidate_lines(candidates, stated_on=stated_on):
                out.write(orjson.dumps({"path": path, **line}) + b"\n")
                found += 1
            progress(1)
    if errors:
        raise JobFailed(errors)
    return {"path": output, "documents": len(paths) or 1, "candidates": found}
