"""Crash safety: SIGKILL an ingest midway, run it again, and the store is whole; `baocao check`
finds every kind of disagreement between Chroma, its registry and the lexical cache, and
`--repair` fixes them.

The kill is deterministic: the TEST-ONLY hook in index/ingest.py (`BAOCAO_TEST_INGEST_LOG`,
`BAOCAO_TEST_INGEST_DELAY`) logs each report's "chunks" (upserted) and "committed" (registry
record written) events and sleeps between the two, and the test kills the process inside that
window once some reports are committed — the worst moment: chunks in Chroma with no registry
record vouching for them.

Everything that reads the store after a subprocess wrote it runs in a fresh subprocess too, so
no in-process Chroma cache can hide what is on disk.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
N_REPORTS = 6

ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
for _k in ("BAOCAO_TEST_INGEST_DELAY", "BAOCAO_TEST_INGEST_LOG", "BAOCAO_CHROMA_URL", "BAOCAO_DB"):
    ENV.pop(_k, None)


def report(i: int, extra: str = "") -> str:
    """A small report (a few chunks); each one different, sizes growing with i."""
    trade = " ".join(f"Mặt hàng nhóm {j} đạt {100 + 7 * j + i} tỷ đồng." for j in range(2 + 2 * i))
    return (f"BÁO CÁO\nTình hình kinh tế - xã hội tháng {i + 1:02d} năm 2024\n\nI. KINH TẾ\n\n"
            f"1. Nông nghiệp\n\nTổng đàn trâu đạt {5000 + 111 * i} con¹.\n\n"
            f"2. Công nghiệp\n\nChỉ số sản xuất công nghiệp tăng {i + 1},5% so với cùng kỳ.{extra}\n\n"
            f"3. Thương mại\n\n{trade}\n\n"
            f"¹ Trong đó trâu cày {1200 + i} con.\n")


def cli(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "qa.cli", *map(str, args)], cwd=ROOT, env=env or ENV, capture_output=True,
                          text=True, timeout=timeout)


INSPECT = r"""
import json, sys
from pathlib import Path
from index.store import Store
from index.lexical import LexicalIndex
db = Path(sys.argv[1])
store = Store(db)
got = store.chunks.get(include=["metadatas"])
chunks = [[cid, (md or {}).get("source"), (md or {}).get("doc_sha")] for cid, md in zip(got["ids"], got["metadatas"])]
registry = {s: [r.sha256, r.chunks] for s, r in store.documents().items()}
lex = LexicalIndex(db / "lexical")          # the on-disk cache as it is, no sync
print(json.dumps({"registry": registry, "chunks": chunks,
                  "lexical": {s: list(v) for s, v in lex.state().items()}}))
"""


def inspect(db: Path) -> dict:
    run = subprocess.run([PY, "-c", INSPECT, str(db)], cwd=ROOT, env=ENV, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def assert_whole(db: Path, expected_sources: set[str]) -> dict:
    """No duplicate, no orphan, counts match the registry, lexical cache equals the registry."""
    st = inspect(db)
    registry, chunks = st["registry"], st["chunks"]
    assert set(registry) == expected_sources
    ids = [c[0] for c in chunks]
    assert len(ids) == len(set(ids)), "duplicate chunk ids"
    orphans = [c for c in chunks if c[1] not in registry or registry[c[1]][0] != c[2]]
    assert orphans == [], f"orphan chunks: {orphans[:5]}"
    per_source: dict[str, int] = {}
    for _, src, _ in chunks:
        per_source[src] = per_source.get(src, 0) + 1
    assert per_source == {s: n for s, (_, n) in registry.items()}
    assert st["lexical"] == registry, "lexical cache differs from the registry"
    run = cli("check", "--db", db)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "consistent" in run.stdout
    return st


def events(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    return [tuple(line.split(" ", 1)) for line in log.read_text(encoding="utf-8").splitlines() if " " in line]


def kill_when(proc: subprocess.Popen, log: Path, ready, timeout: float = 180) -> list[tuple[str, str]]:
    """SIGKILL `proc` as soon as `ready(events)` holds (it must hold before the process ends)."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ev = events(log)
            if ready(ev):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                return ev
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"ingest ended (rc={proc.returncode}) before the kill point; events={ev}\n{err[-2000:]}")
            time.sleep(0.05)
        pytest.fail(f"kill point not reached in {timeout}s; events={events(log)}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture()
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(N_REPORTS):
        (folder / f"r{i + 1}.txt").write_text(report(i), encoding="utf-8")
    return folder


@pytest.mark.timeout(600)
def test_sigkill_mid_ingest_then_rerun_completes(tmp_path, reports):
    db, log = tmp_path / "db", tmp_path / "ingest.log"
    env = {**ENV, "BAOCAO_TEST_INGEST_DELAY": "0.5", "BAOCAO_TEST_INGEST_LOG": str(log)}
    proc = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(reports), "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def two_committed_third_in_flight(ev):
        kinds = [k for k, _ in ev]
        return kinds.count("committed") >= 2 and kinds[-1] == "chunks"

    ev = kill_when(proc, log, two_committed_third_in_flight)
    assert proc.returncode == -signal.SIGKILL
    committed = [s for k, s in ev if k == "committed"]
    in_flight = ev[-1][1]
    assert 1 <= len(committed) < N_REPORTS

    # the crash state: committed reports are whole, the in-flight one is only orphan chunks
    st = inspect(db)
    assert set(st["registry"]) == set(committed)
    assert in_flight not in st["registry"]
    assert any(src == in_flight for _, src, _ in st["chunks"]), "the killed report's chunks should be in Chroma"
    run = cli("check", "--db", db, "--json")
    assert run.returncode == 1, run.stdout + run.stderr
    found = json.loads(run.stdout)
    assert found["orphans"] > 0 and not found["ok"]
    # readers never see the uncommitted report
    run = cli("chunks", "--db", db, "--json")
    assert run.returncode == 0
    assert {json.loads(line)["source"] for line in run.stdout.splitlines()} == set(committed)

    # run it again: it completes, committed reports are left as they are
    run = cli("ingest", reports, "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    status = {d["source"]: d["status"] for d in out["documents"]}
    assert {s for s, v in status.items() if v == "unchanged"} == set(committed)
    assert {s for s, v in status.items() if v == "added"} == {f"r{i + 1}.txt" for i in range(N_REPORTS)} - set(committed)
    before = assert_whole(db, {f"r{i + 1}.txt" for i in range(N_REPORTS)})

    # a changed report, killed between its new chunks and its new registry record:
    # the old version stays the visible one, the new chunks are orphans until the re-run
    changed = reports / committed[0]
    changed.write_text(report(int(committed[0][1:-4]) - 1, extra=" Sản lượng điện tăng 9,9%."), encoding="utf-8")
    log.unlink()
    proc = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(reports), "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_when(proc, log, lambda ev: ("chunks", changed.name) in ev)
    st = inspect(db)
    assert st["registry"][changed.name] == before["registry"][changed.name]
    assert any(src == changed.name and sha != before["registry"][changed.name][0] for _, src, sha in st["chunks"])
    run = cli("ingest", reports, "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    status = {d["source"]: d["status"] for d in json.loads(run.stdout)["documents"]}
    assert status[changed.name] == "replaced"
    assert sum(v == "unchanged" for v in status.values()) == N_REPORTS - 1
    after = assert_whole(db, set(before["registry"]))
    assert after["registry"][changed.name][0] != before["registry"][changed.name][0]
    run = cli("chunks", "--db", db, "--source", changed.name, "--json")
    assert "Sản lượng điện tăng 9,9%" in run.stdout


# --------------------------------------------------------------------------- manufactured disagreement
MANUFACTURE = r"""
import json, sys
from pathlib import Path
from index.store import Store
db, kinds = Path(sys.argv[1]), sys.argv[2:]
store = Store(db)
if "orphan" in kinds:        # chunks no registry record vouches for
    dim = int((store.chunks.metadata or {}).get("dim") or 384)
    store.chunks.add(ids=["orphan-chunk-1"], embeddings=[[0.01] * dim], documents=["Đoạn mồ côi"],
                     metadatas=[{"source": "ghost.txt", "doc_sha": "deadbeef", "section_path": "[]",
                                 "footnotes": "[]", "page": -1, "order": 0}])
if "missing_chunks" in kinds:    # a registry record whose chunks are gone
    store.delete_chunks(store.chunk_ids({"source": "r2.txt"}))
if "corrupt_cache" in kinds:
    (db / "lexical" / "lexical.pkl").write_bytes(b"\x80\x04 not a pickle at all")
if "stale_cache" in kinds:
    import pickle
    f = db / "lexical" / "lexical.pkl"
    data = pickle.loads(f.read_bytes())
    data["docs"]["r1.txt"].sha = "0" * 64                 # an older version of r1
    data["docs"]["gone.txt"] = data["docs"].pop("r2.txt")  # a report no longer in Chroma
    f.write_bytes(pickle.dumps(data))
print("ok")
"""


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("check-base")
    folder = tmp / "reports"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i + 1}.txt").write_text(report(i), encoding="utf-8")
    run = cli("ingest", folder, "--db", tmp / "db")
    assert run.returncode == 0, run.stderr
    return tmp / "db"


@pytest.mark.timeout(300)
@pytest.mark.parametrize("kinds", [("orphan", "missing_chunks", "stale_cache"), ("corrupt_cache",)],
                         ids=["orphan+missing_chunks+stale_cache", "corrupt_cache"])
def test_check_reports_and_repairs(tmp_path, base_db, kinds):
    db = tmp_path / "db"
    shutil.copytree(base_db, db)
    run = subprocess.run([PY, "-c", MANUFACTURE, str(db), *kinds], cwd=ROOT, env=ENV, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    run = cli("check", "--db", db, "--json")
    assert run.returncode == 1, run.stdout + run.stderr
    found = json.loads(run.stdout)
    assert not found["ok"] and not found["repaired"]
    said = " ".join(found["messages"])            # what the plain `baocao check` prints
    if "orphan" in kinds:
        assert found["orphans"] == 1 and "orphan" in said
    if "missing_chunks" in kinds:
        assert found["incomplete"] == ["r2.txt"] and "r2.txt" in said and "incomplete" in said
    assert "chỉ mục từ vựng lệch" in said
    if "corrupt_cache" in kinds:
        assert found["lexical_mismatch"] == ["r1.txt", "r2.txt", "r3.txt"]
    if "stale_cache" in kinds:
        assert "r1.txt" in found["lexical_mismatch"] and "gone.txt" in found["lexical_mismatch"]
    run = cli("check", "--db", db, "--repair")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "repaired" in run.stdout
    if "missing_chunks" in kinds:
        assert "r2.txt" in run.stdout and "ingest it again" in run.stdout

    survivors = {"r1.txt", "r3.txt"} if "missing_chunks" in kinds else {"r1.txt", "r2.txt", "r3.txt"}
    assert_whole(db, survivors)
    if "missing_chunks" in kinds:     # what --repair dropped comes back with a plain ingest
        run = cli("ingest", base_db.parent / "reports" / "r2.txt", "--db", db)
        assert run.returncode == 0, run.stderr
        assert_whole(db, {"r1.txt", "r2.txt", "r3.txt"})
