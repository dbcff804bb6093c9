"""Optional typo engines (extra govcheck[deep]): real loading code on tiny models built here.

Nothing is downloaded: a character-bigram ARPA file and a random two-layer BERT with its own
vocabulary are written to a temporary directory. Tests skip cleanly when kenlm or torch is missing.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from govcheck.config import Config, ConfigError
from govcheck.engine import Checker
from govcheck.typo.deep import EngineError, parse_engine

CORPUS = [
    "会议审议通过了总体方案",
    "要做好防汛抗旱工作",
    "确保人民群众生命安全和身体健康",
    "推进总体方案落实",
    "全面做好各项工作",
]


def write_bigram_arpa(path: Path, sentences: list) -> None:
    """A valid ARPA file: unigram and bigram log10 probabilities with a constant backoff.
    Each sentence is a string (characters are the tokens) or a list of tokens."""
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    for s in sentences:
        toks = ["<s>", *s, "</s>"]
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
    total = sum(uni.values())
    lines = ["\\data\\", f"ngram 1={len(uni) + 1}", f"ngram 2={len(bi)}", "", "\\1-grams:"]
    lines.append("-6.0\t<unk>\t0.0")
    for w, c in sorted(uni.items()):
        lp = -99.0 if w == "<s>" else math.log10(c / total)
        lines.append(f"{lp:.4f}\t{w}\t-0.5")
    lines += ["", "\\2-grams:"]
    for (a, b), c in sorted(bi.items()):
        lines.append(f"{math.log10(c / uni[a]):.4f}\t{a} {b}")
    lines += ["", "\\end\\", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_engine_strings_parse():
    assert parse_engine("kenlm:/m/zh.arpa?unit=word&threshold=2.5") == ("kenlm", "/m/zh.arpa", {"unit": "word", "threshold": "2.5"})
    assert parse_engine("macbert:/m/dir")[0:2] == ("macbert", "/m/dir")
    with pytest.raises(EngineError):
        parse_engine("kenlm")
    assert issubclass(EngineError, ConfigError)


def test_missing_model_file_is_a_config_error(tmp_path):
    chk = Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{tmp_path / 'missing.arpa'}"))
    with pytest.raises(ConfigError):
        chk.check("要做好防汛抗旱工做。")


def test_kenlm_engine_loads_an_arpa_file_and_judges_candidates(tmp_path):
    pytest.importorskip("kenlm")
    arpa = tmp_path / "tiny.arpa"
    write_bigram_arpa(arpa, CORPUS)
    chk = Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{arpa}?threshold=1.0"))
    report = chk.check("会议审议通过了总休方案。要做好防汛抗旱工做。")
    found = {(f.rule_id, f.text, f.suggestions[0]) for f in report.findings}
    assert ("TYP010", "工做", "工作") in found
    for f in report.findings:
        assert f.category == "typo" and 0.0 <= f.confidence <= 1.0
    # a correct sentence from the corpus stays clean
    assert Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{arpa}")).check("要做好防汛抗旱工作。").findings == []


def test_kenlm_engine_word_unit(tmp_path):
    pytest.importorskip("kenlm")
    arpa = tmp_path / "words.arpa"
    from govcheck.typo.lm import UnigramLM
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    lm = UnigramLM(tk.FREQ, tk.total)
    write_bigram_arpa(arpa, [lm.segment(s) for s in CORPUS])
    chk = Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{arpa}?unit=word&threshold=1.0"))
    report = chk.check("要做好防汛抗旱工做。")
    assert [(f.text, f.suggestions[0]) for f in report.findings] == [("工做", "工作")]


def _tiny_bert(folder: Path) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    chars = sorted(set("".join(CORPUS)) | set("休做键康"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    try:  # transformers 5: the vocabulary is passed directly
        tok = transformers.BertTokenizer(vocab={t: i for i, t in enumerate(vocab)})
    except TypeError:  # transformers 4: from a vocab file
        tok = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    assert len(tok) == len(vocab)
    tok.save_pretrained(str(folder))
    torch.manual_seed(0)
    cfg = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
        max_position_embeddings=160,
    )
    transformers.BertForMaskedLM(cfg).save_pretrained(str(folder))


def test_macbert_engine_runs_a_local_model(tmp_path):
    _tiny_bert(tmp_path)
    # threshold 0 and confusable_only=0: a random model proposes plenty; we check the plumbing
    chk = Checker(Config(select=("TYP010",), typo_engine=f"macbert:{tmp_path}?threshold=0&confusable_only=0"))
    text = "会议审议通过了总休方案。要做好防汛抗旱工做。"
    report = chk.check(text)
    assert report.findings, "a random model with no gate must propose something"
    for f in report.findings:
        assert f.rule_id == "TYP010" and f.category == "typo"
        assert text[f.start : f.end] == f.text and f.suggestions and len(f.suggestions[0]) == len(f.text)
    # with the default gate (p >= 0.7 and a confusable replacement) a random model stays quiet
    quiet = Checker(Config(select=("TYP010",), typo_engine=f"macbert:{tmp_path}")).check("要做好防汛抗旱工作。")
    assert quiet.findings == []


def test_macbert_missing_directory_is_a_config_error(tmp_path):
    chk = Checker(Config(select=("TYP010",), typo_engine=f"macbert:{tmp_path / 'nope'}"))
    with pytest.raises(ConfigError):
        chk.check("要做好防汛抗旱工作。")


def test_kenlm_scope_all_and_bad_options(tmp_path):
    pytest.importorskip("kenlm")
    arpa = tmp_path / "tiny.arpa"
    write_bigram_arpa(arpa, CORPUS)
    chk = Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{arpa}?scope=all&threshold=1.0"))
    found = [(f.text, f.suggestions[0]) for f in chk.check("要做好防汛抗旱工做。").findings]
    assert ("工做", "工作") in found
    for bad in ("scope=everything", "unit=syllable"):
        with pytest.raises(ConfigError):
            Checker(Config(select=("TYP010",), typo_engine=f"kenlm:{arpa}?{bad}")).check("要做好工作。")
