"""Long work as jobs (DESIGN §11): imports, exports, extraction and recompute, recorded in the database.

With `REDIS_URL` a job goes on an RQ queue and `manage.py worker` runs it; without, it runs in the
caller as before. Either way its `Job` row says who submitted it, its state, progress and result.
"""
