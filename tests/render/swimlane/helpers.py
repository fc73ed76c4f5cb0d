"""Reading the swimlane SVG back, for the tests that check its exit labels."""

from __future__ import annotations

import html
import re


def exit_labels(svg: str) -> dict[str, list[tuple[float, float, float, float]]]:
    """Per decision step id, the boxes (x0, x1, y, size) of its exit labels."""
    found: dict[str, list[tuple[float, float, float, float]]] = {}
    for block in re.finditer(r'<g id="flow\.([^"]+)\.\d+"(.*?)</g>', svg.replace("&#45;", "-"),
                             re.S):
        for x, y, size, text in re.findall(r'<text[^>]*x="([\d.-]+)" y="([\d.-]+)"[^>]*'
                                           r'font-size="([\d.]+)"[^>]*>([^<]+)<', block[2]):
            width = 0.55 * float(size) * len(html.unescape(text))
            start = float(x)  # Graphviz writes tail labels text-anchor="start"
            found.setdefault(block[1], []).append(
                (start, start + width, float(y), float(size)))
    return found
