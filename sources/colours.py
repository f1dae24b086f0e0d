"""A distinct chart colour for every side, chosen when the side is created.

The first six are the Okabe–Ito colours that readers with any common colour-vision
deficiency can tell apart (its black and yellow left out: black reads as text, yellow
vanishes on white). Past six, each new colour is the one, among evenly spread hues at
several lightnesses and saturations dark enough to stand out on white (contrast at least
3:1, WCAG's bar for graphics), that lies furthest in perceived colour (CIE Lab distance)
from every colour already in use. The neutral grey stays for sides that speak for no one
and is never handed out.
"""

from __future__ import annotations

import colorsys
import functools
import math
from collections.abc import Iterable

NEUTRAL = "#6b7280"
OKABE_ITO = ("#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7")
_MIN_CONTRAST = 3.0


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    r, g, b = (_linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(colour: str) -> float:
    """Return the WCAG contrast ratio of `colour` against white (1 to 21)."""
    return 1.05 / (_luminance(colour) + 0.05)


@functools.lru_cache(maxsize=1024)  # each new side compares ~150 candidates with every colour in use: 60 ms uncached
def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


@functools.lru_cache(maxsize=65536)  # next_colour compares every candidate with every colour in use, side after side
def distance(one: str, other: str) -> float:
    """Return how different two colours look (CIE76 ΔE: about 2.3 is just noticeable)."""
    return math.dist(_lab(one), _lab(other))


def _candidates() -> list[str]:
    # Every 10° of hue, at four lightnesses and three saturations: dark, muted and vivid versions of
    # a hue are far apart in Lab too, so past a dozen sides they keep colours apart that one
    # saturation crowded (24 sides: the closest pair ΔE 26 here, 21 with 72 hues at one saturation).
    found = []
    for step in range(36):
        for lightness in (0.22, 0.32, 0.42, 0.52):
            for saturation in (0.5, 0.75, 1.0):
                r, g, b = colorsys.hls_to_rgb(step / 36, lightness, saturation)
                colour = "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))
                if contrast_on_white(colour) >= _MIN_CONTRAST:
                    found.append(colour)
    return found


_CANDIDATES = _candidates()


def next_colour(in_use: Iterable[str]) -> str:
    """Return the colour for a new side, given the colours of the sides that exist (any case, any order)."""
    used = {c.lower() for c in in_use if c} | {NEUTRAL}
    for colour in OKABE_ITO:
        if colour not in used:
            return colour
    return max(_CANDIDATES, key=lambda c: (min(distance(c, u) for u in used), c))

