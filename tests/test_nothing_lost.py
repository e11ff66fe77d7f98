"""Issue 13, "nothing lost, ever": the same content under two names, the same name from two folders,
NFD file names, a replace killed after its commit point, two ingests at once, the same file twice in
one call, and the app's uploads.  Every test here failed on the code before the fix."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from qa.consistency import check
from qa.pipeline import Scope, ask
from qa.system import System

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
for _k in ("BAOCAO_TEST_INGEST_DELAY", "BAOCAO_TEST_INGEST_DELAY_AT", "BAOCAO_TEST_INGEST_LOG",
           "BAOCAO_CHROMA_URL", "BAOCAO_DB"):
    ENV.pop(_k, None)

JAN = ("BÁO CÁO\nTình hình kinh tế - xã hội tháng 01 năm 2023\n\nI. KINH TẾ\n\n"
       "1. Nông nghiệp\n\nTổng đàn trâu đạt 5.111 con.\n\n2. Công nghiệp\n\nChỉ số sản xuất tăng 3,5%.\n")
FEB = JAN.replace("tháng 01", "tháng 02").replace("5.111", "6.222").replace("3,5%", "4,7%")
Q_BUFFALO = "Tổng đàn trâu đạt bao nhiêu con?"


def cli(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "qa.cli", *map(str, args)], cwd=ROOT, env=env or ENV, capture_output=True,
                          text=True, timeout=timeout)


def answers_from(system, source: str, figure: str) -> bool:
    out = ask(system, Q_BUFFALO, scope=Scope(sources=[source]))
    return figure in out.text and bool(out.citations) and all(c.source == source for c in out.citations)


def all_chunk_sources(system) -> list[str]:
    return [m["source"] for m in system.store.chunks.get(include=["metadatas"])["metadatas"]]


# ------------------------------------------------------------------ 1. same content, two names
def test_same_content_under_two_names_keeps_both(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(JAN, encoding="utf-8")
    (folder / "b.txt").write_text(JAN, encoding="utf-8")            # a renamed copy
    system = System(db=tmp_path / "db")
    out = system.ingest([folder])
    assert [(d["source"], d["status"]) for d in out["documents"]] == [("a.txt", "added"), ("b.txt", "added")]
    assert out["errors"] == []
    assert set(system.documents()) == {"a.txt", "b.txt"}
    n = system.documents()["a.txt"].chunks
    assert sorted(all_chunk_sources(system)) == ["a.txt"] * n + ["b.txt"] * n
    assert check(system)["ok"]
    assert answers_from(system, "a.txt", "5.111") and answers_from(system, "b.txt", "5.111")
    note = " ".join(out["notes"])
    assert "b.txt" in note and "a.txt" in note and "same content" in note        # the user is told

    assert system.remove(["b.txt"]) == (["b.txt"], [])
    assert set(system.documents()) == {"a.txt"} and check(system)["ok"]
    assert answers_from(system, "a.txt", "5.111")
    again = system.ingest([folder])
    assert {d["source"]: d["status"] for d in again["documents"]} == {"a.txt": "unchanged", "b.txt": "added"}
    assert check(system)["ok"]


def test_a_copy_ingested_later_under_a_new_name_loses_nothing(tmp_path):
    a, b = tmp_path / "x" / "a.txt", tmp_path / "y" / "b.txt"
    for f in (a, b):
        f.parent.mkdir()
        f.write_text(JAN, encoding="utf-8")
    system = System(db=tmp_path / "db")
    assert system.ingest([a])["documents"][0]["status"] == "added"
    out = system.ingest([b])
    assert out["documents"][0]["status"] == "added"
    assert check(system)["ok"]
    system.remove(["a.txt"])
    assert answers_from(system, "b.txt", "5.111") and check(system)["ok"]
    assert "a.txt" in " ".join(out["notes"])


# ------------------------------------------------------------------ 2. same name, other folder
def test_same_name_from_another_folder_is_not_replaced_silently(tmp_path):
    jan, feb = tmp_path / "2023-01" / "baocao.txt", tmp_path / "2023-02" / "baocao.txt"
    jan.parent.mkdir()
    feb.parent.mkdir()
    jan.write_text(JAN, encoding="utf-8")
    feb.write_text(FEB, encoding="utf-8")
    db = tmp_path / "db"
    run = cli("ingest", jan, "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    jan_sha = json.loads(run.stdout)["documents"][0]["sha256"]

    run = cli("ingest", feb, "--db", db, "--json")
    assert run.returncode == 1
    out = json.loads(run.stdout)
    assert out["documents"] == []
    assert "--replace" in run.stderr and str(jan) in run.stderr and "Traceback" not in run.stderr
    system = System(db=db)
    assert system.documents()["baocao.txt"].sha256 == jan_sha
    assert answers_from(system, "baocao.txt", "5.111")           # January is still there

    jan.write_text(JAN.replace("3,5%", "3,9%"), encoding="utf-8")  # the same path, changed: replaces as before
    run = cli("ingest", jan, "--db", db, "--json")
    assert run.returncode == 0 and json.loads(run.stdout)["documents"][0]["status"] == "replaced", run.stderr

    run = cli("ingest", feb, "--db", db, "--json", "--replace")     # on purpose
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["status"] == "replaced"
    # (the same System: it reopens Chroma when another process wrote; a second client in one
    # process would share chromadb's in-memory index of the first)
    assert answers_from(system, "baocao.txt", "6.222") and check(system)["ok"]


def test_the_same_file_moved_to_another_folder_is_unchanged_and_can_then_change(tmp_path):
    old, new = tmp_path / "inbox" / "r.txt", tmp_path / "archive" / "r.txt"
    old.parent.mkdir()
    new.parent.mkdir()
    old.write_text(JAN, encoding="utf-8")
    system = System(db=tmp_path / "db")
    system.ingest([old])
    old.rename(new)
    assert system.ingest([new])["documents"][0]["status"] == "unchanged"
    new.write_text(FEB, encoding="utf-8")
    out = system.ingest([new])
    assert out["errors"] == [] and out["documents"][0]["status"] == "replaced"
    assert answers_from(system, "r.txt", "6.222")


# ------------------------------------------------------------------ 5. NFD names
def test_nfd_file_names_are_stored_nfc(tmp_path):
    nfc = "Báo cáo tháng một.txt"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    folder = tmp_path / "mac"
    folder.mkdir()
    (folder / nfd).write_text(JAN, encoding="utf-8")
    db = tmp_path / "db"
    run = cli("ingest", folder / nfd, "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["source"] == nfc
    run = cli("chunks", "--db", db, "--source", nfc, "--json")
    assert run.returncode == 0 and run.stdout.strip(), run.stderr
    run = cli("remove", nfc, "--db", db)
    assert run.returncode == 0, run.stderr
    assert System(db=db).documents() == {}


def test_nfc_and_nfd_copies_are_one_report(tmp_path):
    nfc = "Đàn trâu.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / nfc).write_text(JAN, encoding="utf-8")
    (folder / unicodedata.normalize("NFD", nfc)).write_text(JAN, encoding="utf-8")
    system = System(db=tmp_path / "db")
    out = system.ingest([folder])
    assert out["errors"] == [] and len(out["documents"]) == 1
    assert set(system.documents()) == {nfc} and check(system)["ok"]
    assert system.remove([unicodedata.normalize("NFD", nfc)]) == ([nfc], [])
    assert all_chunk_sources(system) == []


# ------------------------------------------------------------------ 3. killed after the commit point
@pytest.mark.timeout(300)
def test_replace_killed_after_its_commit_is_finished_by_the_rerun(tmp_path):
    f, db, log = tmp_path / "r.txt", tmp_path / "db", tmp_path / "ingest.log"
    f.write_text(JAN, encoding="utf-8")
    assert cli("ingest", f, "--db", db).returncode == 0
    f.write_text(JAN.replace("3,5%", "9,9%"), encoding="utf-8")
    env = {**ENV, "BAOCAO_TEST_INGEST_LOG": str(log), "BAOCAO_TEST_INGEST_DELAY": "600",
           "BAOCAO_TEST_INGEST_DELAY_AT": "committed"}
    proc = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(f), "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        from test_crash_safety import kill_when
        kill_when(proc, log, lambda ev: ("committed", "r.txt") in ev)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert cli("check", "--db", db).returncode == 1          # the old version's chunks are left behind
    run = cli("ingest", f, "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    assert cli("check", "--db", db).returncode == 0           # the rerun finished the job itself
    run = cli("chunks", "--db", db, "--json")
    assert "9,9%" in run.stdout and "3,5%" not in run.stdout


# ------------------------------------------------------------------ 6. two ingests at once
def test_lexical_cache_saves_merge_other_processes_reports(tmp_path):
    from index.lexical import LexicalIndex
    a, b = LexicalIndex(tmp_path), LexicalIndex(tmp_path)     # two processes, one cache
    a.add_document("a.txt", "sha-a", [("a-1", "đàn trâu 5.111 con")])
    b.add_document("b.txt", "sha-b", [("b-1", "đàn bò 7.000 con")])
    a.save()
    b.save()
    assert LexicalIndex(tmp_path).state() == {"a.txt": ("sha-a", 1), "b.txt": ("sha-b", 1)}
    a.remove_document("a.txt")
    c = LexicalIndex(tmp_path)
    c.add_document("a.txt", "sha-a2", [("a-2", "đàn trâu 5.999 con")])      # re-added by another process
    c.save()
    a.save()                       # a's older removal must not drop c's newer version
    assert LexicalIndex(tmp_path).state() == {"a.txt": ("sha-a2", 1), "b.txt": ("sha-b", 1)}
    b.remove_document("b.txt")
    b.save()
    assert LexicalIndex(tmp_path).state() == {"a.txt": ("sha-a2", 1)}


def test_one_file_given_twice_through_two_paths_is_ingested_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    f = folder / "r.txt"
    f.write_text(JAN, encoding="utf-8")
    (folder / "link.txt").symlink_to(f)
    system = System(db=tmp_path / "db")
    out = system.ingest([f, folder / "sub" / ".." / "r.txt", folder / "link.txt"])
    assert [(d["source"], d["status"]) for d in out["documents"]] == [("r.txt", "added")]
    assert out["errors"] == [] and check(system)["ok"]


# ------------------------------------------------------------------ 7. the app
def _upload(tmp_path, name: str, text: str) -> str:
    """What Gradio hands the callback: the path of a file in its own cache folder."""
    folder = tmp_path / "gradio-cache" / os.urandom(4).hex()
    folder.mkdir(parents=True)
    f = folder / name
    f.write_text(text, encoding="utf-8")
    return str(f)


def test_app_upload_of_another_report_with_the_same_name_is_refused(tmp_path):
    from ui.controller import BaocaoApp
    from ui.uploads import uploads_dir
    system = System(db=tmp_path / "db")
    bapp = BaocaoApp(system)
    msg, _ = bapp.ingest_files([_upload(tmp_path, "baocao.txt", JAN)])
    assert msg.startswith("✓"), msg
    msg, _ = bapp.ingest_files([_upload(tmp_path, "baocao.txt", FEB)])
    assert msg.startswith("✗") and "baocao.txt" in msg and "xóa" in msg, msg
    assert (uploads_dir(system) / "baocao.txt").read_text(encoding="utf-8") == JAN
    assert answers_from(system, "baocao.txt", "5.111")
    msg, _ = bapp.ingest_files([_upload(tmp_path, "baocao.txt", JAN)])       # the same report again
    assert msg.startswith("✓") and "không đổi" in msg, msg
    bapp.remove_report("baocao.txt")                                          # replace on purpose: remove first
    msg, _ = bapp.ingest_files([_upload(tmp_path, "baocao.txt", FEB)])
    assert msg.startswith("✓") and answers_from(system, "baocao.txt", "6.222"), msg


def test_app_rejected_uploads_do_not_stay(tmp_path):
    from ui.controller import BaocaoApp
    from ui.uploads import uploads_dir
    system = System(db=tmp_path / "db")
    bapp = BaocaoApp(system)
    msg, _ = bapp.ingest_files([_upload(tmp_path, "rong.txt", ""), _upload(tmp_path, "hong.pdf", "%PDF-1.4 rác")])
    assert msg.count("✗") == 2, msg
    assert list(uploads_dir(system).glob("*")) == []
    assert system.documents() == {}


def test_app_config_has_no_run_history_and_serve_warns_when_exposed(tmp_path, capsys):
    import urllib.request

    from conftest_browser import running_app
    from procs import free_port

    import app
    from qa.settings import Settings
    system = System(db=tmp_path / "db")
    with running_app(system) as (_demo, url):
        with urllib.request.urlopen(url + "config", timeout=10) as r:
            config = json.loads(r.read())
    assert config.get("run_history") is False

    assert app.exposure_warning(Settings(host="127.0.0.1")) is None
    assert app.exposure_warning(Settings(host="0.0.0.0", auth=(("an", "pw"),))) is None
    warning = app.exposure_warning(Settings(host="0.0.0.0"))
    assert "BAOCAO_AUTH" in warning and "0.0.0.0" in warning
    settings = Settings(db=tmp_path / "db", host="0.0.0.0", port=free_port())
    demo = app.serve(system, settings, prevent_thread_lock=True, quiet=True)
    try:
        assert warning in capsys.readouterr().err
    finally:
        demo.close()
