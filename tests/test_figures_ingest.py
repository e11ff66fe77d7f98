"""Figures extracted at ingest reach the journalists' table, the `baocao figures` command and the CSV."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa import figures_table as ft
from qa.figures_table import figure_rows, filter_rows

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rows(sample_system):
    return figure_rows(sample_system)


def test_body_and_footnote_figures_are_in_the_table(rows):
    raws = {r["raw"] for r in rows}
    assert "250 triệu USD" in raws                      # body, section 1.2
    assert any(r["raw"].startswith("28.100 con") for r in rows)   # footnote 2 (đàn bò)
    bo = next(r for r in rows if r["raw"].startswith("28.100 con"))
    assert bo["section"].endswith("1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới")
    assert "giảm 2,25%" in bo["comparison"]
    oda = filter_rows(rows, "von nuoc ngoai")
    assert any("224,8" in r["raw"] for r in oda)         # footnote 4's continuation, in section 1.3


def test_rows_carry_the_report_metadata_of_the_registry(rows, sample_system):
    rec = sample_system.documents()["langson_ktxh_2023-01.txt"]
    assert rec.province and rec.period
    assert all(r["province"] == rec.province and r["period"] == rec.period for r in rows)


def test_issue_rows_as_printed(rows):
    by_text = {r["value_text"]: r for r in rows}
    ratio = by_text["15/55"]
    assert (ratio["value"], ratio["numerator"], ratio["denominator"], ratio["unit"]) == (None, 15.0, 55.0, "cuộc")
    rng = by_text["1.000 - 1.200"]
    assert (rng["value"], rng["value_low"], rng["value_high"]) == (None, 1000.0, 1200.0)
    assert by_text["52 tỷ"]["metric"].startswith("chi chương trình mục tiêu quốc gia")
    assert by_text["61,5 triệu"]["metric"] == "số tiền nộp ngân sách nhà nước"
    assert by_text["418,1 tỷ"]["value"] == 418_100_000_000.0
    # non-statistics are gone
    assert not {"5", "3", "01"} & {r["value_text"] for r in rows if r["unit"] in ("năm", "cấp")}
    assert not any(r["unit"] in ("năm", "cấp") for r in rows)


# ---------------------------------------------------------------- Vietnamese numbers

@pytest.mark.parametrize("x, text", [
    (418.1, "418,1"), (467245, "467.245"), (1226.1, "1.226,1"), (0.81, "0,81"), (250.0, "250"),
    (1_000_000, "1.000.000"), (-3.5, "-3,5"), (467.245, "467,245"), (None, ""),
])
def test_fmt_vn(x, text):
    assert ft.fmt_vn(x) == text


def test_table_shows_values_as_printed_and_sorts_by_number(rows):
    picked = ft.search(rows, "thu ngân sách").rows
    value = ft.table_value(picked)
    first = value["data"][0]
    shown = value["metadata"]["display_value"][0]
    assert first[1] == 418_100_000_000.0 and shown[1] == "418,1 tỷ" and shown[2] == "đồng"
    long_title = [c for c in first if isinstance(c, str) and c.startswith("<span title=")]
    assert long_title, "a long Mục/Báo cáo cell is shortened with the full text on hover"
    # the Mục cell shows the section's last heading; the whole path is its hover text
    assert long_title[0] == ('<span title="II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023 › 1. Lĩnh vực phát '
                             'triển kinh tế › 1.6. Thu, chi ngân sách">1.6. Thu, chi ngân sách</span>')


# ---------------------------------------------------------------- CSV

def test_csv_neutralises_formulas_and_keeps_a_machine_column(tmp_path):
    evil = {"value": -5.0, "value_text": "-5", "unit": "%", "metric": '=HYPERLINK("http://x","y")',
            "comparison": "+cmd|' /C calc'!A0", "section": "@SUM(1+1)", "title": "\tTab", "province": "-2+3",
            "period": "tháng 01/2023", "page": 3, "raw": "−5%", "sentence": "ok", "source": "a.txt"}
    path = ft.to_csv([evil], tmp_path / "x.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["Chỉ tiêu"] == '\'=HYPERLINK("http://x","y")'
    assert row["So sánh"].startswith("'+") and row["Mục"].startswith("'@") and row["Báo cáo"].startswith("'\t")
    assert row["Tỉnh"] == "'-2+3"
    assert row["Giá trị"] == "-5"               # a plain number is no formula: left as it is
    assert row["Giá trị (số)"] == "-5"          # the machine column: a plain number a spreadsheet reads
    assert ft.safe_cell("-5.25") == "-5.25" and ft.safe_cell("=1+1") == "'=1+1" and ft.safe_cell("Đàn bò") == "Đàn bò"


def test_csv_round_trip_of_real_rows(rows, tmp_path):
    picked = ft.search(rows, "thu ngân sách").rows
    path = ft.to_csv(picked, tmp_path / "so-lieu.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert back[0]["Giá trị"] == "418,1 tỷ" and back[0]["Đơn vị"] == "đồng"
    assert back[0]["Giá trị (số)"] == "418100000000"
    assert back[0]["Tỉnh"] and back[0]["Kỳ"]


# ---------------------------------------------------------------- search

def test_search_matches_the_metric_phrase(rows):
    found = ft.search(rows, "xuất khẩu").rows
    assert found and all("xuất nhập khẩu" not in r["metric"].lower() or "xuất khẩu" in r["sentence"].lower()
                         for r in found)
    # the metric first: rows whose label holds the phrase come before sentence-only matches
    tiers = [r["_tier"] for r in found]
    assert tiers == sorted(tiers) and tiers[0] == ft.TIER_METRIC
    assert not any(r["metric"] == "thu từ hoạt động xuất nhập khẩu" for r in found)
    budget = ft.search(rows, "thu ngan sach").rows
    assert budget and all(r["section"].endswith("Thu, chi ngân sách") for r in budget)
    assert not any(r["value_text"] == "3" for r in budget)
    assert [r["value_text"] for r in ft.search(rows, "thu NSNN").rows] == [r["value_text"] for r in budget]


def test_search_filters_count_and_empty_states(rows):
    res = ft.search(rows, "kim ngach", ft.Filters(province="Lạng Sơn"))
    assert res.count == len(res.rows) > 0 and res.note().startswith(f"{res.count} số liệu khớp")
    assert ft.search(rows, "kim ngach", ft.Filters(province="Cao Bằng")).note().startswith(
        "Không có số liệu nào trong phạm vi lọc (tỉnh Cao Bằng)")
    none = ft.search(rows, "tàu vũ trụ")
    assert none.count == 0 and "không có chỉ tiêu hay câu nào chứa cụm «tàu vũ trụ»" in none.note().lower()
    assert ft.search([], "x").note().startswith("Chưa có số liệu nào")
    sec = ft.search(rows, "", ft.Filters(section="thu, chi ngân sách")).rows
    assert sec and all("Thu, chi ngân sách" in r["section"] for r in sec)
    period = rows[0]["period"]
    assert ft.search(rows, "", ft.Filters(period=period)).count == len(rows)
    assert ft.search(rows, "", ft.Filters(source="khac.txt")).count == 0


# ---------------------------------------------------------------- `baocao figures`

def _cli(*args):
    return subprocess.run([sys.executable, "-m", "qa.cli", "figures", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_cli_figures_json_contract(sample_system):
    out = _cli("thu ngan sach", "--db", str(sample_system.db), "--province", "Lạng Sơn")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data and all(list(d) == list(ft.JSON_KEYS) for d in data)
    first = data[0]
    assert (first["value"], first["value_text"], first["unit"]) == (418_100_000_000.0, "418,1 tỷ", "đồng")
    assert first["source"] == "langson_ktxh_2023-01.txt" and first["province"] == "Lạng Sơn"
    assert isinstance(first["section_path"], list) and first["section_path"][-1] == "1.6. Thu, chi ngân sách"
    ratio = json.loads(_cli("thanh tra", "--db", str(sample_system.db)).stdout)
    assert any(d["value_text"] == "15/55" and d["value"] is None for d in ratio)


def test_cli_figures_csv_and_errors(sample_system, tmp_path):
    target = tmp_path / "out.csv"
    out = _cli("kim ngach", "--db", str(sample_system.db), "--csv", str(target))
    assert out.returncode == 0 and target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "250 triệu" in target.read_text(encoding="utf-8-sig")
    bad = _cli("x", "--db", str(sample_system.db), "--source", "khong-co.txt")
    assert bad.returncode == 1 and "unknown source" in bad.stderr
    empty = _cli("x", "--db", str(tmp_path / "empty-db"))
    assert empty.returncode == 1 and "no reports ingested" in empty.stderr
    nothing = _cli("tàu vũ trụ", "--db", str(sample_system.db))
    assert nothing.returncode == 0 and json.loads(nothing.stdout) == [] and "«tàu vũ trụ»" in nothing.stderr
