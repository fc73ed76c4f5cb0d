"""The collector pause around loading a corpus (:func:`sop_docs.model.cache.paused_gc`):
off while loading, back as it was afterwards (also after an error), what was loaded
frozen, and garbage of earlier work collected rather than frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sop_docs.model.cache import paused_gc


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if was else gc.disable)()


def test_off_while_loading_and_restored_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_stays_off_when_it_was_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_restored_after_an_error() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("a broken source")
    assert gc.isenabled()


def test_loaded_objects_frozen_and_old_garbage_collected() -> None:
    gc.unfreeze()
    gc.collect()
    gc.disable()  # so that nothing but paused_gc collects the cycle below
    earlier = weakref.ref(_Cycle())  # garbage of earlier work: only a collection frees it
    assert earlier() is not None
    with paused_gc():
        loaded = [{"langkah": i} for i in range(1000)]
    assert gc.get_freeze_count() >= len(loaded)
    assert earlier() is None
