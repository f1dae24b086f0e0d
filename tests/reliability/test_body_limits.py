"""How much of a request is read: a body over the limit is refused unread, a stranger's file never reaches disk.

The app's limits are tested through Django's test client with a request body that counts what is
read from it; gunicorn's (request line, header count and size, gunicorn.conf.py) against gunicorn itself.
"""

import os
from http import HTTPStatus

import pytest
import requests
from django.test import Client

from tests.reliability.servers import Gunicorn, manage, production_env

MB = 1024 * 1024
BOUNDARY = "----limits"


class Body:
    """A multipart body of `size` bytes with one file, made as it is read; counts the bytes read and watches `tmp`."""

    def __init__(self, size: int, tmp=None):
        head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nvictim\r\n"
                f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\ndraft\r\n"
                f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.parts = [head, tail]
        self.filler = size - len(head) - len(tail)
        self.read_bytes = 0
        self.tmp = tmp
        self.seen_on_disk = False

    def read(self, size=-1):
        head, tail = self.parts
        size = self.size - self.read_bytes if size is None or size < 0 else size
        chunk = b""
        position = self.read_bytes
        while len(chunk) < size and position < self.size:
            if position < len(head):
                piece = head[position:position + size - len(chunk)]
            elif position < len(head) + self.filler:
                piece = b"x" * min(size - len(chunk), len(head) + self.filler - position)
            else:
                start = position - len(head) - self.filler
                piece = tail[start:start + size - len(chunk)]
            chunk += piece
            position += len(piece)
        self.read_bytes = position
        if self.tmp is not None and os.listdir(self.tmp):
            self.seen_on_disk = True
        return chunk

    def readline(self, size=-1):
        return self.read(size)

    def environ(self) -> dict:
        return {"wsgi.input": self, "CONTENT_LENGTH": str(self.size),
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}"}


def post(path: str, body: Body, client=None):
    client = client or Client(enforce_csrf_checks=True)  # As a browser's POST is checked.
    return client.generic("POST", path, b"", content_type=body.environ()["CONTENT_TYPE"], **body.environ())


def test_a_60_mb_post_to_the_login_is_refused_unread(db):
    """Anonymous, 60 MB to /admin/login/: a 413 at once, with not a megabyte of it read (nothing written)."""
    body = Body(60 * MB)
    response = post("/admin/login/", body)
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.content == b"The request body is over 26,214,400 bytes, the most this site takes."
    assert body.read_bytes < MB


def test_a_stranger_body_over_the_form_limit_is_refused_unread(db):
    """Anonymous, 20 MB (under the site's limit): a 400 before the body is read, not a file on disk."""
    body = Body(20 * MB)
    response = post("/admin/login/", body)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert body.read_bytes < MB


def test_a_stranger_file_never_reaches_disk(db, settings, tmp_path):
    """Anonymous, a 1 MB file (over the in-memory threshold): it is skipped, never written to the upload folder."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = Body(MB, tmp=tmp_path)
    response = post("/admin/login/", body)
    assert response.status_code == HTTPStatus.FORBIDDEN  # CSRF: the sign-in page was never loaded.
    assert (body.seen_on_disk, os.listdir(tmp_path)) == (False, [])


def test_a_signed_in_editor_still_uploads(editor, settings, tmp_path):
    """An editor's 1 MB import file is read as before (the import page then explains the wrong format)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client()
    client.force_login(editor)
    body = Body(MB, tmp=tmp_path)
    response = post("/admin/claims/claim/import/", body, client=client)
    assert response.status_code == HTTPStatus.OK
    assert body.read_bytes == MB
    assert body.seen_on_disk  # Over FILE_UPLOAD_MAX_MEMORY_SIZE it went to a temporary file, as Django does.
    assert "“big.bin”: name the file .csv or .jsonl (JSON Lines)." in response.content.decode()


def test_the_api_answers_an_oversized_body_in_json(db):
    """Under /api/ the 413 is JSON like every other API error."""
    response = post("/api/auth/token/", Body(30 * MB))
    assert (response.status_code, response.json()) == (
        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        {"detail": "The request body is over 26,214,400 bytes, the most this site takes."},
    )


# -- gunicorn -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(production_static, tmp_path_factory):
    """gunicorn as `make serve` runs it (its config file read from the project folder) on a fresh SQLite database."""
    home = tmp_path_factory.mktemp("limits")
    env = production_env(f"sqlite:///{home / 'db.sqlite3'}", production_static, SECURE_SSL_REDIRECT="false")
    manage(env, "migrate", "--noinput", "-v", "0")
    server = Gunicorn(env, log=home / "gunicorn.log")
    yield server
    server.stop()


def test_gunicorn_refuses_a_huge_header(served):
    """A header over 8 KB is refused by gunicorn before the app sees it."""
    response = requests.get(f"{served.url}/healthz", headers={"X-Big": "x" * 9000}, timeout=10)
    assert response.status_code == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


def test_gunicorn_refuses_too_many_headers(served):
    """More than 50 headers are refused."""
    headers = {f"X-Header-{n}": "1" for n in range(60)}
    response = requests.get(f"{served.url}/healthz", headers=headers, timeout=10)
    assert response.status_code == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


def test_gunicorn_refuses_a_huge_request_line(served):
    """An address over 2 KB is a 414."""
    response = requests.get(f"{served.url}/api/claims/?q={'x' * 2100}", timeout=10)
    assert response.status_code == HTTPStatus.REQUEST_URI_TOO_LONG


def test_gunicorn_serves_ordinary_requests(served):
    """Within the limits nothing changes: /healthz answers."""
    assert requests.get(f"{served.url}/healthz", timeout=10).status_code == HTTPStatus.OK
