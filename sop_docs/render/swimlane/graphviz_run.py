"""Running the system's Graphviz ``dot`` (through the ``graphviz`` package) on DOT text.

``dot`` is an external program (Debian package ``graphviz``): its absence is an expected
condition reported as :class:`GraphvizMissing`, a failed run as :class:`GraphvizFailed`;
callers turn both into diagnostics.  Several graphs can share one ``dot`` process
(:func:`render_svgs`), which halves the cost per graph.
"""

from __future__ import annotations

import re

import graphviz

from sop_docs.errors import GraphvizFailed, GraphvizMissing

ENGINE = "dot"
FORMATS = ("svg", "png", "pdf")

# cairo stamps the wall clock into every PDF; replaced by a date of the same length, so the
# cross-reference offsets stay valid.
_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
_SVG_START = "<?xml"


def render(dot_text: str, fmt: str, pdf_date: str = "20000101") -> bytes:
    """``dot_text`` drawn by ``dot`` as ``fmt`` (svg, png or pdf), byte-stable.

    ``pdf_date`` (yyyymmdd) replaces the clock time cairo writes into a PDF.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unsupported swimlane format {fmt!r}")
    data = _pipe(dot_text, fmt)
    if fmt == "pdf":
        stamp = f"/CreationDate (D:{pdf_date}000000Z)".encode("ascii")
        data = _PDF_DATE.sub(stamp, data)
    return data


def render_svgs(dot_texts: list[str]) -> list[str]:
    """Many graphs drawn as SVG by one ``dot`` process, in order."""
    if not dot_texts:
        return []
    output = _pipe("".join(dot_texts), "svg").decode("utf-8")
    documents = [_SVG_START + part for part in output.split(_SVG_START)[1:]]
    if len(documents) != len(dot_texts):
        raise GraphvizFailed(f"expected {len(dot_texts)} SVG documents, got {len(documents)}")
    return documents


def _pipe(dot_text: str, fmt: str) -> bytes:
    try:
        output: bytes = graphviz.pipe(ENGINE, fmt, dot_text.encode("utf-8"), quiet=True)
        return output
    except graphviz.ExecutableNotFound as exc:
        raise GraphvizMissing(str(exc)) from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else ""
        first = next((line for line in stderr.splitlines() if line.strip()), "")
        raise GraphvizFailed(first or f"exit status {exc.returncode}") from exc
