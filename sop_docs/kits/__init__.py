"""Collection kits: kit definitions, capaian rules, the cell map, identity, and generation.

Flow: ``kits/*.yaml`` -> :mod:`load` (located diagnostics) -> :mod:`model` (frozen) ->
:mod:`cells` (where everything sits) -> :mod:`generate` (one .xlsx per unit per cycle).
:mod:`capaian` holds the SAKIP rules in Python next to their Excel formulas; :mod:`identity`
the kit identity and fingerprint that merge reads back.
"""
