"""The Wikidata link shown beside an actor's, side's or outlet's name on public pages (#21)."""

from django import template
from django.utils.html import format_html

from sources.wikidata import entity_url

register = template.Library()


@register.filter
def wikidata_link(obj):
    """Render a small link to the Wikidata item of a reference that has a QID, else nothing."""
    url = entity_url(getattr(obj, "wikidata", "") or "")
    if not url:
        return ""
    return format_html(' <a class="wikidata" href="{}" rel="external noopener" title="{} on Wikidata">{}</a>',
                       url, obj, obj.wikidata)
