"""Tests of the synthetic report/question generator (eval.synth).

Why: the multi-report evaluation set is only as good as its generator — the text must
follow the real report's extraction conventions, every evidence string must really be
in its report (in reading order), and the committed eval files must be reproducible.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys

import unicodedata
from pathlib import Path

import pytest

from eval import synth

ROOT = Path(__file__).resolve().parents[1]
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FN_PARA = re.compile(f"^([{SUP}]+) ")
MARKER = re.compile(f"(?<=\\S)[{SUP}]+")
HEADING = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*)\. ")
TERMINAL = tuple(".:;!?")


def _num(sup: str) -> int:
    return int(sup.translate(str.maketrans(SUP, "0123456789")))


@pytest.fixture(scope="module")
def corpus20():
    return synth.generate_corpus(20, 7)


# ---------------------------------------------------------------- an independent layout undo


def reconstruct(text: str) -> str:
    """Reading order from the printed text alone, written independently of the generator:
    lift footnotes out (a page-foot paragraph without marker that comes right before a
    marked footnote while the previous footnote is unfinished is its continuation), join
    body paragraphs that end without final punctuation, strip markers, and put each
    footnote after the paragraph citing it."""
    paras = text.strip("\n").split("\n\n")
    notes: dict[int, str] = {}
    is_note = [False] * len(paras)
    open_note = None
    for j, p in enumerate(paras):
        m = FN_PARA.match(p)
        if m:
            n = _num(m.group(1))
            notes[n] = p[m.end():]
            open_note = None if p.endswith(TERMINAL) else n
            is_note[j] = True
        elif open_note is not None and j + 1 < len(paras) and FN_PARA.match(paras[j + 1]):
            notes[open_note] += " " + p
            open_note = None
            is_note[j] = True
    body: list[str] = []
    in_body, glue = False, False
    for p, note in zip(paras, is_note):
        if note:
            continue
        in_body = (in_body or p.startswith("I. ")) and p != "Nơi nhận:"
        if glue:
            p = body.pop() + " " + p
        heading = bool(HEADING.match(p)) and len(p) <= 160 and not p.endswith(TERMINAL)
        glue = in_body and not heading and not p.endswith(TERMINAL)
        body.append(p)
    out: list[str] = []
    for p in body:
        out.append(MARKER.sub("", p))
        out.extend(notes[_num(x)] for x in MARKER.findall(p))
    return "\n\n".join(out)


# ---------------------------------------------------------------- determinism


def test_same_seed_same_text_different_seed_differs():
    a = synth.generate_corpus(6, 123)
    b = synth.generate_corpus(6, 123)
    c = synth.generate_corpus(6, 124)
    assert [r.text for r in a] == [r.text for r in b]
    assert [r.facts for r in a] == [r.facts for r in b]
    assert [r.text for r in a] != [r.text for r in c]
    r1 = synth.generate_report("Cao Bằng", 2024, 3, random.Random(5))
    r2 = synth.generate_report("Cao Bằng", 2024, 3, random.Random(5))
    r3 = synth.generate_report("Cao Bằng", 2024, 3, random.Random(6))
    assert r1.text == r2.text and r1.text != r3.text


def test_stable_across_hash_seeds(tmp_path):
    """No dependence on PYTHONHASHSEED (no set iteration, no hash())."""
    code = ("import hashlib,random,eval.synth as s;"
            "rs=s.generate_corpus(5,99);qs=s.generate_questions(rs,random.Random(1));"
            "print(hashlib.sha256(('|'.join(r.text for r in rs)+repr(qs)).encode()).hexdigest())")
    outs = set()
    for hs in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=hs)
        outs.add(subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                                text=True, check=True).stdout)
    assert len(outs) == 1


def test_corpus_grid_unique_slots():
    big = synth.generate_corpus(1000, 3)      # speed is the benchmark's to measure, not a test's
    assert len(big) == 1000
    slots = [(r.province, r.year, r.month) for r in big]
    assert len(set(slots)) == 1000
    assert len({r.filename for r in big}) == 1000
    assert all(2023 <= r.year <= 2025 for r in big)
    small = synth.generate_corpus(40, 20231)
    provs = {r.province for r in small}
    months = {(r.year, r.month) for r in small}
    assert len(provs) == 10 and len(months) == 4


# ---------------------------------------------------------------- structure


def test_text_conventions(corpus20):
    r = corpus20[0]
    t = r.text
    assert unicodedata.is_normalized("NFC", t)
    assert t.startswith("\n\nSố:") and not t.endswith("\n")
    paras = t.strip("\n").split("\n\n")
    assert re.fullmatch(r"Số: +/BC-UBND", paras[0])
    assert paras[1] == f"{r.province}, ngày tháng {r.month:02d} năm {r.year}"
    assert paras[2].startswith("BÁO CÁO\nTình hình kinh tế - xã hội tháng ")
    assert re.fullmatch(r"[a-z]+_ktxh_\d{4}-\d{2}\.txt", r.filename)
    assert r.filename.startswith(synth.strip_diacritics(r.province).lower().replace(" ", ""))
    assert "Nơi nhận:" in paras and "TM. ỦY BAN NHÂN DÂN" in t
    for s in (synth.vn_int(1226), synth.vn_num(1226.14), synth.vn_num(108.3), synth.vn_num(6.0)):
        assert s in ("1.226", "1.226,1", "108,3", "6")


def test_headings_in_order(corpus20):
    for r in corpus20:
        heads = [p for p in r.text.split("\n\n") if HEADING.match(p) and len(p) <= 160 and not p.endswith(TERMINAL)]
        nm, ny = (1, r.year + 1) if r.month == 12 else (r.month + 1, r.year)
        expected = ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
                    f"II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG {r.month:02d} NĂM {r.year}",
                    "1. Lĩnh vực phát triển kinh tế", "1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6.",
                    "2. Lĩnh vực văn hóa - xã hội", "3. Lĩnh vực chuyển đổi số", "4. ", "5. ", "6. ",
                    "7. Công tác cải cách hành chính", f"III. NHIỆM VỤ TRỌNG TÂM THÁNG {nm:02d} NĂM {ny}"]
        assert len(heads) == len(expected), heads
        for h, e in zip(heads, expected):
            assert h.startswith(e), (h, e)
        # part III: 8–12 numbered task items (long paragraphs, not headings)
        part3 = r.clean_text.split(expected[-1], 1)[1].split("Nơi nhận:")[0]
        items = re.findall(r"^(\d+)\. ", part3, flags=re.M)
        assert 8 <= len(items) <= 12 and items == [str(i) for i in range(1, len(items) + 1)]


def test_footnotes_numbered_once_and_layout(corpus20):
    continuation = cut_with_notes = cut_bare = 0
    for r in corpus20:
        paras = r.text.strip("\n").split("\n\n")
        bodies = [_num(m.group(1)) for p in paras if (m := FN_PARA.match(p))]
        refs = [_num(x) for p in paras if not FN_PARA.match(p) for x in MARKER.findall(p)]
        assert sorted(bodies) == list(range(1, len(bodies) + 1)) == bodies
        assert refs == bodies, "each marker 1..N cited once, in order"
        for j, p in enumerate(paras[:-1]):
            if HEADING.match(p) and len(p) <= 160 and not p.endswith(TERMINAL):
                assert not FN_PARA.match(paras[j + 1]), f"heading at a page end: {p}"
            if FN_PARA.match(p) and not p.endswith(TERMINAL):
                continuation += 1
        # mid-sentence page breaks, seen in reading order
        rec = reconstruct(r.text)
        assert rec == r.clean_text
        in_body = False
        for j, p in enumerate(paras[:-1]):
            in_body = (in_body or p.startswith("I. ")) and p != "Nơi nhận:"
            if in_body and not FN_PARA.match(p) and not p.endswith(TERMINAL) and not HEADING.match(p):
                if FN_PARA.match(paras[j + 1]):
                    cut_with_notes += 1
                else:
                    cut_bare += 1
    assert continuation >= 1 and cut_with_notes >= 1 and cut_bare >= 1


def test_text_differs_from_clean_only_by_layout(corpus20):
    for r in corpus20:
        assert synth.reading_order(r.text) == r.clean_text == reconstruct(r.text)
        # same words, only layout differs: drop markers and white space, compare multisets
        body = re.sub(r"\s+", "", MARKER.sub("", re.sub(f"(?m)^[{SUP}]+ ", "", r.text)))
        assert sorted(body) == sorted(re.sub(r"\s+", "", r.clean_text))


def test_facts_evidence_and_answers(corpus20):
    tags = {"footnote": 0, "page_break": 0}
    for r in corpus20:
        assert len(r.facts) > 40
        keys = [f["key"] for f in r.facts]
        assert len(keys) == len(set(keys))
        for f in r.facts:
            assert set(f) >= {"key", "question_template_fields", "answer", "evidence", "section"}
            assert f["evidence"] in r.clean_text
            assert f["answer"] in f["evidence"]
            assert f["section"] and f["section"][0][:3] in ("I. ", "II.", "III")
            tags["footnote"] += f["footnote"]
            tags["page_break"] += f["page_break"]
            if not f["page_break"]:  # then the evidence is printed in one piece
                assert f["evidence"] in MARKER.sub("", r.text)
    assert tags["footnote"] > 0 and tags["page_break"] > 0


def test_questions_format_and_uniqueness(corpus20):
    qs = synth.generate_questions(corpus20, random.Random(4), per_report=3)
    assert len({q["id"] for q in qs}) == len(qs)
    un = [q for q in qs if not q["answerable"]]
    assert len(un) >= 6
    texts = [(r, synth._norm(r.clean_text)) for r in corpus20]
    for q in qs:
        assert list(q) == ["id", "question", "answers", "evidence", "answerable", "tags"]
        assert "multi" in q["tags"] and q["question"].strip()
        if not q["answerable"]:
            assert q["answers"] == [] and q["evidence"] == [] and "unanswerable" in q["tags"]
            continue
        ev = synth._norm(q["evidence"][0])
        owners = [r for r, t in texts if ev in t]
        assert len(owners) == 1, q
        r = owners[0]
        assert q["answers"][0] in q["evidence"][0]
        assert q["evidence"][0] in r.clean_text
        qn = synth.strip_diacritics(q["question"]).lower()
        assert synth.strip_diacritics(r.province).lower() in qn
        assert re.search(rf"thang 0?{r.month}(/| nam ){r.year}\b", qn), q["question"]
    assert any("no_diacritics" in q["tags"] for q in qs)
    assert any("footnote" in q["tags"] for q in qs)
    assert any("page_break" in q["tags"] for q in qs)


def test_unanswerable_really_absent(corpus20):
    qs = synth.generate_questions(corpus20, random.Random(8), per_report=1, unanswerable=9)
    slots = {(synth.strip_diacritics(r.province).lower(), r.year, r.month) for r in corpus20}
    for q in qs:
        if q["answerable"]:
            continue
        qn = synth.strip_diacritics(q["question"]).lower()
        m = re.search(r"thang 0?(\d+)(?:/| nam )(\d{4})", qn)
        assert m
        ym = (int(m.group(2)), int(m.group(1)))
        in_corpus = [p for p, y, mo in slots if p in qn and (y, mo) == ym]
        if in_corpus:  # a present report: the subject must be one no report gives
            assert any(s in qn for s in ("sot xuat huyet", "thuy san khai thac", "chay no", "homestay"))


# ---------------------------------------------------------------- committed eval set


def test_eval_multi_reproducible(tmp_path):
    meta = json.loads((ROOT / "eval" / "multi_seed.json").read_text(encoding="utf-8"))
    assert meta["seed"] == 20231 and meta["reports"] == 40
    out, qfile = tmp_path / "multi", tmp_path / "multi.jsonl"
    rc = synth.main(["--reports", str(meta["reports"]), "--seed", str(meta["seed"]), "--out", str(out),
                     "--questions", str(qfile), "--questions-per-report", str(meta["questions_per_report"])])
    assert rc == 0
    committed = sorted(p.name for p in (ROOT / "eval" / "multi").glob("*.txt"))
    regenerated = sorted(p.name for p in out.glob("*.txt"))
    assert committed == regenerated and len(committed) == 40
    for name in committed:
        assert (ROOT / "eval" / "multi" / name).read_bytes() == (out / name).read_bytes(), name
    assert (ROOT / "eval" / "multi.jsonl").read_bytes() == qfile.read_bytes()
    qs = [json.loads(line) for line in qfile.read_text(encoding="utf-8").splitlines()]
    assert 70 <= len(qs) <= 100 and sum(not q["answerable"] for q in qs) >= 6


def test_cli_module_entry(tmp_path):
    r = subprocess.run([sys.executable, "-m", "eval.synth", "--reports", "3", "--seed", "1", "--out", str(tmp_path / "c")],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "c").glob("*.txt"))) == 3
    bad = subprocess.run([sys.executable, "-m", "eval.synth", "--reports", "999999", "--seed", "1", "--out", str(tmp_path / "d")],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "error" in bad.stderr


def test_december_rolls_over_to_january():
    r = synth.generate_report("Quảng Ninh", 2024, 12, random.Random(2))
    assert "Tình hình kinh tế - xã hội tháng 12 năm 2024,\nnhiệm vụ trọng tâm tháng 01 năm 2025" in r.text
    assert "\n\nIII. NHIỆM VỤ TRỌNG TÂM THÁNG 01 NĂM 2025\n\n" in r.text
    assert r.filename == "quangninh_ktxh_2024-12.txt"
    assert "1.2. Phát triển kinh tế cửa khẩu" in r.text  # border province
    jan = synth.generate_report("Bắc Ninh", 2024, 1, random.Random(2))
    assert "Giáp Thìn" in jan.text and "1.2. Phát triển kinh tế cửa khẩu" not in jan.text
