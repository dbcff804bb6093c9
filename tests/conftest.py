from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_PACK = FIXTURES / "packs" / "demo"


@pytest.fixture(scope="session")
def demo_checker():
    from govcheck import Config
    from govcheck.engine import Checker

    return Checker(Config(builtin_packs=False, packs=(str(DEMO_PACK),)))


@pytest.fixture(scope="session")
def core_checker():
    """The shipped packs with default settings, loaded once for the whole run."""
    from govcheck.engine import Checker
    from govcheck import Config

    return Checker(Config())
