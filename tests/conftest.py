"""Shared fixtures: the sample report, and one store with it ingested (embedding is the slow part)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
for p in (ROOT, ROOT / "tools"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_report():
    from index.loaders import load_file
    from index.structure import parse_report
    return parse_report(load_file(SAMPLE))


@pytest.fixture(scope="session")
def sample_system(tmp_path_factory):
    """A local store with the sample report ingested (shared, read-only for tests)."""
    from qa.system import System
    db = tmp_path_factory.mktemp("sample-db")
    system = System(db=db)
    out = system.ingest([SAMPLE])
    assert not out["errors"]
    return system
