"""A zoo report whose header block is deleted still answers its questions (issue 12, done-criterion).

Offices forward reports with the header table cut off, portals publish the body alone, and OCR loses the
first lines of a scan.  Metadata then comes from the title, the body and the file name, and when it
cannot, unknown never excludes.  Here every report of the format zoo loses everything above its title
("BÁO CÁO …": issuer, Quốc hiệu, number, place-and-date line), and the zoo's answerable questions are
asked of both stores: each report keeps at least 0.9 of the right answers its intact copy gives.

Every report meets it with the answerer of 2026-12-07 (measured: Krông Pắc 13 of 14, Gia Viễn 12 of 12; the
Gia Lai, Tân Lập and Thanh Hóa copies lose one each, Thanh Hóa's being "which office issued it").  A
question naming a district is answered from a report whose issuer is unknown, as unknown never excludes
(the first version of that rule ruled such reports out and cost Krông Pắc 3 and Gia Viễn 4 here; later,
requiring every name asked to be held by a passage or its report's issuer, 737a05b, cost them 7 and 3
until a district's or commune's report with no issuer was let hold its own unknown name).
The store build takes minutes: BAOCAO_BIG_TESTS=1 only.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from index.vntext import match_form
from qa.evaluation import _contains_any
from qa.pipeline import ask
from qa.system import System

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "eval" / "zoo"
TITLE = re.compile(r"^[ \t]*(BÁO CÁO|TÌNH HÌNH|Báo cáo)\b", re.M)


def headless(text: str) -> str:
    """The report from its title on: the header block above it deleted."""
    m = TITLE.search(text)
    assert m, "every zoo report has a title line"
    return text[m.start():]


def test_headless_cut_removes_the_header_block_and_keeps_the_title():
    text = (ZOO / "gialai_ubnd_9t-2025.txt").read_text(encoding="utf-8")
    cut = headless(text)
    assert cut.startswith("BÁO CÁO") and "Độc lập - Tự do" not in cut and "Số: 523" not in cut
    assert "ngày 06 tháng 10 năm 2025" not in cut.split("\n\n")[0]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    base = tmp_path_factory.mktemp("headless")
    cut_dir = base / "cut"
    cut_dir.mkdir()
    files = sorted(p for p in ZOO.iterdir() if p.is_file())
    for p in files:
        (cut_dir / p.name).write_text(headless(p.read_text(encoding="utf-8")), encoding="utf-8")
    intact, cut = System(db=base / "intact-db"), System(db=base / "cut-db")
    assert not intact.ingest([ZOO])["errors"]
    assert not cut.ingest([cut_dir])["errors"]
    texts = {p.name: match_form(p.read_text(encoding="utf-8")) for p in files}
    return intact, cut, texts


@pytest.mark.skipif(os.environ.get("BAOCAO_BIG_TESTS") != "1", reason="BAOCAO_BIG_TESTS=1 only")
def test_every_zoo_report_answers_without_its_header(stores):
    intact, cut, texts = stores
    per_report: dict[str, list[tuple[bool, bool]]] = {}
    for line in (ROOT / "eval" / "zoo.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if not q["answerable"]:
            continue
        owners = [name for name, t in texts.items() if any(match_form(e) in t for e in q["evidence"])]
        if len(owners) != 1:
            continue                                   # the sample's own questions: not a zoo report
        right = []
        for system in (intact, cut):
            a = ask(system, q["question"])
            right.append(not a.abstained and _contains_any(a.text, q["answers"]))
        per_report.setdefault(owners[0], []).append(tuple(right))
    assert len(per_report) == len(texts), f"questions for every zoo report: {sorted(per_report)}"
    short = {}
    for name, rows in per_report.items():
        whole, headless_right = sum(r[0] for r in rows), sum(r[1] for r in rows)
        if headless_right < 0.9 * whole:
            short[name] = (headless_right, whole, len(rows))
    assert not short, f"headless copies answer fewer than 0.9 of what the intact reports answer: {short}"
