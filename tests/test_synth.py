"""Tests of the synthetic report/question generator (eval.synth).

Why: the multi-report evaluation set is only as good as its generator — the text must
follow the real report's extraction conventions, every evidence string must really be
in its report (in reading order), and the committed eval files must be reproducible.
"""

from __future__ import annotations

import hashlib
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
    in_body, glue, ended = False, False, False
    for p, note in zip(paras, is_note):
        if note:
            continue
        looks_heading = bool(HEADING.match(p)) and len(p) <= 160 and not p.endswith(TERMINAL)
        in_body = (in_body or (looks_heading and not ended)) and p != "Nơi nhận:"
        ended = ended or p == "Nơi nhận:"
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
    r1 = synth.generate_report("Cao Bằng", (2024, 3), random.Random(5))
    r2 = synth.generate_report("Cao Bằng", (2024, 3), random.Random(5))
    r3 = synth.generate_report("Cao Bằng", (2024, 3), random.Random(6))
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
    slots = [(r.province, r.year, r.month) for r in big]   # a province's periods end in distinct months
    assert len(set(slots)) == 1000
    assert len({r.filename for r in big}) == 1000
    assert all(2023 <= r.year <= 2025 for r in big)
    small = synth.generate_corpus(40, 20231)
    provs = {r.province for r in small}
    periods = {r.period for r in small}
    assert len(provs) == 10 and len(periods) == 4
    assert {p.kind for p in periods} == set(synth.PERIOD_KINDS)     # month, quarter, half, year
    assert {r.level for r in small} == set(synth.LEVELS)


# ---------------------------------------------------------------- structure


def test_text_conventions(corpus20):
    for r in corpus20:
        t = r.text
        assert unicodedata.is_normalized("NFC", t)
        assert t.startswith("\n\n") and not t.endswith("\n")
        front = t.strip("\n").split("\n\n")[:8]
        assert any(re.match(r"Số: +(\d+)?/BC-(UBND|CTK|SKHĐT|STC)\b", p) for p in front), front
        date = re.search(r"(^|\t|, )[Nn]gày (\d+ )?tháng (\d+) năm (\d{4})", "\n".join(front), re.M)
        assert date and 0 <= (int(date.group(4)) - r.year) * 12 + int(date.group(3)) - r.month <= 1
        title = next(p for p in front if p.startswith(("BÁO CÁO\n", "TÌNH HÌNH KINH TẾ - XÃ HỘI\n")))
        assert str(r.year) in title
        assert re.fullmatch(r"[a-z]+_(ubnd|ctk|skhdt|stc|ubndhuyen)_(\d{4}-\d{2}|q[1-4]-\d{4}|6t-\d{4}|\d{4})\.txt", r.filename)
        assert r.filename.startswith(synth.strip_diacritics(r.province).lower().replace(" ", ""))
        assert "Nơi nhận:" in t.split("\n\n")
    for s in (synth.vn_int(1226), synth.vn_num(1226.14), synth.vn_num(108.3), synth.vn_num(6.0)):
        assert s in ("1.226", "1.226,1", "108,3", "6")


def _period_upper(per) -> str:
    """What a heading may say of the period (any month style)."""
    if per.kind == "month":
        return rf"THÁNG (?:{per.n:02d}|{per.n}|{synth.MONTH_WORDS[per.n - 1].upper()})(?: VÀ {per.end} THÁNG)? NĂM {per.year}"
    if per.kind == "quarter":
        return rf"QUÝ {synth.ROMAN[per.n - 1]}(?: VÀ {per.end} THÁNG| VÀ CẢ)? NĂM {per.year}"
    return rf"6 THÁNG ĐẦU NĂM {per.year}" if per.kind == "half" else rf"NĂM {per.year}"


def test_headings_in_order(corpus20):
    for r in corpus20:
        heads = [p for p in r.text.split("\n\n") if HEADING.match(p) and len(p) <= 160 and not p.endswith(TERMINAL)]
        nxt = r.period.next()
        plan = {"month": rf"NHIỆM VỤ TRỌNG TÂM {_period_upper(nxt)}", "quarter": rf"NHIỆM VỤ TRỌNG TÂM {_period_upper(nxt)}",
                "half": rf"PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {r.year}",
                "year": rf"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {r.year + 1}"}[r.period.kind]
        middle = ["1. Lĩnh vực phát triển kinh tế", "1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6.",
                  "2. Lĩnh vực văn hóa - xã hội", "3. Lĩnh vực chuyển đổi số", "4. ", "5. ", "6. ",
                  "7. Công tác cải cách hành chính"]
        if r.level == "ctk":   # statistics: figures only, no direction or tasks of its own
            expected = middle
        else:
            expected = ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", rf"II. TÌNH HÌNH KINH TẾ - XÃ HỘI {_period_upper(r.period)}$"] + middle + [
                rf"III. {plan}$"]
        assert len(heads) == len(expected), heads
        for h, e in zip(heads, expected):
            assert re.match(re.escape(e) if not e.endswith("$") else e, h), (h, e)
        if r.level == "ctk":
            continue
        # part III: 8–12 numbered task items (long paragraphs, not headings)
        part3 = r.clean_text.split(heads[-1], 1)[1].split("Nơi nhận:")[0]
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
        in_body = ended = False
        for j, p in enumerate(paras[:-1]):
            head = bool(HEADING.match(p)) and len(p) <= 160 and not p.endswith(TERMINAL)
            in_body = (in_body or (head and not ended)) and p != "Nơi nhận:"
            ended = ended or p == "Nơi nhận:"
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
            assert f["section"] and HEADING.match(f["section"][0])
            tags["footnote"] += f["footnote"]
            tags["page_break"] += f["page_break"]
            if not f["page_break"]:  # then the evidence is printed in one piece
                assert f["evidence"] in MARKER.sub("", r.text)
    assert tags["footnote"] > 0 and tags["page_break"] > 0


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
MONTH_SAID = {"muoi hai": 12, "muoi mot": 11, "muoi": 10, "gieng": 1}


def named_period(q: str, ref_year: int) -> tuple[str, int, int] | None:
    """(kind, year, last month) of the period a question names, read independently of the
    generator: "tháng 10/2023", "T10/2023", "tháng mười năm 2023", "quý III/2024", "Q3/2024",
    "nửa đầu 2024", "10 tháng đầu năm 2023", "từ đầu năm đến hết tháng 10/2023", "cả năm 2024",
    and "năm nay"/"năm ngoái" counted from ``ref_year``. kind "cum": from the start of the year."""
    qn = synth.strip_diacritics(q).lower()
    rel = {"nay": ref_year, "ngoai": ref_year - 1}
    year = r"(\d{4}|nay|ngoai)"

    def y(s):
        return rel[s] if s in rel else int(s)
    for pat in (rf"(\d{{1,2}}) thang dau(?: nam)? {year}", rf"den het thang (\d{{1,2}})/{year}",
                rf"cong don (\d{{1,2}}) thang nam {year}"):
        m = re.search(pat, qn)
        if m:
            return "cum", y(m.group(2)), int(m.group(1))
    m = re.search(rf"toi het quy (\d)/{year}", qn)
    if m:
        return "cum", y(m.group(2)), 3 * int(m.group(1))
    m = re.search(rf"\b(?:thang |t)(\d{{1,2}})(?:/|-| nam | ){year}\b", qn)
    if m:
        return "month", y(m.group(2)), int(m.group(1))
    m = re.search(rf"\bthang (muoi hai|muoi mot|muoi|gieng) nam {year}", qn)
    if m:
        return "month", y(m.group(2)), MONTH_SAID[m.group(1)]
    m = re.search(rf"\b(?:quy |q)(iv|iii|ii|i|\d)(?:/| nam ){year}", qn)
    if m:
        n = ROMAN.get(m.group(1)) or int(m.group(1))
        return "quarter", y(m.group(2)), 3 * n
    m = re.search(rf"\bnua dau(?: nam)? {year}", qn)
    if m:
        return "half", y(m.group(1)), 6
    m = re.search(rf"\bnam {year}\b", qn)
    if m:
        return "year", y(m.group(1)), 12
    return None


def test_questions_format_and_uniqueness(corpus20):
    qs = synth.generate_questions(corpus20, random.Random(4), per_report=3)
    assert len({q["id"] for q in qs}) == len(qs)
    un = [q for q in qs if not q["answerable"]]
    assert len(un) >= 6
    ref = max(r.year for r in corpus20)
    texts = [(r, synth._norm(r.clean_text)) for r in corpus20]
    for q in qs:
        assert list(q) == ["id", "question", "answers", "evidence", "answerable", "tags"]
        assert "multi" in q["tags"] and q["question"].strip()
        splits = [t for t in q["tags"] if t.startswith("split:")]
        want = "split:test" if int(hashlib.sha1(q["id"].encode()).hexdigest(), 16) % 2 else "split:dev"
        assert splits == [want]
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
        # the question names what makes its report unique: the place and the period
        assert synth.strip_diacritics(r.province).lower() in qn
        if r.level == "huyen":
            assert synth.strip_diacritics(r.district).lower() in qn
        kind, year, end = named_period(q["question"], ref)
        assert (year, end) == (r.period.year, r.period.end), (q["question"], r.period)
        if "cumulative" not in q["tags"]:
            assert kind == r.period.kind, (q["question"], r.period)
    assert any("no_diacritics" in q["tags"] for q in qs)
    assert any("footnote" in q["tags"] for q in qs)
    assert any("page_break" in q["tags"] for q in qs)
    assert any("cumulative" in q["tags"] for q in qs)


def test_questions_in_own_words(corpus20):
    """No question shares five consecutive words with a report (the project allows 20 %; the
    generator retries until none does); the figure is named in several ways."""
    qs = synth.generate_questions(corpus20, random.Random(11), per_report=3)
    grams = set()
    for r in corpus20:
        w = re.findall(r"\w+", r.text.lower())
        grams.update(tuple(w[i:i + 5]) for i in range(len(w) - 4))
    copying = [q["question"] for q in qs if (lambda w: any(tuple(w[i:i + 5]) in grams for i in range(len(w) - 4)))(
        re.findall(r"\w+", q["question"].lower()))]
    assert len(copying) <= 0.05 * len(qs), copying
    starts = {re.sub(r"\W.*", "", synth.strip_diacritics(q["question"]).lower()) for q in qs}
    assert len(starts) >= 8     # not one template


def test_unanswerable_really_absent(corpus20):
    qs = synth.generate_questions(corpus20, random.Random(8), per_report=1, unanswerable=9)
    ref = max(r.year for r in corpus20)
    kinds = set()
    for q in qs:
        if q["answerable"]:
            continue
        qn = synth.strip_diacritics(q["question"]).lower()
        named = named_period(q["question"], ref)
        assert named, q["question"]
        kind, year, end = named
        provs = [r for r in corpus20 if synth.strip_diacritics(r.province).lower() in qn]
        if not provs:
            kinds.add("province")
            continue
        same = [r for r in provs if (r.period.year, r.period.end) == (year, end)]
        if same:  # a report that exists: the figure must be one no report gives
            kinds.add("figure")
            assert any(s in qn for s in ("sot xuat huyet", "thuy san khai thac", "ca danh bat", "vu chay", "hoa hoan", "homestay"))
        else:
            kinds.add("period")   # and no report of the province covers any part of it
            start = end - {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind] + 1
            assert not any(r.period.year == year and r.period.start <= end and start <= r.period.end for r in provs), q
    assert kinds == {"province", "period", "figure"}


def test_issuers_periods_and_layouts_vary():
    rs = synth.generate_corpus(120, 5)
    texts = [r.text for r in rs]
    fronts = [t.split("\n\n1. ")[0].split("\n\nI. ")[0] for t in texts]
    assert {r.level for r in rs} == set(synth.LEVELS)
    assert {r.period.kind for r in rs} == set(synth.PERIOD_KINDS)
    joined = "\n".join(fronts)
    for needle in ("CỤC THỐNG KÊ TỈNH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "ỦY BAN NHÂN DÂN\nHUYỆN ", "quý III", "6 tháng đầu năm",
                   "Tình hình kinh tế - xã hội năm ", "THÁNG MƯỜI", " và 10 tháng năm "):
        assert needle in joined, needle
    qh = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert any(f.index(qh) < f.index("ỦY BAN NHÂN DÂN") for f in fronts if qh in f and "ỦY BAN NHÂN DÂN" in f)
    assert any(0 < f.index(qh) and f.index("ỦY BAN NHÂN DÂN") < f.index(qh) for f in fronts if qh in f and "ỦY BAN NHÂN DÂN" in f)
    assert any(re.search(r"ỦY BAN NHÂN DÂN\nCỘNG HÒA", f) for f in fronts)          # two columns read row by row
    assert any(re.search(r"ỦY BAN NHÂN DÂN +CỘNG HÒA", f) for f in fronts)           # side by side on one line
    assert any(qh not in f for f in fronts)                                            # the sample's bare header
    assert any(re.search(r"(^|\n)Ngày (\d+ )?tháng", f) for f in fronts)              # a date line without the place
    for r, f in zip(rs, fronts):
        if r.level == "huyen":   # the district's report names its province in its opening
            assert r.district in f and synth.DISTRICTS[r.province].count(r.district) == 1
            assert f"UBND {synth._BY_NAME[r.province].full}" in r.text
        if r.level == "ctk":     # statistics office: the province only in the header, "tỉnh" in the body
            body = r.text[len(f):].split("Nơi nhận:")[0]
            full = synth._BY_NAME[r.province].full
            assert full not in body and full.split()[0] in body


def test_period_model():
    P = synth.Period
    assert P.quarter(2024, 3) != P.month(2024, 9) and P.quarter(2024, 3).end == 9
    assert P.month(2024, 12).next() == P.month(2025, 1) and P.quarter(2024, 4).next() == P.quarter(2025, 1)
    assert [p.code for p in (P.month(2023, 2), P.quarter(2024, 3), P.half(2024), P.whole_year(2025))] == \
        ["2023-02", "q3-2024", "6t-2024", "2025"]
    assert P.month(2023, 10).has_cum and not P.quarter(2024, 1).has_cum and not P.whole_year(2024).has_cum
    r = synth.generate_report("Thái Nguyên", P.month(2023, 10), random.Random(3), level="ctk")
    assert r.filename == "thainguyen_ctk_2023-10.txt" and r.issuer == "Cục Thống kê tỉnh Thái Nguyên"
    cum = [f for f in r.facts if f["scope"] == "cum"]
    assert {"xnk_cum", "thu_ngan_sach_cum", "khach_du_lich_cum"} <= {f["key"] for f in cum}
    q = synth.generate_report("Hà Giang", P.quarter(2024, 3), random.Random(3), level="tinh")
    assert "quý III" in q.text and "Trong quý" in q.clean_text and "Trong tháng" not in q.clean_text


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
    assert all(sum(t.startswith("split:") for t in q["tags"]) == 1 for q in qs)
    assert {t for q in qs for t in q["tags"] if t.startswith("period:")} == {f"period:{k}" for k in synth.PERIOD_KINDS}


def test_cli_module_entry(tmp_path):
    r = subprocess.run([sys.executable, "-m", "eval.synth", "--reports", "3", "--seed", "1", "--out", str(tmp_path / "c")],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "c").glob("*.txt"))) == 3
    bad = subprocess.run([sys.executable, "-m", "eval.synth", "--reports", "999999", "--seed", "1", "--out", str(tmp_path / "d")],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "error" in bad.stderr


def test_december_rolls_over_to_january():
    r = synth.generate_report("Quảng Ninh", (2024, 12), random.Random(2), level="tinh")
    assert re.search(r"nhiệm vụ trọng tâm tháng (01|1|Một) năm 2025", r.text)
    assert re.search(r"\n\nIII\. NHIỆM VỤ TRỌNG TÂM THÁNG (01|1|MỘT) NĂM 2025\n\n", r.text)
    assert r.filename == "quangninh_ubnd_2024-12.txt"
    assert "1.2. Phát triển kinh tế cửa khẩu" in r.text  # border province
    jan = synth.generate_report("Bắc Ninh", (2024, 1), random.Random(2), level="so")
    assert "Giáp Thìn" in jan.text and "1.2. Phát triển kinh tế cửa khẩu" not in jan.text
    year = synth.generate_report("Quảng Ninh", synth.Period.whole_year(2024), random.Random(2), level="tinh")
    assert "\n\nIII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n\n" in year.text
