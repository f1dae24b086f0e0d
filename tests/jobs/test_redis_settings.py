"""REDIS_URL gives the app Django's own Redis cache; CACHE_URL still names another; neither keeps today's default."""

import json
import os
import subprocess
import sys

import pytest

from tests.reliability.servers import ROOT

SHOW = "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"


def cache_setting(**env) -> dict:
    base = {key: value for key, value in os.environ.items()
            if key not in ("REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE") and not key.startswith("PYTEST_")}
    done = subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW], cwd=ROOT,
                          env={**base, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env", "backend", "location"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "django.core.cache.backends.redis.RedisCache",
         "redis://127.0.0.1:6379/0"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0", "CACHE_URL": "filecache:///tmp/ct-cache"},
         "django.core.cache.backends.filebased.FileBasedCache", "/tmp/ct-cache"),
        ({}, "django.core.cache.backends.locmem.LocMemCache", ""),
    ],
)
def test_the_cache_follows_redis_url_unless_cache_url_names_one(env, backend, location):
    """The setting each combination gives, as the app's own settings module reads it."""
    setting = cache_setting(**env)
    assert (setting["BACKEND"], setting.get("LOCATION", "")) == (backend, location)
