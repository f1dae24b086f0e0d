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


def test_a_busy_thread_shows_its_cpu_and_a_sleeping_one_shows_blocked():
    sleeper = threading.Thread(target=time.sleep, args=(0.8,), name="sleeper")
    watch = Watch(backend=None)
    watch.thread.start()
    sleeper.start()
    _busy(0.6)
    sleeper.join()
    watch.done.set()
    watch.thread.join()
    figures = watch.figures()

    seen, cpu, waited, blocked = figures["this process: MainThread"]
    assert cpu >= 0.4  # the busy loop, less what fell between readings
    assert cpu + waited + blocked == pytest.approx(seen, abs=0.05)
    _, sleeper_cpu, _, sleeper_blocked = figures["this process: sleeper"]
    assert sleeper_cpu < 0.05
    assert sleeper_blocked >= 0.5
    assert "this process: where-watch" not in figures  # the watching thread leaves itself out
