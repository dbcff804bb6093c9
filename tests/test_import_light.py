"""`import govcheck` stays light: no torch, transformers, pycorrector, jieba or matcher at import."""

from __future__ import annotations

import subprocess
import sys


def test_import_pulls_no_heavy_modules():
    code = (
        "import sys, govcheck\n"
        "heavy = [m for m in ('torch', 'transformers', 'pycorrector', 'jieba', 'ahocorasick_rs') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_first_check_loads_no_torch():
    code = (
        "import sys, govcheck\n"
        "govcheck.check('纪念中华人民共和国成立。这是一段普通的文字。')\n"
        "print(','.join(m for m in ('torch', 'transformers', 'pycorrector') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
