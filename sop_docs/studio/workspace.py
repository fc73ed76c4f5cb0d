"""What the studio can do to a project: list, open, check, save, create and duplicate sources.

Every action names a file by its path relative to the project; only ``*.yaml`` files in
the sources folder and its ``profil/`` folder are served, anything else is refused.  A file
is saved only when it still holds what was opened (else the author is offered a reload),
through an atomic write, and only when the new text reads back as the form's data.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_docs import atomic
from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Location, Severity
from sop_docs.errors import GraphvizFailed, GraphvizMissing, RoundTripError, StudioError
from sop_docs.i18n import tr
from sop_docs.model.build import PROFILE_FOLDER, build_model, load_settings, source_files
from sop_docs.model.profile import Profil
from sop_docs.model.sop import SOP
from sop_docs.render.pdf import pdf_bytes
from sop_docs.render.swimlane.graph import swimlane_dot
from sop_docs.render.swimlane.graphviz_run import render
from sop_docs.scaffold import sop_skeleton, valid_id
from sop_docs.sources import DEFAULT_LIMITS, Source
from sop_docs.studio.check import ProjectCheck, SourceCache
from sop_docs.studio.listing import project_listing
from sop_docs.studio.rebase import rebase
from sop_docs.studio.roundtrip import Document, Draft, plain

SUFFIXES = (".yaml", ".yml")
SHOWN_BYTES = 200_000  # of a read-only file, the page shows at most this much
SOP_KIND, PROFILE_KIND = "sop", "profil"


def refuse(code: dg.Code, status: int = 400, where: str = "studio",
           **fields: object) -> StudioError:
    """The StudioError for catalogue entry ``code``."""
    return StudioError(dg.make(code, Location(where), **fields), status)


def bad_request(indonesian: str, english: str, status: int = 400) -> StudioError:
    """STD005 with its reason in the language of the run."""
    return refuse(dg.STD_BAD_REQUEST, status, reason=tr(indonesian, english))


def _not_mapping() -> StudioError:
    return bad_request("data formulir bukan pemetaan", "the form data is not a mapping")


@dataclass(frozen=True, slots=True)
class Opened:
    """A file as the author opened it: its version (content hash), its data in JSON form
    and its round-trip document (None when the form cannot represent it)."""

    version: str
    data: Any
    document: Document | None


def version_of(raw: bytes) -> str:
    """The version of a file's content, compared before every save."""
    return hashlib.sha256(raw).hexdigest()


class Workspace:
    """One project as the studio serves it; every public method is one API action."""

    def __init__(self, project: Path) -> None:
        self.project = project.resolve()
        self.settings, _problems = load_settings(self.project)  # `check` reports them
        self.sources = (self.project / self.settings.sumber).resolve()
        self.cache = SourceCache(self.project)
        self.checker = ProjectCheck(self.cache, self.settings, self.sources)
        self.lock = threading.Lock()
        self._opened: dict[Path, Opened] = {}
        self._drafts: dict[Path, Draft] = {}

    # --- paths ---------------------------------------------------------------------------

    def locate(self, rel: object) -> Path:
        """The project file named by ``rel``; refused unless it is a source or a profile."""
        if not isinstance(rel, str) or not rel or "\0" in rel:
            raise refuse(dg.STD_OUTSIDE, 403, path=str(rel)[:200])
        path = (self.project / rel).resolve()
        if path.suffix not in SUFFIXES or path.parent not in (
                self.sources, self.sources / PROFILE_FOLDER):
            raise refuse(dg.STD_OUTSIDE, 403, path=rel[:200])
        return path

    def kind(self, path: Path) -> str:
        """``profil`` for a file in the profile folder, else ``sop``."""
        return PROFILE_KIND if path.parent == self.sources / PROFILE_FOLDER else SOP_KIND

    def rel(self, path: Path) -> str:
        """``path`` as the studio names it: relative to the project, with '/'."""
        return self.cache.display(path)

    # --- actions -------------------------------------------------------------------------

    def listing(self) -> dict[str, Any]:
        """Every SOP grouped by instansi and unit, and every profile with its officials."""
        return project_listing(self.sources, self.cache, self.settings.nama)

    def open(self, rel: object) -> dict[str, Any]:
        """Open a file: its data, version, whether the form may edit it, check and preview."""
        path = self.locate(rel)
        try:
            with path.open("rb") as handle:  # a huge file is refused from its first bytes
                raw = handle.read(DEFAULT_LIMITS.max_bytes + 1)
        except OSError as exc:
            raise refuse(dg.SRC_NOT_FOUND, 404, path=f"{rel} ({exc.strerror})") from None
        source = self.cache.parse_raw(path, raw)
        reason = self._unrepresentable(source, path)
        document = None
        if reason is None:
            try:
                document = Document.read(raw.decode("utf-8-sig"))
            except RoundTripError as exc:
                reason = str(exc)
        opened = Opened(version_of(raw), plain(source.data), document)
        self._opened[path] = opened
        self._drafts.pop(path, None)
        answer = self._answer(path, source)
        answer.update(version=opened.version, data=opened.data, kind=self.kind(path))
        if reason is not None:
            note = dg.make(dg.STD_READ_ONLY, Location(self.rel(path)), path=self.rel(path),
                           reason=reason)
            answer.update(readonly={"message": note.message, "hint": note.hint},
                          text=raw[:SHOWN_BYTES].decode("utf-8", "replace"))
        return answer

    def preview(self, rel: object, data: object) -> dict[str, Any]:
        """Check and draw the form's data as it would be saved (nothing is written)."""
        path, opened = self._editable(rel)
        text, source = self._live(path, opened, data)
        answer = self._answer(path, source)
        answer["changed"] = text != opened.document.text if opened.document else False
        return answer

    def save(self, rel: object, data: object, version: object) -> dict[str, Any]:
        """Write the form's data into the file, unless it changed on disk since opened."""
        path, opened = self._editable(rel)
        try:
            on_disk = version_of(path.read_bytes())
        except OSError:
            on_disk = ""
        if version != opened.version or on_disk != opened.version:
            raise refuse(dg.STD_CHANGED_ON_DISK, 409, path=self.rel(path))
        text, _source = self._faithful(path, opened, data)
        atomic.write_text(path, text)
        return self.open(self.rel(path))

    def rebase(self, rel: object, data: object) -> dict[str, Any]:
        """Open the file as it is on disk now, with the form's unsaved edits carried over
        (``conflicts``: the fields where they override a change made elsewhere)."""
        _path, opened = self._editable(rel)
        if not isinstance(data, dict):
            raise _not_mapping()
        answer = self.open(rel)
        if answer.get("readonly"):
            return answer
        merged, conflicts = rebase(opened.data, data, answer["data"])
        answer.update(self.preview(rel, merged), data=merged,
                      conflicts=[list(c) for c in conflicts])
        return answer

    def create(self, sop_id: object, profile_id: object) -> dict[str, Any]:
        """A new draft SOP from the same skeleton as `sop-docs new`."""
        if not isinstance(sop_id, str) or not valid_id(sop_id):
            raise refuse(dg.CLI_BAD_ID, id=str(sop_id)[:80])
        target = self._new_target(sop_id)
        profil = self._profile(profile_id)
        atomic.write_text(target, sop_skeleton(sop_id, profil, self.sources, self.project))
        return {"path": self.rel(target)}

    def duplicate(self, rel: object, sop_id: object) -> dict[str, Any]:
        """A copy of an SOP under a new id (the copy differs from it in the id line only)."""
        if not isinstance(sop_id, str) or not valid_id(sop_id):
            raise refuse(dg.CLI_BAD_ID, id=str(sop_id)[:80])
        path = self.locate(rel)
        if self.kind(path) != SOP_KIND:
            raise refuse(dg.STD_OUTSIDE, 403, path=self.rel(path))
        self.open(rel)
        path, opened = self._editable(rel)
        target = self._new_target(sop_id)
        data = {k: (sop_id if k == "id" else v) for k, v in opened.data.items()}
        text, _source = self._faithful(target, opened, data)
        atomic.write_text(target, text)
        return {"path": self.rel(target)}

    def swimlane(self, rel: object, data: object) -> dict[str, Any]:
        """The swimlane diagram of the form's data as SVG (drawn by Graphviz)."""
        path, opened = self._editable(rel)
        _text, source = self._live(path, opened, data)
        checked = self.checker.run(source)
        if checked.resolved is None:
            return {"svg": None, "problem": None}
        try:
            svg = render(swimlane_dot(checked.resolved), "svg").decode("utf-8")
        except (GraphvizMissing, GraphvizFailed) as exc:
            return {"svg": None, "problem": str(exc)}
        return {"svg": svg, "problem": None}

    def pdf(self, rel: object, data: object) -> dict[str, Any]:
        """The official sheet of the form's data as PDF (base64), the file `render` writes."""
        path, opened = self._editable(rel)
        _text, source = self._live(path, opened, data)
        checked = self.checker.run(source)
        resolved, layout = checked.resolved, checked.layout
        if resolved is None or layout is None or resolved.path != source.display:
            return {"pdf": None, "name": None}
        encoded = base64.b64encode(pdf_bytes(layout)).decode("ascii")
        return {"pdf": encoded, "name": f"{resolved.sop.id}.pdf"}

    # --- helpers -------------------------------------------------------------------------

    def _answer(self, path: Path, source: Source) -> dict[str, Any]:
        checked = self.checker.run(source)
        return {"path": self.rel(path), "findings": checked.findings, "pages": checked.pages()}

    def _editable(self, rel: object) -> tuple[Path, Opened]:
        path = self.locate(rel)
        opened = self._opened.get(path)
        if opened is None:
            raise bad_request(f"{rel} belum dibuka", f"{rel} is not open", 409)
        if opened.document is None:
            raise refuse(dg.STD_READ_ONLY, 409, path=self.rel(path),
                         reason=tr("hanya-baca", "read-only"))
        return path, opened

    def _faithful(self, path: Path, opened: Opened, data: object) -> tuple[str, Source]:
        """The text to write for ``data``, read back by the project's reader; the merged
        text first, ruamel's whole output if the merge reads back differently."""
        if not isinstance(data, dict) or opened.document is None:
            raise _not_mapping()
        document = opened.document
        for write in (document.apply, document.rewritten):
            text = write(opened.data, data)
            source = self.cache.parse(path, text)
            if source.ok and plain(source.data) == data:
                return text, source
        raise refuse(dg.STD_NOT_FAITHFUL, 500, path=self.rel(path))

    def _live(self, path: Path, opened: Opened, data: object) -> tuple[str, Source]:
        """Like ``_faithful``, through the file's draft tree that follows the edits (fast);
        a draft that ever reads back differently is dropped."""
        if isinstance(data, dict) and opened.document is not None:
            draft = self._drafts.get(path) or Draft(opened.document, opened.data)
            self._drafts.pop(path, None)
            text = draft.apply(data)
            source = self.cache.parse(path, text)
            if source.ok and plain(source.data) == data:
                self._drafts[path] = draft
                return text, source
        return self._faithful(path, opened, data)

    def _unrepresentable(self, source: Source, path: Path) -> str | None:
        """Why the form cannot show ``source`` faithfully, or None when it can."""
        model = Profil if self.kind(path) == PROFILE_KIND else SOP
        built = build_model(source, model)
        blocking = [d for d in built.diagnostics
                    if (d.code.startswith("SRC") and d.severity is Severity.ERROR)
                    or d.code in (dg.MOD_UNKNOWN_KEY.code, dg.MOD_WRONG_TYPE.code)]
        if not source.ok and not blocking:
            return "not a mapping"
        return "; ".join(f"{d.location}: {d.message}" for d in blocking[:5]) or None

    def _new_target(self, sop_id: str) -> Path:
        target = self.sources / f"{sop_id}.yaml"
        if target.exists() or (self.sources / f"{sop_id}.yml").exists():
            raise refuse(dg.CLI_EXISTS, 409, path=self.rel(target))
        return target

    def _profile(self, profile_id: object) -> Profil:
        for path in source_files(self.sources / PROFILE_FOLDER):
            built = build_model(self.cache.read(path), Profil)
            model = built.model
            if model is not None and model.pejabat and model.id == profile_id:
                return model
        raise refuse(dg.CLI_NO_PROFILE, path=self.rel(self.sources / PROFILE_FOLDER))
