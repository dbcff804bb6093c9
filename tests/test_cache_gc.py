"""The collector pause around loading: it must hand the process back as it found it."""

from __future__ import annotations

import gc

from govcheck.cache import paused_gc


def test_paused_gc_restores_the_collector_state_and_nests():
    was = gc.isenabled()
    try:
        gc.enable()
        with paused_gc():
            assert not gc.isenabled()
            with paused_gc():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause found it off and leaves it off
        assert gc.isenabled()
        gc.disable()  # a host that runs without the collector keeps it off
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_loading_a_checker_leaves_the_collector_on():
    from govcheck.config import Config
    from govcheck.engine import Checker

    assert gc.isenabled()
    checker = Checker(Config(select=("TYP010",)))
    checker.check("会议审议通过了总休方案。")
    assert gc.isenabled()
