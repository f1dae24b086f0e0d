"""How API request bodies are read: JSON that can be nested too deeply or be too long is a clear 4xx, never a 500."""

import io

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError

# Nothing the API takes is nested more than a few levels (a claim's appearances: 3).
MAX_JSON_DEPTH = 32


class BodyTooLarge(APIException):
    status_code = 413
    default_code = "body_too_large"


def too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(f"The request body is over {limit:,} bytes, the most this address takes.")


def _depth_exceeds(data, limit: int) -> bool:
    """Return whether lists and objects in `data` nest deeper than `limit` (without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value)
    return False


def _read(stream, limit: int) -> bytes:
    body = stream.read(limit + 1) if stream is not None else b""
    if len(body) > limit:
        raise too_large(limit)
    return body


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, reading at most DATA_UPLOAD_MAX_MEMORY_SIZE and answering deep nesting with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = _read(stream, limit) if limit is not None else stream.read()
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = _depth_exceeds(data, MAX_JSON_DEPTH)
        if too_deep:
            raise ParseError(f"JSON parse error - arrays and objects nested more than {MAX_JSON_DEPTH} levels deep.")
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser (bodies sent as `*/*` come here), reading at most DATA_UPLOAD_MAX_MEMORY_SIZE."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = _read(stream, limit) if limit is not None else stream.read()
        return super().parse(io.BytesIO(body), media_type, parser_context)

