"""Lint rules on actors (pelaksana) and steps (langkah): references, ids, flow, symbols."""

from __future__ import annotations

from collections.abc import Iterator

from sop_docs import diagnostics as dg
from sop_docs.diagnostics import Diagnostic
from sop_docs.i18n import tr
from sop_docs.lint.context import SopContext
from sop_docs.lint.flow import closed_loops, edges, reachable, reverse
from sop_docs.model.build import did_you_mean, dotted
from sop_docs.model.sop import Simbol


def unknown_actor(ctx: SopContext) -> Iterator[Diagnostic]:
    """A step names a pelaksana id that is not declared in 'pelaksana'."""
    declared = {p.id for p in ctx.sop.pelaksana}
    for i, step in enumerate(ctx.sop.langkah):
        for j, ref in enumerate(step.pelaksana):
            if ref not in declared:
                hint = did_you_mean(ref, declared, tr("pelaksana yang dideklarasikan",
                                                      "declared pelaksana"))
                yield dg.make(dg.LNT_UNKNOWN_ACTOR, ctx.at("langkah", i, "pelaksana", j),
                              ref=ref, hint=hint)


def repeated_actor(ctx: SopContext) -> Iterator[Diagnostic]:
    """A step names the same pelaksana twice (the sheet would draw one symbol for both)."""
    for i, step in enumerate(ctx.sop.langkah):
        first: dict[str, int] = {}
        for j, ref in enumerate(step.pelaksana):
            if ref in first:
                line = ctx.positions.value(("langkah", i, "pelaksana", first[ref]))[0]
                yield dg.make(dg.LNT_DUPLICATE_ITEM, ctx.at("langkah", i, "pelaksana", j),
                              list=dotted(("langkah", i, "pelaksana")), first_line=line,
                              item=ref)
            else:
                first[ref] = j


def unknown_step(ctx: SopContext) -> Iterator[Diagnostic]:
    """A 'ke' or a 'cabang' target names a step id that does not exist."""
    ids = ctx.sop.step_index
    for i, step in enumerate(ctx.sop.langkah):
        targets: list[tuple[tuple[str | int, ...], str]] = [
            (("langkah", i, "cabang", k, "ke"), c.ke) for k, c in enumerate(step.cabang)
        ]
        if step.ke is not None:
            targets.insert(0, (("langkah", i, "ke"), step.ke))
        for path, ref in targets:
            if ref not in ids:
                yield dg.make(dg.LNT_UNKNOWN_STEP, ctx.at(*path), ref=ref,
                              hint=did_you_mean(ref, ids, tr("id langkah", "step ids")))


def duplicate_ids(ctx: SopContext) -> Iterator[Diagnostic]:
    """Two steps, or two pelaksana, share one id."""
    lists = (("pelaksana", [p.id for p in ctx.sop.pelaksana]),
             ("langkah", [s.id for s in ctx.sop.langkah]))
    for kind, ids in lists:
        first: dict[str, int] = {}
        for i, item_id in enumerate(ids):
            if item_id in first:
                line = ctx.positions.value((kind, first[item_id], "id"))[0]
                yield dg.make(dg.LNT_DUPLICATE_ID, ctx.at(kind, i, "id"),
                              kind=kind, id=item_id, first_line=line)
            else:
                first[item_id] = i


def _ids_unique(ctx: SopContext) -> bool:
    """Whether every step has its own id.  The flow rules wait for that: with a duplicated
    id the flow is ambiguous, and its loops and unreachable steps would be cascades of the
    one real problem (LNT003), pointing elsewhere."""
    return len(ctx.sop.step_index) == len(ctx.sop.langkah)


def unreachable(ctx: SopContext) -> Iterator[Diagnostic]:
    """A step no path from the first step leads to."""
    if not _ids_unique(ctx):
        return
    graph = edges(ctx.sop)
    seen = reachable(graph, [ctx.sop.langkah[0].id])
    for i, step in enumerate(ctx.sop.langkah):
        if step.id not in seen:
            yield dg.make(dg.LNT_UNREACHABLE, ctx.at("langkah", i, "id"), id=step.id)


def no_path_to_end(ctx: SopContext) -> Iterator[Diagnostic]:
    """A step from which no path reaches an end (a step with no successor).

    Steps caught in, or running into, a loop nothing leaves are left to ``loop_no_exit``.
    """
    if not _ids_unique(ctx):
        return
    graph = edges(ctx.sop)
    ends = [s.id for s in ctx.sop.langkah if not ctx.sop.successors(s)]
    back = reverse(graph)
    settled = reachable(back, ends) | reachable(back, [n for c in closed_loops(graph) for n in c])
    for i, step in enumerate(ctx.sop.langkah):
        if step.id not in settled:
            settled.add(step.id)  # report a duplicated id once
            yield dg.make(dg.LNT_NO_PATH_TO_END, ctx.at("langkah", i, "id"), id=step.id)


def decision_exits(ctx: SopContext) -> Iterator[Diagnostic]:
    """A decision must have exactly two exits with two different labels."""
    for i, step in enumerate(ctx.sop.langkah):
        if not step.cabang and step.simbol is not Simbol.KEPUTUSAN:
            continue
        labels = {c.label.strip().casefold() for c in step.cabang}
        if len(step.cabang) != 2 or len(labels) != 2:
            yield dg.make(dg.LNT_DECISION_EXITS, ctx.at("langkah", i, "id"),
                          id=step.id, count=len(labels))


def loop_no_exit(ctx: SopContext) -> Iterator[Diagnostic]:
    """Steps that lead only to each other: the procedure could never finish."""
    if not _ids_unique(ctx):
        return
    for loop in closed_loops(edges(ctx.sop)):
        index = ctx.sop.step_index[loop[0]]
        yield dg.make(dg.LNT_LOOP_NO_EXIT, ctx.at("langkah", index, "id"),
                      ids=", ".join(loop))


def unused_actor(ctx: SopContext) -> Iterator[Diagnostic]:
    """A declared pelaksana that no step uses (an empty column on the sheet)."""
    used = {ref for step in ctx.sop.langkah for ref in step.pelaksana}
    for i, actor in enumerate(ctx.sop.pelaksana):
        if actor.id not in used:
            yield dg.make(dg.LNT_UNUSED_ACTOR, ctx.at("pelaksana", i, "id"), id=actor.id)


def waktu(ctx: SopContext) -> Iterator[Diagnostic]:
    """Every step states a waktu with a value and unit that can be totalled (a bare number
    takes the SOP's or the project's ``satuan_waktu``)."""
    for i, step in enumerate(ctx.sop.langkah):
        if step.waktu is None or not step.waktu.teks:
            yield dg.make(dg.LNT_WAKTU_MISSING, ctx.at("langkah", i, "id"), id=step.id)
        elif step.waktu.nilai is None or ctx.resolved.satuan(step.waktu) is None:
            yield dg.make(dg.LNT_WAKTU, ctx.at("langkah", i, "waktu"), text=step.waktu.teks)


def symbol_mismatch(ctx: SopContext) -> Iterator[Diagnostic]:
    """An explicit 'simbol' that contradicts the step's place in the flow."""
    last = len(ctx.sop.langkah) - 1
    for i, step in enumerate(ctx.sop.langkah):
        if step.simbol is None or step.simbol is Simbol.KEPUTUSAN:
            continue
        if step.cabang:
            reason = tr("langkah ini memiliki cabang keputusan ('cabang')",
                        "it has decision exits ('cabang')")
            hint = tr("pakai 'simbol: keputusan' atau hapus simbolnya",
                      "use 'simbol: keputusan' or drop it")
        elif step.simbol is Simbol.TERMINATOR and 0 < i < last:
            reason = tr("langkah ini bukan langkah pertama atau terakhir",
                        "it is neither the first nor the last step")
            hint = tr("pakai 'simbol: proses'", "use 'simbol: proses'")
        else:
            continue
        yield dg.make(dg.LNT_SYMBOL_MISMATCH, ctx.at("langkah", i, "simbol"),
                      id=step.id, simbol=step.simbol.value, reason=reason, hint=hint)
