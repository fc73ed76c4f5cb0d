"""Splitting the procedure rows into pages by measured height and the source's step limit."""

from __future__ import annotations


def paginate(heights: list[float], room: float, band: float,
             max_steps: int | None, tail: float = 0.0) -> list[list[int]]:
    """Row indices per page: as many rows as fit, at most ``max_steps`` per page.

    A page has ``room`` mm for its rows less one off-page band of ``band`` mm above its
    rows (every page but the first) and one under them (every page but the last).  So the
    rows that remain all go on the current page when they fit without the band under it
    (with ``tail`` mm under them: the signature block): the last step is never left alone
    on a page while the page before has room for it, and a page that is not the last always
    leaves at least one row for the next.
    A row taller than the room still gets a page of its own (rows are fitted beforehand,
    so this only guards against rounding).
    """
    pages: list[list[int]] = []
    start = 0
    while start < len(heights):
        top = band if pages else 0.0
        rest = heights[start:]
        limit = len(rest) if max_steps is None else max_steps
        if len(rest) <= limit and sum(rest) + tail <= room - top + 1e-6:
            pages.append(list(range(start, len(heights))))
            break
        count, used = 0, 0.0
        for height in rest[:min(limit, len(rest) - 1) or 1]:
            if count and used + height > room - top - band + 1e-6:
                break
            count, used = count + 1, used + height
        pages.append(list(range(start, start + count)))
        start += count
    return _no_widow(pages, heights, room - band - tail, max_steps)


def _no_widow(pages: list[list[int]], heights: list[float], room: float,
              max_steps: int | None) -> list[list[int]]:
    """A last page left with one step takes the previous page's last row with it when
    that page keeps two or more and the two rows fit in ``room`` (a page with a band above
    its rows and the tail under them)."""
    if len(pages) < 2 or len(pages[-1]) != 1 or len(pages[-2]) < 3:
        return pages
    moved = pages[-2][-1]
    if heights[moved] + heights[pages[-1][0]] > room + 1e-6 or (
            max_steps is not None and max_steps < 2):
        return pages
    return [*pages[:-2], pages[-2][:-1], [moved, *pages[-1]]]
