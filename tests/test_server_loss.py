"""Issue 13 item 4: the Chroma server goes away in the middle of a command.

`baocao ingest` says so in one line (Vietnamese, English in parentheses), no traceback, and its
JSON still lists the reports committed before the loss; the app says it in Vietnamese."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procs import free_port, stop, wait_http

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CHROMA = Path(PY).parent / "chroma"
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
for _k in ("BAOCAO_CHROMA_URL", "BAOCAO_DB", "BAOCAO_TEST_INGEST_DELAY", "BAOCAO_TEST_INGEST_DELAY_AT",
           "BAOCAO_TEST_INGEST_LOG"):
    ENV.pop(_k, None)


def report(i: int) -> str:
    return (f"BÁO CÁO\nTình hình kinh tế - xã hội tháng {i + 1:02d} năm 2024\n\nI. KINH TẾ\n\n"
            f"1. Nông nghiệp\n\nTổng đàn trâu đạt {5000 + 111 * i} con.\n")


def start_chroma(tmp: Path):
    port = free_port()
    log = open(tmp / "chroma.log", "wb")
    proc = subprocess.Popen([str(CHROMA), "run", "--host", "127.0.0.1", "--port", str(port), "--path",
                             str(tmp / "chroma-data")], env=ENV, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/api/v2/heartbeat", proc, tmp / "chroma.log", timeout=60)
    return proc, log, url


@pytest.mark.timeout(600)
def test_server_lost_mid_ingest_and_in_the_app(tmp_path):
    from test_crash_safety import events
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i + 1}.txt").write_text(report(i), encoding="utf-8")
    server, log, url = start_chroma(tmp_path)
    try:
        from qa.system import System
        from ui.controller import BaocaoApp
        app_system = System(db=tmp_path / "app", chroma_url=url)     # an app running before the loss
        bapp = BaocaoApp(app_system)
        ingest_log = tmp_path / "ingest.log"
        env = {**ENV, "BAOCAO_TEST_INGEST_LOG": str(ingest_log), "BAOCAO_TEST_INGEST_DELAY": "1.5"}
        proc = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(folder), "--json", "--chroma-url", url,
                                 "--db", str(tmp_path / "cli")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 240
        while [k for k, _ in events(ingest_log)].count("committed") < 2 or events(ingest_log)[-1][0] != "chunks":
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        os.kill(server.pid, signal.SIGKILL)             # the server dies while r3's chunks wait for their commit
        server.wait(timeout=30)
        out, err = proc.communicate(timeout=240)
    finally:
        stop(server)
        log.close()
    assert proc.returncode == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "Mất kết nối máy chủ Chroma" in err and "lost the Chroma server" in err and "r1.txt, r2.txt" in err
    done = json.loads(out)
    assert [d["source"] for d in done["documents"]] == ["r1.txt", "r2.txt"]

    upload = tmp_path / "up" / "r9.txt"
    upload.parent.mkdir()
    upload.write_text(report(8), encoding="utf-8")
    msg, _ = bapp.ingest_files([str(upload)])
    assert msg.startswith("✗ r9.txt: Mất kết nối máy chủ Chroma") and "Errno" not in msg, msg
    assert not list((tmp_path / "app" / "uploads").glob("*"))
    said = bapp.remove_report("r1.txt")
    assert "Mất kết nối máy chủ Chroma" in said and "Errno" not in said, said
    import gradio as gr
    with pytest.raises(gr.Error, match="Mất kết nối máy chủ Chroma"):
        bapp.refresh()
    answer = list(bapp.respond("Tổng đàn trâu?", [], [], 5, [], []))[-1][1][-1]["content"]
    assert "Mất kết nối máy chủ Chroma" in answer and "Errno" not in answer, answer
