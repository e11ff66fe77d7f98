"""Issue 13 item 8: random sequences of ingest, re-ingest of a changed file, rename, copy, remove,
`kill -9` of a subprocess ingest at a random point, and `check --repair`, against a model of
what the store should hold.  After every step: no report lost, none listed twice, every listed
report is the version the model expects and answers a question about its own text.

Small by default (a few sequences of a few steps, tiny reports); BAOCAO_BIG_TESTS=1 runs more.
The number of sequences and steps that ran is printed (and asserted)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from test_crash_safety import ENV, kill_when

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIG = os.environ.get("BAOCAO_BIG_TESTS") == "1"
EXAMPLES, STEPS = (25, 25) if BIG else (3, 10)
NAMES = ["a.txt", "b.txt", "Đàn trâu.txt", unicodedata.normalize("NFD", "Đàn trâu.txt"), "c.md"]
QUESTION = "Tổng đàn trâu đạt bao nhiêu con?"
RAN = {"sequences": 0, "steps": 0, "kills": 0, "ops": 0}


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def figure(n: int) -> str:
    return f"{n // 1000}.{n % 1000:03d}"


def report_text(fig: str) -> str:
    return (f"BÁO CÁO\nTình hình kinh tế - xã hội năm 2024\n\nI. KINH TẾ\n\n1. Nông nghiệp\n\n"
            f"Tổng đàn trâu đạt {fig} con.\n\n2. Công nghiệp\n\nChỉ số sản xuất công nghiệp tăng 3,1%.\n")


class StoreModel(RuleBasedStateMachine):
    """The model: source name -> (path it was ingested from, its text); the folder: path -> text."""

    def __init__(self):
        super().__init__()
        from qa.system import System
        self.tmp = Path(tempfile.mkdtemp(prefix="baocao-model-"))
        self.folder = self.tmp / "in"
        self.folder.mkdir()
        self.db = self.tmp / "db"
        self.system = System(db=self.db)
        self.model: dict[str, tuple[Path, str]] = {}
        self.counter = 1000
        RAN["sequences"] += 1

    def teardown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------ helpers
    def _new_text(self) -> str:
        self.counter += 1 + (self.counter % 7) * 113
        return report_text(figure(self.counter))

    def _files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file())

    def _expect(self, path: Path) -> str:
        """What ingesting `path` must do to its report, by the rules of index/ingest.py."""
        name, text = nfc(path.name), path.read_text(encoding="utf-8")
        rec = self.model.get(name)
        if rec is None:
            return "added"
        if rec[1] == text:
            return "unchanged"
        return "replaced" if rec[0] == path.resolve() else "refused"

    def _ingest(self, path: Path) -> None:
        RAN["ops"] += 1
        expected = self._expect(path)
        out = self.system.ingest([path])
        if expected == "refused":
            assert out["documents"] == [] and "--replace" in " ".join(out["errors"]), out
            return
        assert out["errors"] == [], out
        assert [d["status"] for d in out["documents"]] == [expected], (expected, out)
        self.model[nfc(path.name)] = (path.resolve(), path.read_text(encoding="utf-8"))

    # ------------------------------------------------------------ rules
    @precondition(lambda self: len(self._files()) < len(NAMES))
    @rule(data=st.data())
    def ingest_new(self, data):
        path = self.folder / data.draw(st.sampled_from([n for n in NAMES if not (self.folder / n).exists()]))
        path.write_text(self._new_text(), encoding="utf-8")
        self._ingest(path)

    @precondition(lambda self: self._files())
    @rule(data=st.data())
    def change_and_reingest(self, data):
        files = self._files()
        path = data.draw(st.sampled_from(files))
        path.write_text(self._new_text(), encoding="utf-8")
        self._ingest(path)

    @precondition(lambda self: self._files() and len(self._files()) < len(NAMES))
    @rule(data=st.data(), copy=st.booleans())
    def rename_or_copy(self, data, copy):
        files = self._files()
        target = self.folder / data.draw(st.sampled_from([n for n in NAMES if not (self.folder / n).exists()]))
        path = data.draw(st.sampled_from(files))
        if copy:
            shutil.copyfile(path, target)
        else:
            path.rename(target)
        self._ingest(target)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), typed_nfd=st.booleans())
    def remove(self, data, typed_nfd):
        RAN["ops"] += 1
        name = data.draw(st.sampled_from(sorted(self.model)))
        typed = unicodedata.normalize("NFD", name) if typed_nfd else name
        assert self.system.remove([typed]) == ([name], [])
        del self.model[name]

    @precondition(lambda self: self._files())
    @rule(data=st.data(), at=st.sampled_from(["chunks", "committed"]))
    def kill_an_ingest(self, data, at):
        """Change a file and SIGKILL its ingest just before ("chunks") or just after ("committed")
        the commit point; a file whose ingest would be refused or unchanged is not a candidate."""
        files = [p for p in self._files() if nfc(p.name) not in self.model
                 or self.model[nfc(p.name)][0] == p.resolve()]
        if not files:
            return
        path = data.draw(st.sampled_from(files))
        text = self._new_text()
        path.write_text(text, encoding="utf-8")
        log = self.tmp / f"kill-{self.counter}.log"
        env = {**ENV, "BAOCAO_TEST_INGEST_LOG": str(log), "BAOCAO_TEST_INGEST_DELAY": "600",
               "BAOCAO_TEST_INGEST_DELAY_AT": at}
        proc = subprocess.Popen([PY, "-m", "qa.cli", "ingest", str(path), "--db", str(self.db)], cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            kill_when(proc, log, lambda ev: (at, nfc(path.name)) in ev)
        finally:
            proc.communicate()
        RAN["kills"] += 1
        if at == "committed":                   # past the commit point: the new version is the report
            self.model[nfc(path.name)] = (path.resolve(), text)

    @precondition(lambda self: self._files())
    @rule(data=st.data())
    def rerun(self, data):
        self._ingest(data.draw(st.sampled_from(self._files())))

    @rule()
    def check_repair(self):
        RAN["ops"] += 1
        from qa.consistency import check
        check(self.system, repair=True)
        assert check(self.system)["ok"]

    # ------------------------------------------------------------ what must always hold
    @invariant()
    def nothing_lost_nothing_twice(self):
        if not hasattr(self, "system"):
            return
        RAN["steps"] += 1
        from qa.pipeline import Scope, ask
        registry = self.system.documents()
        assert set(registry) == set(self.model), (sorted(registry), sorted(self.model))
        assert all(nfc(s) == s for s in registry)
        for name, (_, text) in self.model.items():
            rec = registry[name]
            assert rec.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest(), name
            rows = self.system.store.document_chunks(name, rec.sha256)
            assert len(rows) == rec.chunks > 0 and len({r[0] for r in rows}) == len(rows), name
            fig = text.split("Tổng đàn trâu đạt ")[1].split(" ")[0]
            out = ask(self.system, QUESTION, scope=Scope(sources=[name]))
            assert fig in out.text and out.citations and all(c.source == name for c in out.citations), \
                (name, fig, out.text)


@pytest.mark.timeout(3600 if BIG else 900)
def test_random_sequences_against_a_model(capsys):
    for key in RAN:
        RAN[key] = 0
    run_state_machine_as_test(StoreModel, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, database=None,
        suppress_health_check=list(HealthCheck)))
    with capsys.disabled():
        print(f"\n[store model] {RAN['sequences']} sequences, {RAN['ops']} operations + {RAN['kills']} killed "
              f"ingests, {RAN['steps']} checked states (BAOCAO_BIG_TESTS={'1' if BIG else '0'})")
    assert RAN["sequences"] >= EXAMPLES
