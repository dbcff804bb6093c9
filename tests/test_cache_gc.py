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


def test_the_big_word_sets_are_invisible_to_the_garbage_collector():
    """The lexicon's word sets hold ~250,000 strings. As frozensets, every full collection visited
    each member (~50 ms a time, several times in a long run); plain dicts of strings are never
    tracked. They must stay plain dicts (a dict subclass would be tracked again)."""
    import gc

    from govcheck.typo.lexicon import load_lexicon

    lex = load_lexicon()
    for name in ("strong", "names", "redup"):
        table = getattr(lex, name)
        assert type(table) is dict and not gc.is_tracked(table), name
    assert "总体" in lex.strong and "毛泽东" in lex.names and "研究" in lex.redup


def test_the_near_miss_engines_word_sets_are_untracked_too():
    import gc

    from govcheck.confusables import similar_shape, similar_sound
    from govcheck.typo.lexicon import load_lexicon
    from govcheck.typo.nearmiss import NearMissEngine

    lex = load_lexicon()
    eng = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, cover_freq=100, loose_names=["建康"])
    for table in (eng._rare, eng._names):
        assert type(table) is dict and not gc.is_tracked(table)
    assert "建康" in eng._rare and "建康" not in eng._names
