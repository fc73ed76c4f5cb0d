"""Verification and recomputation of returned kits: match, re-check, choose, accumulate.

Takes the intakes of :mod:`sop_docs.returns`, matches each to its kit definition by the
embedded identity, re-checks every rule of the definition, recomputes capaian and kategori
with :mod:`sop_docs.kits.capaian`, chooses one return per unit, and gives a verdict per unit.
"""
