"""Run one management command and print how long it took, leaving out start-up.

    python bench/timed.py import_claims /tmp/claims.csv --status published

Python, Django and the database connection start before the clock does: start-up (about a
second) is the same at every size and would swamp the rates of small runs. The last lines
of the output are `seconds: S` (wall time) and `cpu: C` (this process's CPU time), both for
the command alone; the command's own output comes before them. bench/run.py reads them,
and takes peak memory from the whole process.
"""

import os
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
    started, cpu = time.perf_counter(), time.process_time()
    call_command(command, *args)
    print(f"seconds: {time.perf_counter() - started:.3f}")
    print(f"cpu: {time.process_time() - cpu:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
