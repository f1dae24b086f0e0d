"""Settings for the API benchmark (bench/api.py): the product's, read from the environment as in production,
with the reference views of bench/urls.py mounted beside the product's addresses."""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
