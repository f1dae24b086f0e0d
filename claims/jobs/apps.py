from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The job records and their worker: an app of its own so its migrations never interleave with claims'."""

    name = "claims.jobs"
    label = "jobs"
    verbose_name = "Jobs"
    default_auto_field = "django.db.models.BigAutoField"
