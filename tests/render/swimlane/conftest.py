"""Fixtures of the swimlane tests: the seed corpus and an SVG geometry reader."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sop_docs.model.build import load_corpus
from sop_docs.model.corpus import Corpus, ResolvedSOP

REPO = Path(__file__).resolve().parents[3]
SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class Box:
    """Horizontal and vertical extent of a drawn element, in SVG units (y grows downwards)."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def width(self) -> float:
        return self.right - self.left


def _points(element: ET.Element) -> list[tuple[float, float]]:
    """Every coordinate of the shapes drawn inside ``element`` (polygons, paths, ellipses)."""
    points: list[tuple[float, float]] = []
    for shape in element.iter():
        tag = shape.tag.removeprefix(SVG)
        if tag in ("polygon", "polyline"):
            for pair in (shape.get("points") or "").split():
                x, y = pair.split(",")
                points.append((float(x), float(y)))
        elif tag == "path":
            numbers = [float(n) for n in _NUMBER.findall(shape.get("d") or "")]
            points.extend(zip(numbers[0::2], numbers[1::2], strict=False))
        elif tag == "ellipse":
            cx, cy, rx, ry = (float(shape.get(k) or 0) for k in ("cx", "cy", "rx", "ry"))
            points.extend([(cx - rx, cy - ry), (cx + rx, cy + ry)])
    return points


@dataclass(frozen=True)
class Drawing:
    """A rendered swimlane SVG, read back: boxes of lanes and step symbols by id."""

    root: ET.Element
    groups: dict[str, ET.Element]

    @staticmethod
    def parse(svg: str) -> Drawing:
        root = ET.fromstring(svg)
        groups = {g.get("id") or "": g for g in root.iter(f"{SVG}g") if g.get("id")}
        return Drawing(root, groups)

    def box(self, element_id: str) -> Box:
        """The extent of the group with this id (a lane, a step symbol, an arrow)."""
        points = _points(self.groups[element_id])
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Box(min(xs), max(xs), min(ys), max(ys))

    def ids(self, css_class: str) -> list[str]:
        """Ids of the groups whose class list holds ``css_class``, in document order."""
        return [i for i, g in self.groups.items() if css_class in (g.get("class") or "").split()]

    def text(self, element_id: str) -> str:
        """All text drawn inside a group, lines joined by spaces."""
        return " ".join(t.text or "" for t in self.groups[element_id].iter(f"{SVG}text"))


def layout_problems(drawing: Drawing, resolved: ResolvedSOP) -> list[str]:
    """Every way the drawing breaks the swimlane rules (empty when it is right).

    Lanes in declared order, side by side without overlap and of equal width; each step's
    symbol, in each of its lanes, horizontally inside that lane's box; steps top to bottom
    in step order, the copies of a multi-actor step on one level; each lane labelled with
    its pelaksana's name.
    """
    sop = resolved.sop
    problems: list[str] = []
    lanes = {p.id: drawing.box(f"lane.{p.id}") for p in sop.pelaksana}
    order = sorted(lanes, key=lambda lane: lanes[lane].left)
    if order != [p.id for p in sop.pelaksana]:
        problems.append(f"lanes drawn in order {order}")
    boxes = [lanes[lane] for lane in order]
    for left, right in itertools.pairwise(boxes):
        if right.left < left.right:
            problems.append(f"lanes overlap: {left} {right}")
    widths = {round(box.width, 1) for box in boxes}
    if len(widths) != 1:
        problems.append(f"lane widths differ: {sorted(widths)}")
    tops = {round(box.top, 1) for box in boxes} | {round(box.bottom, 1) for box in boxes}
    if len(tops) != 2:
        problems.append(f"lanes do not start and end level: {sorted(tops)}")
    for pelaksana in sop.pelaksana:
        if drawing.text(f"lane.{pelaksana.id}").split() != pelaksana.nama.split():
            problems.append(f"lane {pelaksana.id} is not labelled {pelaksana.nama!r}")
    previous_bottom = float("-inf")
    for step in sop.langkah:
        copies = {a: drawing.box(f"step.{step.id}.{a}") for a in step.pelaksana}
        for actor, box in copies.items():
            lane = lanes[actor]
            if not (lane.left <= box.left and box.right <= lane.right):
                problems.append(f"step {step.id} sticks out of lane {actor}: {box} {lane}")
            if not (lane.top <= box.top and box.bottom <= lane.bottom):
                problems.append(f"step {step.id} above or below lane {actor}")
        middles = {round(box.middle, 1) for box in copies.values()}
        if len(middles) != 1:
            problems.append(f"copies of step {step.id} not level: {middles}")
        top = min(box.top for box in copies.values())
        if top <= previous_bottom:
            problems.append(f"step {step.id} is not below the step before it")
        previous_bottom = max(box.bottom for box in copies.values())
    return problems


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    """The bundled seed SOPs (sop_sources/), loaded once."""
    corpus, problems = load_corpus(REPO)
    errors = [d.render() for d in problems if d.severity.value == "error"]
    assert not errors, errors
    assert corpus.sops, "no seed SOPs found under sop_sources/"
    return corpus


@pytest.fixture(scope="session")
def check_layout() -> Callable[[Drawing, ResolvedSOP], list[str]]:
    """The layout checker, as a fixture (test modules cannot import conftest)."""
    return layout_problems


@pytest.fixture(scope="session")
def parse_svg() -> Callable[[str], Drawing]:
    """SVG text -> :class:`Drawing`, as a fixture."""
    return Drawing.parse
