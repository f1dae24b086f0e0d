"""A background job's heartbeat in Redis: the worker beats while it runs, and the beats lapse when it dies.

The runner beats (`beat`, `forget`); the queue's housekeeping asks which jobs still beat
(`beating`), and the jobs pages show how far each got (`live_progress`).
"""

import time

import redis
from django.conf import settings

from claims.jobs.models import Job


def _beat_key(job_id: int) -> str:
    return f"{settings.REDIS_KEY_PREFIX}claimtracker:job:{job_id}:beat"


def in_background() -> bool:
    """Whether jobs go to workers (REDIS_URL set) rather than running in the process that submits them."""
    return bool(settings.REDIS_URL)


def connection() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=10)


def beat(job_id: int, done: int, total: int | None) -> None:
    """Record that the job's process is alive and how far it got; the record lapses after JOB_STALE_SECONDS."""
    key = _beat_key(job_id)
    conn = connection()
    with conn.pipeline() as pipe:
        pipe.hset(key, mapping={"at": time.time(), "done": done, "total": "" if total is None else total})
        pipe.expire(key, settings.JOB_STALE_SECONDS)
        pipe.execute()


def forget(job_id: int) -> None:
    connection().delete(_beat_key(job_id))


def live_progress(jobs: list[Job]) -> dict[int, tuple[int, int | None]]:
    """Return {job id: (done, total)} from the beats of the running background jobs among `jobs`."""
    running = [job.pk for job in jobs if job.state == Job.State.RUNNING and job.background]
    if not running or not in_background():
        return {}
    try:
        with connection().pipeline() as pipe:
            for pk in running:
                pipe.hmget(_beat_key(pk), "done", "total")
            beats = pipe.execute()
    except redis.RedisError:
        return {}
    return {
        pk: (int(done), int(total) if total else None)
        for pk, (done, total) in zip(running, beats, strict=True)
        if done is not None
    }


def beating(job_ids: list[int]) -> set[int]:
    """Return which of these jobs still beat; all of them when Redis cannot tell (so nothing is failed)."""
    if not job_ids:
        return set()
    try:
        with connection().pipeline() as pipe:
            for pk in job_ids:
                pipe.exists(_beat_key(pk))
            return {pk for pk, alive in zip(job_ids, pipe.execute(), strict=True) if alive}
    except redis.RedisError:
        return set(job_ids)
