"""Template helpers for the public pages: severities, JSON-LD, query strings."""

import json
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.charts import gap_words as _gap_words
from claims.rules import INF, Kind, format_severity

register = template.Library()

# The characters that could end a <script> element or open a comment, written as JSON escapes
# (the same escaping django.utils.html.json_script applies).
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def severity(value):
    """Render a severity as readers see it: "2.3×", "∞", or "" for none."""
    return format_severity(value)


@register.filter
def apart(value):
    """Render a severity as "2.3× apart" ("∞ apart"), or "" for none."""
    text = format_severity(value)
    return f"{text} apart" if text else ""


@register.filter
def gap_words(flag):
    """Say a figure flag's gap in words: "A (Side) says at least 11; B (Side) says none."."""
    return _gap_words(flag, settings.FIGURE_TOLERANCE) if flag is not None else ""


@register.filter
def is_infinite(value):
    """Whether a severity is infinite (one side's count is zero): shown in words, never as "∞"."""
    return value == INF


@register.simple_tag
def json_ld(data):
    """Embed data as <script type="application/ld+json">, inert whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 -- escaped above


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """Return the current query string with some parameters replaced (None or "" removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"



@register.filter
def kind_label(value):
    """Render a contradiction kind's label ("Figure mismatch") from its value."""
    try:
        return Kind(value).label
    except ValueError:
        return value or ""


@register.filter
def safe_url(value):
    """Return a link target only when it is http(s): stored URLs may be hostile (javascript:, data:)."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme.lower() in ("http", "https") else ""
