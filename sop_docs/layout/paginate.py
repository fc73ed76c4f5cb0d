"""Splitting the procedure rows into pages by measured height and the source's step limit."""

from __future__ import annotations


def paginate(heights: list[float], first_room: float, next_room: float,
             max_steps: int | None) -> list[list[int]]:
    """Row indices per page: as many rows as fit in the room (the first procedure page has
    ``first_room`` mm, later ones ``next_room``), at most ``max_steps`` per page.

    A row taller than the room still gets a page of its own (rows are fitted beforehand,
    so this only guards against rounding).
    """
    pages: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for index, height in enumerate(heights):
        room = first_room if not pages else next_room
        full = max_steps is not None and len(current) >= max_steps
        if current and (full or used + height > room + 1e-6):
            pages.append(current)
            current, used = [], 0.0
        current.append(index)
        used += height
    if current:
        pages.append(current)
    return pages
