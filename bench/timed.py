"""Run one management command and print how long it took, leaving out start-up.

    python bench/timed.py import_claims /tmp/claims.csv --status published

Python, Django and the database connection start before the clock does: start-up (about a
second) is the same at every size and would swamp the rates of small runs. The last lines
of the output are `seconds: S` (wall time), `cpu: C` (CPU time of this process and of the
children it started, such as an import's checking process), both for the command alone, and
`peak_mb: M` (this process's peak resident memory, plus its children's when it had any: the
two peaks added up, an upper bound). The command's own output comes before them; bench/run.py
reads them.
"""

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import call_command, get_commands, load_command_class
    from django.db import connection

    django.setup()
    name, *args = argv
    command = load_command_class(get_commands()[name], name)
    connection.ensure_connection()
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    call_command(command, *args)
    print(f"seconds: {time.perf_counter() - started:.3f}")
    print(f"cpu: {time.process_time() - cpu + _children_cpu() - children:.3f}")
    # A large import checks its file in a forked process: both processes' peaks, added up.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if _children_cpu() > children:
        peak_kb += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak_mb: {peak_kb / 1024:.1f}")


def _children_cpu() -> float:
    """CPU time of the command's child processes that have ended (the import's checking process)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main(sys.argv[1:])
