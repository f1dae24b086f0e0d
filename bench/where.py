"""Where a command's time goes: each thread's CPU, its wait for a core, and its time blocked (Linux).

    python bench/where.py import_claims /tmp/news-100000.csv

Runs one management command as bench/timed.py does (start-up left out) and meanwhile reads, ten
times a second, the scheduler's figures in /proc (`schedstat`: time on a CPU, time ready to run
but waiting for one) of this process's threads, of its child processes (an import's checking
process) and of the PostgreSQL backend serving its connection when the server runs here. It then
prints, for each, the wall time it was seen, its CPU time, its wait for a core, and the rest:
blocked, waiting for the database, another thread, a pipe or Python's lock.

On two cores an import keeps three or four of these busy: a thread with much "waiting for a
core" is slowed by the machine being full, one with much "blocked" by waiting for another part.
bench/README.md ("Session 10") shows how the figures were read. Elsewhere than Linux it prints
nothing but the command's own output.
"""

import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timed import prepared  # noqa: E402

INTERVAL = 0.1  # seconds between readings


def _schedstat(path: Path) -> tuple[int, int] | None:
    """(nanoseconds on a CPU, nanoseconds waiting for one) of a thread or process; None once it is gone."""
    try:
        on_cpu, waiting, _ = path.read_text().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu), int(waiting)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`.

    Only processes numbered after it are read (a child's number is higher, until the numbers wrap
    around): each file read lets a busy thread take Python's lock back, for 5 ms by default.
    """
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) > pid:
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


class Watch:
    """Readings of every thread seen: the first and the last, with the times they were taken."""

    def __init__(self, backend: int | None):
        self.backend = backend
        self.first: dict[str, tuple[float, tuple[int, int]]] = {}
        self.last: dict[str, tuple[float, tuple[int, int]]] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="where-watch", daemon=True)

    def _sources(self) -> list[tuple[str, Path]]:
        me = os.getpid()
        names = {thread.native_id: thread.name for thread in threading.enumerate()}
        sources = [(f"this process: {names.get(int(task.name), 'thread ' + task.name)}", task / "schedstat")
                   for task in Path(f"/proc/{me}/task").iterdir() if int(task.name) != threading.get_native_id()]
        sources += [(f"child process {child}", Path(f"/proc/{child}/schedstat")) for child in _children(me)]
        if self.backend is not None:
            sources.append((f"database backend {self.backend}", Path(f"/proc/{self.backend}/schedstat")))
        return sources

    def _run(self) -> None:
        while not self.done.is_set():
            now = time.perf_counter()
            for name, path in self._sources():
                reading = _schedstat(path)
                if reading is not None:
                    self.first.setdefault(name, (now, reading))
                    self.last[name] = (now, reading)
            self.done.wait(INTERVAL)

    def figures(self) -> dict[str, tuple[float, float, float, float]]:
        """(seen, CPU, waiting for a core, blocked) in seconds, by thread or process seen for at least INTERVAL."""
        found = {}
        for name, (ended, (cpu, waited)) in self.last.items():
            started, (cpu_then, waited_then) = self.first[name]
            wall, cpu, waited = ended - started, (cpu - cpu_then) / 1e9, (waited - waited_then) / 1e9
            if wall >= INTERVAL:
                found[name] = (wall, cpu, waited, max(wall - cpu - waited, 0.0))
        return found

    def report(self) -> None:
        print(f"{'':40} {'seen s':>7} {'CPU s':>7} {'waiting for a core s':>21} {'blocked s':>10}")
        for name, (wall, cpu, waited, blocked) in self.figures().items():
            print(f"{name:40} {wall:>7.2f} {cpu:>7.2f} {waited:>21.2f} {blocked:>10.2f}")


def main(argv: list[str]) -> None:
    command, args, backend = prepared(argv)  # as bench/timed.py: start-up is left out
    from django.core.management import call_command

    watch = Watch(backend) if sys.platform == "linux" else None
    if watch is not None:
        watch.thread.start()
    started = time.perf_counter()
    call_command(command, *args)
    print(f"seconds: {time.perf_counter() - started:.3f}")
    if watch is not None:
        watch.done.set()
        watch.thread.join()
        watch.report()


if __name__ == "__main__":
    main(sys.argv[1:])
