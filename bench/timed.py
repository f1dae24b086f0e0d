"""Run one management command and print how long it took, leaving out start-up.

    python bench/timed.py import_claims /tmp/claims.csv --status published

Python, Django and the database connection start before the clock does: start-up (about a
second) is the same at every size and would swamp the rates of small runs. The last lines
of the output are `seconds: S` (wall time), `cpu: C` (CPU time of this process and of the
children it started, such as an import's checking process), both for the command alone,
`db_cpu: D` (the CPU time of the database server's process serving this connection, when the
server runs on this machine and /proc shows it; absent elsewhere), and `peak_mb: M` (this
process's peak resident memory, plus its children's when it had any: the two peaks added up,
an upper bound). The command's own output comes before them; bench/run.py
reads them.
"""

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepared(argv: list[str]):
    """Set Django up, load the management command `argv` names and connect, so that none of it is timed.

    Return the command, its arguments, and the process id of the database server's backend
    serving the connection (None elsewhere than PostgreSQL). bench/where.py starts the same way.
    """
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import get_commands, load_command_class
    from django.db import connection

    django.setup()
    name, *args = argv
    command = load_command_class(get_commands()[name], name)
    connection.ensure_connection()
    return command, args, _backend_pid(connection)


def main(argv: list[str]) -> None:
    command, args, backend = prepared(argv)
    from django.core.management import call_command

    db_cpu = _process_cpu(backend)
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    call_command(command, *args)
    print(f"seconds: {time.perf_counter() - started:.3f}")
    print(f"cpu: {time.process_time() - cpu + _children_cpu() - children:.3f}")
    if db_cpu is not None and (db_cpu_after := _process_cpu(backend)) is not None:
        print(f"db_cpu: {db_cpu_after - db_cpu:.3f}")
    # A large import checks its file in a forked process: both processes' peaks, added up.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if _children_cpu() > children:
        peak_kb += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak_mb: {peak_kb / 1024:.1f}")


def _backend_pid(connection) -> int | None:
    """The process id of the PostgreSQL backend serving this connection (None on other databases)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _process_cpu(pid: int | None) -> float | None:
    """CPU seconds (user and system) a process of this machine has used, from /proc; None when unreadable.

    For the database server's backend: a command whose server runs beside it on two cores spends
    much of its wall time waiting for it, and this says how much work the server did for it.
    """
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    """CPU time of the command's child processes that have ended (the import's checking process)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main(sys.argv[1:])
