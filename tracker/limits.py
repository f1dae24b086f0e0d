"""How much of a request the app reads (issue #14): a body limit before anything is read, no files from strangers.

Gunicorn's own limits (request line, header count and size) are in `gunicorn.conf.py`; these are
the app's, so they hold behind any server:

- `RequestBodyLimitMiddleware`: a body whose Content-Length is over `MAX_REQUEST_BODY_SIZE`
  (default 25 MB: the import page's 20 MB file and its form) is a 413 before a byte of it is read.
- `StrangerUploadHandler`, first of `FILE_UPLOAD_HANDLERS`: for a visitor who is not signed in, a
  multipart body over `DATA_UPLOAD_MAX_MEMORY_SIZE` is refused (400) before it is read, and a file in
  a smaller one is skipped, never written to disk. Nobody signed out has a file to send; the admin
  login's CSRF check reads the body, so without this a 60 MB POST to /admin/login/ landed on disk first.
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse, JsonResponse


def _content_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Answer 413 to a request announcing a body over MAX_REQUEST_BODY_SIZE, without reading it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY_SIZE
        if limit is None or _content_length(request) <= limit:
            return self.get_response(request)
        detail = f"The request body is over {limit:,} bytes, the most this site takes."
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": detail}, status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        else:
            response = HttpResponse(detail, status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE, content_type="text/plain")
        # The body is left unread: the connection cannot carry another request.
        response["Connection"] = "close"
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class StrangerUploadHandler(FileUploadHandler):
    """Refuse a large multipart body, and skip any file, from a visitor who is not signed in."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and content_length > limit and not _signed_in(self.request):
            raise RequestDataTooBig(f"A body of {content_length:,} bytes from a visitor not signed in.")
        return None

    def new_file(self, *args, **kwargs):
        if not _signed_in(self.request):
            raise SkipFile
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
