"""Series across reports, checked on the synthetic multi-report set (eval/multi), whose truth eval/synth knows.

The 40 reports go through the ingest's own reading, parsing, chunking and figure extraction
(index.ingest minus the embedding, which the series does not read); each report's registry record
is built from its parsed metadata exactly as the ingest commits it.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from index.chunking import chunk_report
from index.ingest import _figures_json, report_level_meta
from index.loaders import load_file
from index.numbers import find_numbers
from index.store import DocRecord, chunk_metadata
from index.structure import parse_report
from qa import figures_series as fs
from qa import figures_table as ft
from ui import chart

ROOT = Path(__file__).resolve().parents[1]
MULTI = ROOT / "eval" / "multi"


def report_rows(path: Path) -> list[dict]:
    doc = load_file(path)
    report = parse_report(doc)
    chunks = chunk_report(report, "sha")
    meta = report_level_meta(report, doc.fmt)
    stored = [(c.chunk_id, c.text, chunk_metadata(c, {**meta, "order": i, "figures": _figures_json(c.body, c.footnotes)}))
              for i, c in enumerate(chunks)]
    record = DocRecord(source=path.name, sha256="sha", chunks=len(chunks), title=meta["title"], period=meta["period"],
                       province=meta["province"], fmt=doc.fmt, meta=meta)
    return ft.rows_for_report(stored, record)


@pytest.fixture(scope="module")
def rows():
    out = []
    for p in sorted(MULTI.glob("*.txt")):
        out += report_rows(p)
    return ft.number_rows(out)


@pytest.fixture(scope="module")
def truth():
    from eval.synth import generate_corpus
    reports = generate_corpus(40, 20231)
    assert [r.filename for r in reports] == sorted(p.name for p in MULTI.glob("*.txt")) or \
        sorted(r.filename for r in reports) == sorted(p.name for p in MULTI.glob("*.txt"))
    for r in reports:
        assert (MULTI / r.filename).read_text(encoding="utf-8") == r.text, "eval/multi is the seed's corpus"
    return reports


def truth_basis(report, fact) -> str:
    """The generator's meaning of a fact: from the start of the year ("scope" cum) is cumulative only when
    the report's period starts after January (``Period.has_cum``); otherwise it is the period's own figure."""
    return fs.BASIS_CUMULATIVE if fact.get("scope") == "cum" and report.period.has_cum else fs.BASIS_MONTH


def when_of(period) -> str:
    """The label ``Point.when`` gives the generator's period."""
    return {"month": f"{period.year}-{period.end:02d}", "quarter": f"{period.year}-Q{period.n}",
            "half": f"{period.year}-H{period.n}", "year": f"{period.year}"}[period.kind]


def _expected(truth, key, basis):
    """source -> (province, period, the fact's value in the base unit (đồng, USD)) for the facts of ``basis``."""
    out = {}
    for r in truth:
        fact = next((f for f in r.facts if f["key"] == key), None)
        if fact is not None and truth_basis(r, fact) == basis:
            out[r.filename] = (r.province, r.period, find_numbers(fact["answer"])[0].scaled)
    return out


@pytest.mark.parametrize("indicator, key, basis, unit", [
    ("thu ngân sách", "thu_ngan_sach", fs.BASIS_MONTH, "tỷ đồng"),
    ("thu NSNN", "thu_ngan_sach", fs.BASIS_MONTH, "tỷ đồng"),
    ("Tổng thu ngân sách nhà nước trên địa bàn", "thu_ngan_sach", fs.BASIS_MONTH, "tỷ đồng"),
    ("thu ngân sách", "thu_ngan_sach_cum", fs.BASIS_CUMULATIVE, "tỷ đồng"),
    ("kim ngạch xuất khẩu", "xnk_export", fs.BASIS_MONTH, "triệu USD"),
    ("vốn đầu tư công giải ngân", "dtc_total", fs.BASIS_CUMULATIVE, "tỷ đồng"),
    ("vốn đầu tư công giải ngân", "dtc_total", fs.BASIS_MONTH, "tỷ đồng"),
    ("kim ngạch xuất nhập khẩu", "xnk_total", fs.BASIS_MONTH, "triệu USD"),
    ("kim ngạch xuất nhập khẩu", "xnk_cum", fs.BASIS_CUMULATIVE, "triệu USD"),
])
def test_series_equals_the_generator_truth(rows, truth, indicator, key, basis, unit):
    expected = _expected(truth, key, basis)
    assert expected, "the corpus has facts of this key and basis"
    points = fs.series(rows, indicator, basis)
    got = {p.source: p for p in points}
    assert set(got) == set(expected), (set(expected) - set(got), set(got) - set(expected))
    div = fs.UNIT_SCALE["đồng" if unit == "tỷ đồng" else "USD"][1]
    for src, (province, period, scaled) in expected.items():
        p = got[src]
        assert p.unit == unit and p.basis == basis
        assert p.value * div == pytest.approx(scaled, rel=1e-9), src
        assert (p.province, p.year, p.period_kind, p.when) == (province, period.year, period.kind, when_of(period)), src
        assert p.value_text in p.sentence and p.source == src       # each point leads to its sentence


def test_the_corpus_has_every_period_kind(truth):
    """The truth test above covers months with cumulative figures, quarters, first halves and years."""
    kinds = {r.period.kind for r in truth}
    assert kinds == {"month", "quarter", "half", "year"}
    assert any(r.period.has_cum for r in truth) and any(not r.period.has_cum for r in truth)


def test_month_and_cumulative_are_kept_apart(rows, truth):
    both = fs.series(rows, "kim ngạch xuất nhập khẩu")
    month = [p for p in both if p.basis == fs.BASIS_MONTH]
    cum = [p for p in both if p.basis == fs.BASIS_CUMULATIVE]
    with_cum = {r.filename for r in truth if r.period.has_cum}
    assert len(month) == 40                      # every report has its own period's figure
    assert {p.source for p in cum} == with_cum   # only reports whose period starts after January add a cumulative one
    month_of = {p.source: p.value for p in month}
    assert all(p.value > month_of[p.source] for p in cum)   # from the start of the year: more than one month
    assert all(any(w in p.sentence.lower() for w in ("lũy kế", "tính chung")) for p in cum)


def test_from_january_is_the_period_itself():
    """"Lũy kế ... đến hết ngày 31/03" is cumulative in a monthly report, the period's own figure in a first
    quarter's, a first half's or a year's report; in a third quarter's report it is cumulative again."""
    sentence = "Lũy kế giải ngân kế hoạch vốn đầu tư công năm 2024 đến hết ngày 30/06/2024 ước đạt 801,5 tỷ đồng."
    row = {"sentence": sentence, "start": sentence.index("801,5"), "metric": "Lũy kế giải ngân vốn đầu tư công"}
    assert fs.basis_of({**row, "period_kind": "month", "period": "tháng 06/2024", "month": 6}) == fs.BASIS_CUMULATIVE
    assert fs.basis_of({**row, "period_kind": "month", "period": "tháng 01/2024", "month": 1}) == fs.BASIS_MONTH
    assert fs.basis_of({**row, "period_kind": "quarter", "period": "quý I/2024"}) == fs.BASIS_MONTH
    assert fs.basis_of({**row, "period_kind": "quarter", "period": "quý III/2024"}) == fs.BASIS_CUMULATIVE
    assert fs.basis_of({**row, "period_kind": "quarter", "period": "9 tháng năm 2024"}) == fs.BASIS_MONTH
    assert fs.basis_of({**row, "period_kind": "half", "period": "6 tháng đầu năm 2024"}) == fs.BASIS_MONTH
    assert fs.basis_of({**row, "period_kind": "half", "period": "6 tháng cuối năm 2024"}) == fs.BASIS_CUMULATIVE
    assert fs.basis_of({**row, "period_kind": "year", "period": "năm 2024"}) == fs.BASIS_MONTH
    assert fs.basis_of({**row, "period_kind": "", "period": ""}) == fs.BASIS_CUMULATIVE   # unknown period: as worded


def test_indicator_key_normalises_wordings_and_units():
    k = fs.indicator_key
    assert k("Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng 01") == k("thu NSNN") == k("thu ngân sách")
    assert k("Lũy kế giải ngân kế hoạch vốn đầu tư công năm 2024 đến hết ngày 31/08/2024") == \
        k("Giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm 2023 đến hết ngày 31/10/2023") \
        == k("vốn đầu tư công giải ngân")
    assert k("kim ngạch xuất khẩu") != k("kim ngạch xuất nhập khẩu")
    a = {"value": 418.1e9, "scaled": 418.1e9, "base_unit": "đồng", "kind": "number"}
    b = {"value": 418_100e6, "scaled": 418_100e6, "base_unit": "đồng", "kind": "number"}
    assert fs.normalised(a) == fs.normalised(b) == (pytest.approx(418.1), "tỷ đồng")
    assert fs.normalised({"value": 50e3, "scaled": 50e3, "base_unit": "tấn", "kind": "number"}) == (50.0, "nghìn tấn")


def test_series_table_chart_and_csv(rows, truth, tmp_path):
    points = fs.series(rows, "thu ngân sách")       # both bases: each report's own figure, then the cumulative ones
    n = 40 + sum(r.period.has_cum for r in truth)
    assert [p.basis for p in points] == [fs.BASIS_MONTH] * 40 + [fs.BASIS_CUMULATIVE] * (n - 40)
    table = fs.series_table(points)
    assert len(table) == n and table[0][3] == points[0].value_vn and "," in "".join(r[3] for r in table)
    drawn = chart.chart_rows(points)
    assert len(drawn) == n and all(re.fullmatch(r"\d{4}(?:-\d{2}|-Q[1-4]|-H[12])?", r["when"]) for r in drawn)
    assert {len(r["when"]) for r in drawn} == {4, 7}      # years; months, quarters and halves
    assert [r["value_vn"] for r in drawn] == [f"{p.value_vn} tỷ đồng" for p in points]
    ticks, labels = chart.value_axis([p.value for p in points])
    assert labels == [ft.fmt_vn(t) for t in ticks] and any("." in lab for lab in labels)   # thousands, Vietnamese
    path = fs.series_csv(points, tmp_path / "series.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert len(back) == n and back[0]["Giá trị"] == points[0].value_vn
    assert float(back[0]["Giá trị (số)"]) == pytest.approx(points[0].value)
    assert back[0]["Câu gốc"] == points[0].sentence


def test_indicators_lists_what_several_reports_share(rows):
    names = dict(fs.indicators(rows))
    assert any(fs.indicator_key(n) == fs.indicator_key("thu ngân sách") and c == 40 for n, c in names.items())
