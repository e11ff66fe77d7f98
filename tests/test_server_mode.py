"""Chroma server mode for real: a `chroma run` server on loopback, and the CLI in separate processes.

Process A (its own --db) ingests, asks, evaluates, lists and removes through the server; process B,
with an EMPTY --db, answers exactly the same — its lexical (BM25) index is derived from Chroma,
not carried over on disk.  When A ingests a new report after B has built its cache, B's next
question finds it (the sync notices the registry changed); when A removes it, B stops citing it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from procs import free_port, stop, wait_http

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
PY = sys.executable
CHROMA = Path(PY).parent / "chroma"

ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
for _k in ("BAOCAO_CHROMA_URL", "BAOCAO_DB", "BAOCAO_TEST_INGEST_DELAY", "BAOCAO_TEST_INGEST_LOG"):
    ENV.pop(_k, None)

QUESTION = "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt bao nhiêu?"
NEW_REPORT = ("BÁO CÁO\nTình hình kinh tế - xã hội tỉnh Cao Bằng tháng 02 năm 2023\n\nI. KINH TẾ\n\n"
              "1. Nông nghiệp\n\nTổng đàn dê của tỉnh Cao Bằng đạt 77.777 con, tăng 4,2% so với cùng kỳ.\n\n"
              "2. Du lịch\n\nKhu du lịch thác Bản Giốc đón 45.600 lượt khách trong tháng 02.\n")
NEW_QUESTION = "Tổng đàn dê của tỉnh Cao Bằng tháng 02 năm 2023 đạt bao nhiêu con?"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on a free loopback port; killed at the end of the module."""
    if not CHROMA.exists():
        pytest.fail(f"chroma CLI not found at {CHROMA}")
    tmp = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(tmp / "chroma.log", "wb")
    proc = subprocess.Popen([str(CHROMA), "run", "--host", "127.0.0.1", "--port", str(port), "--path",
                             str(tmp / "data")], env={**ENV, "ANONYMIZED_TELEMETRY": "False"},
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/api/v2/heartbeat", proc, tmp / "chroma.log", timeout=60)
        yield url
    finally:
        stop(proc, timeout=15)
        log.close()


def cli(url: str, db: Path, *args, timeout: int = 300) -> subprocess.CompletedProcess:
    run = subprocess.run([PY, "-m", "qa.cli", *map(str, args), "--chroma-url", url, "--db", str(db)], cwd=ROOT,
                         env=ENV, capture_output=True, text=True, timeout=timeout)
    return run


def ok_json(run: subprocess.CompletedProcess):
    assert run.returncode == 0, f"rc={run.returncode}\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    return json.loads(run.stdout)


def ask(url: str, db: Path, question: str) -> dict:
    return ok_json(cli(url, db, "ask", question, "--json"))


def chunks(url: str, db: Path) -> list[dict]:
    run = cli(url, db, "chunks", "--json")
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.mark.timeout(600)
def test_two_processes_share_one_chroma_server(chroma_server, tmp_path):
    url = chroma_server
    db_a, db_b = tmp_path / "A", tmp_path / "B"

    # --- process A: ingest the sample report through the server
    out = ok_json(cli(url, db_a, "ingest", SAMPLE, "--json"))
    assert out["errors"] == [] and out["documents"][0]["status"] == "added"
    n_chunks = out["documents"][0]["chunks"]
    assert not (db_a / "chroma").exists(), "server mode must not create a local Chroma store"
    again = ok_json(cli(url, db_a, "ingest", SAMPLE, "--json"))
    assert again["documents"][0]["status"] == "unchanged"

    # --- ask: A, then B from an empty --db, answer the same
    a = ask(url, db_a, QUESTION)
    assert not a["abstained"] and "250 triệu USD" in a["answer"]
    assert a["citations"] and all(c["source"] == SAMPLE.name for c in a["citations"])
    assert not db_b.exists()
    b = ask(url, db_b, QUESTION)
    assert b == a
    assert [c["chunk_id"] for c in b["citations"]] == [c["chunk_id"] for c in a["citations"]]

    # --- chunks: the same listing from both
    rows_a = chunks(url, db_a)
    assert len(rows_a) == n_chunks
    assert chunks(url, db_b) == rows_a

    # --- eval over a 3-question set: the same scores from both processes
    qfile = tmp_path / "questions.jsonl"
    qs = [
        {"id": "q1", "question": QUESTION, "answers": ["250 triệu USD"],
         "evidence": ["Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD"],
         "answerable": True, "tags": ["body"]},
        {"id": "q2", "question": "Xuất khẩu qua địa bàn tháng 01 đạt bao nhiêu?", "answers": ["100 triệu USD"],
         "evidence": ["Xuất khẩu 100 triệu USD"], "answerable": True, "tags": ["body"]},
        {"id": "q3", "question": "Số ca mắc sốt xuất huyết ở tỉnh Cà Mau tháng 5 năm 2021 là bao nhiêu?",
         "answers": [], "evidence": [], "answerable": False, "tags": ["unanswerable"]},
    ]
    qfile.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in qs), encoding="utf-8")
    ev_a = ok_json(cli(url, db_a, "eval", "--questions", qfile, "--json"))
    ev_b = ok_json(cli(url, db_b, "eval", "--questions", qfile, "--json"))
    assert ev_a == ev_b
    assert ev_a["n"] == 3 and ev_a["recall_at_k"] == 1.0

    # --- A ingests a new report after B has its lexical cache on disk: B's next question finds it
    assert list((db_b / "lexical").rglob("lexical.pkl")), "B should have cached its lexical index"
    new = tmp_path / "caobang_2023-02.txt"
    new.write_text(NEW_REPORT, encoding="utf-8")
    out = ok_json(cli(url, db_a, "ingest", new, "--json"))
    assert out["documents"][0]["status"] == "added"
    b_new = ask(url, db_b, NEW_QUESTION)
    assert not b_new["abstained"] and "77.777" in b_new["answer"], b_new
    assert b_new["citations"][0]["source"] == new.name
    assert ask(url, db_a, NEW_QUESTION) == b_new

    # --- A removes it: B stops citing it, and both listings agree again
    run = cli(url, db_a, "remove", new.name)
    assert run.returncode == 0, run.stderr
    b_after = ask(url, db_b, NEW_QUESTION)
    assert all(c["source"] != new.name for c in b_after["citations"])
    assert chunks(url, db_b) == rows_a
    run = cli(url, db_a, "remove", new.name)          # already gone: a clear user error
    assert run.returncode == 1 and new.name in run.stderr

    # --- both processes see a consistent deployment (B's cache synced at its last question)
    for db in (db_a, db_b):
        run = cli(url, db, "check")
        assert run.returncode == 0 and "consistent" in run.stdout, run.stdout + run.stderr


@pytest.mark.timeout(600)
def test_a_long_running_process_sees_what_others_write(chroma_server, tmp_path, monkeypatch):
    """An app keeps the registry between questions (read again only when its change token moves);
    a CLI process's ingest, removal and re-ingest through the same server show at its next question."""
    from index.store import Store
    from qa.pipeline import ask as ask_in_process
    from qa.system import System
    url, cli_db = chroma_server, tmp_path / "cli"
    new = tmp_path / "caobang_2023-03.txt"
    question = NEW_QUESTION.replace("tháng 02", "tháng 03")

    def ingest(figure: str) -> None:
        new.write_text(NEW_REPORT.replace("tháng 02", "tháng 03").replace("77.777", figure), encoding="utf-8")
        assert ok_json(cli(url, cli_db, "ingest", new, "--json"))["documents"][0]["status"] in ("added", "replaced")

    ingest("88.888")
    app = System(db=tmp_path / "app", chroma_url=url)
    reads = []
    real_read = Store._read_registry
    monkeypatch.setattr(Store, "_read_registry", lambda self: reads.append(1) or real_read(self))
    first = ask_in_process(app, question)
    assert not first.abstained and "88.888" in first.text, first
    ask_in_process(app, QUESTION)
    assert len(reads) == 1                                # nothing written since: not read again

    assert cli(url, cli_db, "remove", new.name).returncode == 0
    gone = ask_in_process(app, question)
    assert all(c.source != new.name for c in gone.citations)
    assert len(reads) == 2

    ingest("99.999")                                      # the same source again, other figures
    again = ask_in_process(app, question)
    assert "99.999" in again.text and again.citations[0].source == new.name, again
    assert cli(url, cli_db, "remove", new.name).returncode == 0


@pytest.mark.timeout(120)
def test_unreachable_server_is_a_clear_error(tmp_path):
    run = subprocess.run([PY, "-m", "qa.cli", "ask", "câu hỏi", "--json", "--chroma-url",
                          f"http://127.0.0.1:{free_port()}", "--db", str(tmp_path / "db")], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Chroma" in run.stderr and "Traceback" not in run.stderr
