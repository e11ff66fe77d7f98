"""A bounded load test on loopback: 8 concurrent askers against `baocao serve` while another
process ingests a new report into the same --db.

Asserts correctness only (no error, every answer has the `baocao ask --json` keys, the new
report becomes answerable once its ingest is done); latency percentiles are printed and written
to test-artifacts/load.json, never asserted.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from procs import free_port, stop, wait_http

import pytest

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ARTIFACTS = ROOT / "test-artifacts"

ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
for _k in ("BAOCAO_CHROMA_URL", "BAOCAO_DB", "BAOCAO_AUTH", "BAOCAO_TEST_INGEST_DELAY", "BAOCAO_TEST_INGEST_LOG"):
    ENV.pop(_k, None)

ASKERS = 8
PER_ASKER = 5
REQUEST_TIMEOUT = 120          # seconds per request (a bound against hangs, not a performance claim)
KEYS = {"answer", "abstained", "mode", "citations"}
CITATION_KEYS = {"id", "chunk_id", "source", "section_path", "page", "text", "score"}


def report(month: int, province: str, cattle: str, growth: str) -> str:
    return (f"BÁO CÁO\nTình hình kinh tế - xã hội tỉnh {province} tháng {month:02d} năm 2024\n\nI. KINH TẾ\n\n"
            f"1. Nông nghiệp\n\nTổng đàn trâu của tỉnh {province} đạt {cattle} con¹.\n\n"
            f"2. Công nghiệp\n\nChỉ số sản xuất công nghiệp tăng {growth} so với cùng kỳ.\n\n"
            f"¹ Trong đó trâu cày 1.200 con.\n")


QUESTIONS = [
    "Tổng đàn trâu của tỉnh Lạng Sơn tháng 04 năm 2024 đạt bao nhiêu con?",
    "Chỉ số sản xuất công nghiệp tỉnh Lạng Sơn tháng 04 năm 2024 tăng bao nhiêu?",
    "Tổng đàn trâu của tỉnh Cao Bằng tháng 05 năm 2024 đạt bao nhiêu con?",
    "Chỉ số sản xuất công nghiệp tỉnh Hà Giang tháng 06 năm 2024 tăng bao nhiêu?",   # the report being ingested
    "Số ca mắc sốt xuất huyết ở tỉnh Cà Mau là bao nhiêu?",                         # not in any report
]


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    i = min(len(s) - 1, max(0, int(round(p / 100 * (len(s) - 1)))))
    return s[i]


@pytest.fixture()
def served(tmp_path):
    """`baocao serve` over a --db holding two small reports; yields (url, db, folder)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "langson_04.txt").write_text(report(4, "Lạng Sơn", "5.000", "3,5%"), encoding="utf-8")
    (folder / "caobang_05.txt").write_text(report(5, "Cao Bằng", "6.100", "4,1%"), encoding="utf-8")
    db = tmp_path / "db"
    run = subprocess.run([PY, "-m", "qa.cli", "ingest", str(folder), "--db", str(db)], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen([PY, "-m", "qa.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port",
                                 str(port)], cwd=ROOT, env=ENV, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, proc, log)
        yield url, db, tmp_path, proc, log
    finally:
        stop(proc)


@pytest.mark.timeout(600)
def test_concurrent_askers_during_ingest(served):
    from gradio_client import Client

    url, db, tmp, proc, log = served
    new = tmp / "hagiang_06.txt"
    new.write_text(report(6, "Hà Giang", "7.300", "9,2%"), encoding="utf-8")

    results: list[dict] = []
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(ASKERS + 1)

    def asker(n: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as exc:          # noqa: BLE001 - every failure is reported by the test
            with lock:
                errors.append(f"asker {n}: client: {type(exc).__name__}: {exc}")
            start.wait()
            return
        start.wait()
        for i in range(PER_ASKER):
            q = QUESTIONS[(n + i) % len(QUESTIONS)]
            t = time.perf_counter()
            try:
                out = client.submit(q, api_name="/ask").result(timeout=REQUEST_TIMEOUT)
            except Exception as exc:      # noqa: BLE001
                with lock:
                    errors.append(f"asker {n} request {i}: {type(exc).__name__}: {exc}")
                continue
            dt = time.perf_counter() - t
            with lock:
                latencies.append(dt)
                results.append({"question": q, "out": out})

    threads = [threading.Thread(target=asker, args=(n,), daemon=True) for n in range(ASKERS)]
    for th in threads:
        th.start()
    start.wait()
    t0 = time.perf_counter()
    # the concurrent writer: another process ingesting into the same --db
    ingest = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(new), "--db", str(db), "--json"], cwd=ROOT,
                              env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ing_out, ing_err = ingest.communicate(timeout=300)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    t_ingest = time.perf_counter() - t0
    for th in threads:
        th.join(timeout=REQUEST_TIMEOUT * PER_ASKER)
    wall = time.perf_counter() - t0
    assert not any(th.is_alive() for th in threads), "an asker hung"

    stats = {"askers": ASKERS, "requests": ASKERS * PER_ASKER, "ok": len(results), "errors": errors,
             "p50_s": round(percentile(latencies, 50), 3), "p95_s": round(percentile(latencies, 95), 3),
             "max_s": round(max(latencies), 3) if latencies else None, "wall_s": round(wall, 2),
             "concurrent_ingest_s": round(t_ingest, 2),
             "throughput_rps": round(len(results) / wall, 2) if wall else None}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nload: {stats['ok']}/{stats['requests']} ok, p50 {stats['p50_s']}s, p95 {stats['p95_s']}s, "
          f"max {stats['max_s']}s, wall {stats['wall_s']}s, ingest alongside {stats['concurrent_ingest_s']}s")

    assert ingest.returncode == 0, ing_err
    assert json.loads(ing_out)["documents"][0]["status"] == "added"
    assert errors == [], errors[:5]
    assert len(results) == ASKERS * PER_ASKER
    for r in results:
        out = r["out"]
        assert isinstance(out, dict) and KEYS <= set(out), out
        assert isinstance(out["answer"], str) and isinstance(out["abstained"], bool)
        assert out["mode"] == "extractive"
        for c in out["citations"]:
            assert CITATION_KEYS <= set(c), c
        if r["question"] == QUESTIONS[0]:
            assert not out["abstained"] and "5.000" in out["answer"]

    # once the other process's ingest is done, the running app answers from the new report
    client = Client(url, verbose=False)
    out = client.submit(QUESTIONS[3], api_name="/ask").result(timeout=REQUEST_TIMEOUT)
    assert not out["abstained"] and "9,2%" in out["answer"], out
    assert out["citations"][0]["source"] == new.name
    assert proc.poll() is None, "the server died under load"
