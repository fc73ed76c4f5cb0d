"""What a lint rule sees: one resolved SOP with its position map and the whole corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sop_docs.diagnostics import Diagnostic, Location
from sop_docs.model.corpus import Corpus, ResolvedSOP
from sop_docs.model.profile import Profil
from sop_docs.model.sop import SOP
from sop_docs.sources import Positions


@dataclass(frozen=True, slots=True)
class SopContext:
    """One SOP under lint: the resolved SOP, where its values stand, and the corpus."""

    resolved: ResolvedSOP
    positions: Positions
    corpus: Corpus

    @property
    def sop(self) -> SOP:
        return self.resolved.sop

    def at(self, *path: str | int, key: bool = False) -> Location:
        """Location of a value (or its key) of this SOP's source."""
        return self.positions.at(path, key=key)



@dataclass(frozen=True, slots=True)
class ProfileContext:
    """One office profile under lint, with its position map."""

    profil: Profil
    positions: Positions

    def at(self, *path: str | int) -> Location:
        return self.positions.at(path)


SopRule = Callable[[SopContext], Iterable[Diagnostic]]
ProfileRule = Callable[[ProfileContext], Iterable[Diagnostic]]

