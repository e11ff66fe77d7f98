"""`baocao reports` shows each report's metadata and where it came from; `retag` and `ingest --province`
correct it, at once and for good (a re-ingest of the same file keeps the correction)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = """CỤC THỐNG KÊ

TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG MƯỜI VÀ 10 THÁNG NĂM 2023

1. Sản xuất nông nghiệp

Tổng đàn trâu của tỉnh ước đạt 41.250 con, tăng 1,2% so với cùng kỳ. Tính chung 10 tháng, sản lượng thịt hơi
xuất chuồng đạt 120,5 nghìn tấn, tăng 3,4%.
"""
KEYS = {"source", "title", "issuer", "level", "province", "period", "period_kind", "year", "month", "quarter",
        "half", "cumulative_months", "chunks", "pages", "ocr", "detected"}


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args, "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def reports(db: Path) -> dict:
    run = cli(db, "reports", "--json")
    assert run.returncode == 0, run.stderr
    return {r["source"]: r for r in map(json.loads, run.stdout.splitlines())}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    f = tmp / "ctk_thang10.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp / "db"
    assert cli(db, "ingest", str(f)).returncode == 0
    return f, db


def test_reports_lists_metadata_with_its_origin(store):
    f, db = store
    row = reports(db)[f.name]
    assert set(row) == KEYS
    assert row["period_kind"] == "month" and row["month"] == 10 and row["year"] == 2023
    assert row["cumulative_months"] == 10 and row["ocr"] is False and row["chunks"] >= 1
    assert row["province"] is None                      # named nowhere: unknown, not guessed
    assert row["detected"]["period"] in ("title", "header")


def test_retag_corrects_at_once_and_survives_reingest(store):
    f, db = store
    run = cli(db, "retag", f.name, "--province", "thanh hoá", "--issuer", "Cục Thống kê tỉnh Thanh Hóa")
    assert run.returncode == 0, run.stderr
    row = reports(db)[f.name]
    assert row["province"] == "Thanh Hóa" and row["detected"]["province"] == "user"
    assert row["issuer"] == "Cục Thống kê tỉnh Thanh Hóa" and row["level"] == "cuc_thong_ke"
    ask = cli(db, "ask", "Thanh Hóa tháng 10/2023 có bao nhiêu con trâu?", "--json")
    out = json.loads(ask.stdout)
    assert not out["abstained"] and "41.250" in out["answer"]
    f.write_text(REPORT.replace("41.250", "41.300"), encoding="utf-8")     # the same file, changed
    assert cli(db, "ingest", str(f)).returncode == 0
    row = reports(db)[f.name]
    assert row["province"] == "Thanh Hóa" and row["detected"]["province"] == "user"


def test_retag_refuses_what_it_cannot_read(store):
    f, db = store
    bad = cli(db, "retag", f.name, "--period", "hôm qua")
    assert bad.returncode == 1 and "hôm qua" in bad.stderr
    assert cli(db, "retag", "khong-co.txt", "--province", "Lạng Sơn").returncode == 1


def test_ingest_flags_apply_to_every_file_of_the_call(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(REPORT, encoding="utf-8")
    b.write_text(REPORT.replace("41.250", "9.999"), encoding="utf-8")
    db = tmp_path / "db"
    run = cli(db, "ingest", str(a), str(b), "--province", "Nghệ An", "--period", "quý I/2024")
    assert run.returncode == 0, run.stderr
    rows = reports(db)
    for name in ("a.txt", "b.txt"):
        assert rows[name]["province"] == "Nghệ An" and rows[name]["period_kind"] == "quarter"
        assert rows[name]["quarter"] == 1 and rows[name]["year"] == 2024
    assert cli(db, "ingest", str(a), "--province", "Atlantis").returncode == 1
