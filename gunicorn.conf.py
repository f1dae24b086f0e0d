"""gunicorn's settings for `make serve` and production (`gunicorn -c gunicorn.conf.py tracker.wsgi`).

What a client may send before Django sees a byte of it (issue #14). Nothing this site serves needs
more: its longest addresses are API list filters (a 200-character `q` and a cursor), its largest
headers cookies and a token. The app's own body limits (MAX_REQUEST_BODY_SIZE,
DATA_UPLOAD_MAX_MEMORY_SIZE) are in tracker/limits.py.
"""

# The request line (method, address and query string), in bytes: longer is a 414 (gunicorn's default: 4094).
limit_request_line = 2048
# Headers per request: more is a 431 (default 100).
limit_request_fields = 50
# Bytes in one header, name and value: larger is a 431. Cookies other sites' scripts set on the domain
# can be long, so this stays at gunicorn's default.
limit_request_field_size = 8190
