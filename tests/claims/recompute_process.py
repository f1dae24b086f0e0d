"""Run a recompute in a fresh process, as `recompute_contradictions` runs at the command line (tests only).

    python -m tests.claims.recompute_process DATABASE_NAME MODE

Processes share a recompute only where forking is safe: a process running one thread
(claims.contradictions._workers). A test process is not one: a browser test leaves pytest-django's
live server thread and Playwright's threads running, and a child forked beside them inherits
whatever they held (here, a connection's state: the child's queries failed with "server closed
the connection"). So the tests of sharing run the recompute here, in a process of one thread,
and read what it printed: one line of JSON.

MODE is "shared" (batches of one topic, two processes), "command" (the management command, the
same way), or "fails" (the forked process's batches raise).
"""

import io
import json
import os
import sys
import threading


def main(name: str, mode: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from claims import contradictions

    connections["default"].settings_dict["NAME"] = name  # the test's database, before the first query
    assert threading.active_count() == 1, "a recompute forks only from a process of one thread"
    contradictions._SHARE_CLAIMS = 1
    contradictions._SHARED_FROM = 0
    contradictions._workers = lambda: 2  # the two processes of a two-core machine, whatever this one has
    parent = os.getpid()
    if mode == "fails":
        real = contradictions._recompute

        def fails_in_a_child(batch):
            if os.getpid() != parent:
                raise ValueError("no such luck")
            return real(batch)

        contradictions._recompute = fails_in_a_child
    result: dict = {}
    try:
        if mode == "command":
            out = io.StringIO()
            call_command("recompute_contradictions", "--no-progress", stdout=out)
            result["output"] = out.getvalue()
        else:
            seen: list[int] = []
            counts = contradictions.contradictions_recompute_all(progress=lambda topic: seen.append(topic.pk))
            result.update(counts=dict(counts), seen=seen)
    except RuntimeError as exc:
        result["error"] = str(exc)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
