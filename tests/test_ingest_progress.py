"""Ingest progress (issue 15, point 7): a PDF upload reports each page and each embedding batch."""
from __future__ import annotations

import itertools

import pytest
import render_report

from index.progress import CHUNKS, EMBED_BATCH, FILES, PAGES, SENTENCES
from qa.system import System


@pytest.fixture(scope="module")
def recorded(sample_text, tmp_path_factory):
    """A four-page PDF ingested into a fresh store, with every progress call recorded."""
    folder = tmp_path_factory.mktemp("progress")
    part = sample_text[: sample_text.index("1.4. Sản xuất")]          # four pages when rendered
    pdf = render_report.render_pdf(part, folder / "bốn trang.pdf")
    calls: list[tuple] = []
    system = System(db=folder / "db")
    out = system.ingest([pdf], progress=lambda *args: calls.append(args))
    assert not out["errors"], out
    return system, out, calls


def stages(calls):
    """[(stage, [(done, total, source), ...]), ...] in the order the stages came."""
    return [(stage, [c[1:] for c in group]) for stage, group in itertools.groupby(calls, key=lambda c: c[0])]


def test_progress_goes_through_pages_then_embedding_batches(recorded):
    system, _out, calls = recorded
    assert [s for s, _ in stages(calls)] == [FILES, PAGES, CHUNKS, SENTENCES, FILES]
    pages = dict(stages(calls))[PAGES]
    n_pages = system.documents()["bốn trang.pdf"].meta["pages"]
    assert n_pages == 4
    assert pages == [(k, 4, "bốn trang.pdf") for k in range(1, 5)]     # one call per page, as read
    assert calls[0] == (FILES, 0, 1, "bốn trang.pdf") and calls[-1][:3] == (FILES, 1, 1)


@pytest.mark.parametrize("stage", [CHUNKS, SENTENCES])
def test_embedding_batches_rise_to_their_total(recorded, stage):
    system, out, calls = recorded
    seen = dict(stages(calls))[stage]
    done = [d for d, _, _ in seen]
    totals = {t for _, t, _ in seen}
    assert {s for _, _, s in seen} == {"bốn trang.pdf"}
    assert len(totals) == 1
    total = totals.pop()
    assert done[0] == 0 and done[-1] == total                    # starts, and ends at its total
    assert all(b > a for a, b in itertools.pairwise(done))             # strictly rising
    assert all(b - a <= EMBED_BATCH for a, b in itertools.pairwise(done))
    if stage == CHUNKS:
        assert total == out["documents"][0]["chunks"]
    else:
        assert total == system.sentences.count() and total > EMBED_BATCH   # several batches


def test_an_unchanged_file_reports_only_the_file(recorded, tmp_path):
    system, _out, _ = recorded
    path = system.documents()["bốn trang.pdf"].meta["path"]
    calls: list[tuple] = []
    again = system.ingest([path], progress=lambda *args: calls.append(args))
    assert again["documents"][0]["status"] == "unchanged"
    assert [c[0] for c in calls] == [FILES, FILES]


def test_a_text_file_reports_embedding_but_no_pages(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text("BÁO CÁO\nTình hình kinh tế - xã hội tháng 04 năm 2024\n\nI. KINH TẾ\n\n"
                      "1. Nông nghiệp\n\nTổng đàn trâu đạt 5.000 con.\n", encoding="utf-8")
    calls: list[tuple] = []
    System(db=tmp_path / "db").ingest([report], progress=lambda *args: calls.append(args))
    assert [s for s, _ in stages(calls)] == [FILES, CHUNKS, SENTENCES, FILES]
