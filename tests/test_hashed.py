"""Hashed secret-term packs: same findings as the plain list, no term in clear, clear errors."""

import random
from pathlib import Path

import pytest

from govcheck.cli import main
from govcheck.config import Config
from govcheck.engine import Checker
from govcheck.hashed import build_hashed_pack
from govcheck.packs import DictionaryError

TERMS = ["天河工程", "蓝鲸计划", "X-17项目", "青松行动", "三号楼改造", "工程"]


def plain_pack(folder: Path, terms) -> Path:
    folder.mkdir()
    (folder / "pack.yaml").write_text('name: plain\nversion: "1"\nprefixes: [ORP]\n', encoding="utf-8")
    (folder / "terms.tsv").write_text("\n".join(terms) + "\n", encoding="utf-8")
    (folder / "rules.yaml").write_text(
        "rules:\n  - rule_id: ORP001\n    kind: existence\n    title: t\n    category: secrecy\n"
        '    severity: blocker\n    message: "{match}"\n    source: s\n    table: terms.tsv\n',
        encoding="utf-8",
    )
    return folder


def spans(checker, text):
    return sorted((f.start, f.end, f.text) for f in checker.check(text).findings)


def test_same_findings_as_plain_list(tmp_path):
    rng = random.Random(3)
    han = [chr(c) for c in range(0x4E00, 0x9FA5)]
    terms = TERMS + ["".join(rng.choice(han) for _ in range(rng.choice([2, 3, 4, 6]))) for _ in range(300)]
    hashed = build_hashed_pack([(t, None) for t in terms], tmp_path / "h", name="org", prefix="ORG")
    plain = plain_pack(tmp_path / "p", terms)
    ch = Checker(Config(builtin_packs=False, packs=(str(hashed),)))
    cp = Checker(Config(builtin_packs=False, packs=(str(plain),)))
    texts = [
        "天河工程进展顺利，蓝鲸计划和X-17项目已立项。",
        "三号楼改造工程与青松行动同步推进。\n" + "".join(rng.choice(terms[6:]) + "，" for _ in range(20)),
        "与清单无关的一段正文，不应有任何发现。",
        "𠀀天河工程😀青松行动",  # characters beyond the BMP keep offsets aligned
        "ＸＡ天河工程",
    ]
    for text in texts:
        assert spans(ch, text) == spans(cp, text)
    assert len(spans(ch, texts[0])) == 3  # 天河工程 (工程 inside it is dropped, as for the plain list), 蓝鲸计划, X-17项目
    assert all(f.rule_id == "ORG001" for f in ch.check(texts[0]).findings)


def test_pack_holds_no_term_in_clear(tmp_path):
    pack = build_hashed_pack([(t, None) for t in TERMS], tmp_path / "h", name="org", prefix="ORG")
    blob = "".join(p.read_text(encoding="utf-8") for p in pack.iterdir())
    for term in TERMS:
        assert term not in blob
    assert "天" not in blob and "蓝" not in blob


def test_two_packs_of_one_list_differ(tmp_path):
    a = build_hashed_pack([("天河工程", None)], tmp_path / "a", name="a", prefix="ORA")
    b = build_hashed_pack([("天河工程", None)], tmp_path / "b", name="b", prefix="ORB")
    assert (a / "terms.hashed").read_text() != (b / "terms.hashed").read_text()


def test_per_term_severity(tmp_path):
    pack = build_hashed_pack([("天河工程", None), ("蓝鲸计划", "warning")], tmp_path / "h", name="org", prefix="ORG")
    c = Checker(Config(builtin_packs=False, packs=(str(pack),)))
    sev = {f.text: f.severity for f in c.check("天河工程与蓝鲸计划").findings}
    assert sev == {"天河工程": "blocker", "蓝鲸计划": "warning"}


def test_corrupt_pack_names_file_and_line(tmp_path):
    pack = build_hashed_pack([("天河工程", None)], tmp_path / "h", name="org", prefix="ORG")
    (pack / "terms.hashed").write_text("# header\nABAB\tnothex\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as exc:
        Checker(Config(builtin_packs=False, packs=(str(pack),))).check("x")
    assert exc.value.code == "GD011" and exc.value.line == 2


def test_cli_dict_hash(tmp_path, capsys):
    plain = tmp_path / "list.txt"
    plain.write_text("# 本单位涉密词\n天河工程\n蓝鲸计划\tserious\n", encoding="utf-8")
    out = tmp_path / "pack"
    assert main(["dict", "hash", str(plain), "-o", str(out), "--prefix", "ACM"]) == 0
    assert main(["dict", "hash", str(plain), "-o", str(out), "--prefix", "ACM"]) == 2  # exists
    assert main(["dict", "hash", str(plain), "-o", str(tmp_path / "p2"), "--prefix", "acm"]) == 2
    assert main(["dict", "hash", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "p3"), "--prefix", "ACM"]) == 2
    bad = tmp_path / "bad.txt"
    bad.write_text("天\n", encoding="utf-8")
    assert main(["dict", "hash", str(bad), "-o", str(tmp_path / "p4"), "--prefix", "ACM"]) == 2
    c = Checker(Config(builtin_packs=False, packs=(str(out),)))
    assert [(f.rule_id, f.text, f.severity) for f in c.check("蓝鲸计划启动").findings] == [("ACM001", "蓝鲸计划", "serious")]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("buckets", [2, 16, 64])
def test_any_bucket_count_matches_like_the_plain_list(tmp_path, buckets):
    pack = build_hashed_pack([(t, None) for t in TERMS], tmp_path / "h", name="org", prefix="ORG", buckets=buckets)
    plain = plain_pack(tmp_path / "p", TERMS)
    text = "天河工程、三号楼改造和青松行动，以及X-17项目。" * 3
    ch = Checker(Config(builtin_packs=False, packs=(str(pack),)))
    cp = Checker(Config(builtin_packs=False, packs=(str(plain),)))
    assert spans(ch, text) == spans(cp, text) and len(spans(ch, text)) == 12
