"""The wheel carries the dictionaries: an installed govcheck loads its built-in packs anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling (test extra)")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("govcheck-*.whl")
    return whl


def test_wheel_contains_dictionaries(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "govcheck/dictionaries/core/pack.yaml" in names
    assert "govcheck/dictionaries/README.md" in names
    rule_files = [n for n in names if n.startswith("govcheck/dictionaries/core/") and n.endswith(".yaml")]
    assert len([n for n in rule_files if not n.endswith("pack.yaml")]) >= 5


def test_installed_copy_loads_builtin_packs_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import govcheck, govcheck.packs as p\n"
        "print(govcheck.__file__)\n"
        "print([d.name for d in p.builtin_pack_dirs()])\n"
        "print([x.name for x in govcheck.check('测试。').packs])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith(str(site))
    assert lines[1] == "['core']" and "core" in lines[2]
