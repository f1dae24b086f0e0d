"""bench/where.py: each thread's time, read from the scheduler's figures in /proc (Linux only)."""

import sys
import threading
import time

import pytest

from bench.where import Watch

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc (Linux)")


def _busy(seconds: float) -> None:
    ends = time.process_time() + seconds
    while time.process_time() < ends:
        pass


@pytest.fixture
def switching_often():
    """Python's lock passed on every 0.5 ms, as an import's sending does: the watcher reads often while a thread
    is busy, rather than every 5 ms file by file."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    yield
    sys.setswitchinterval(interval)


def test_a_busy_thread_shows_its_cpu_and_a_sleeping_one_shows_blocked(switching_often):
    sleeper = threading.Thread(target=time.sleep, args=(1.0,), name="sleeper")
    watch = Watch(backend=None)
    watch.thread.start()
    sleeper.start()
    _busy(0.8)
    sleeper.join()
    watch.done.set()
    watch.thread.join()
    figures = watch.figures()

    # Only what happened between a thread's first and last reading counts: compare shares, not totals.
    seen, cpu, waited, blocked = figures["this process: MainThread"]
    assert cpu >= 0.5 * seen  # busy most of the time it was watched
    assert cpu + waited + blocked == pytest.approx(seen, abs=0.05)
    seen, cpu, _, blocked = figures["this process: sleeper"]
    assert cpu < 0.05
    assert blocked >= 0.8 * seen
    assert "this process: where-watch" not in figures  # the watching thread leaves itself out
