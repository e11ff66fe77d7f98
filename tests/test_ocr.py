"""Scanned PDFs read by OCR, offline (pdftoppm + Tesseract's Vietnamese model).

The scan is made here: three pages of the sample rendered to PDF (tools/render_report.py),
rasterised by pdftoppm at 200 dpi, turned ±0.8°, sprinkled with specks (tools/make_scan.py) and
saved as an image-only PDF.  OCR takes ~10 s a page, so the tests read four pages in all.
"""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

import render_report
from index.chunking import chunk_report
from index.errors import LoaderError
from index.loader_pdf import load_pdf
from index.loaders import load_file
from index.model import PAGE_BREAK, PARA
from index.ocr import missing_tools
from index.structure import parse_report
from make_scan import make_scan

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("pdftoppm") is None or bool(missing_tools()),
                                 reason="pdftoppm / tesseract-ocr-vie not installed")]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[.,][0-9]+)*", text.lower())


@pytest.fixture(scope="module")
def text_pdf(sample_text, tmp_path_factory):
    part = sample_text[: sample_text.index("1.4. Sản xuất")]          # four pages when rendered
    return render_report.render_pdf(part, tmp_path_factory.mktemp("ocr") / "part.pdf")


@pytest.fixture(scope="module")
def scanned(text_pdf):
    scan = make_scan(text_pdf, text_pdf.with_name("scan.pdf"), first=2, last=4, dpi=200, angle=0.8, noise=0.02)
    calls = []
    doc = load_file(scan, progress=lambda stage, done, total, source: calls.append((stage, done, total, source)))
    return scan, doc, calls


def test_scan_has_no_text_layer(scanned):
    import pdfplumber
    scan, _, _ = scanned
    with pdfplumber.open(scan) as pdf:
        assert len(pdf.pages) == 3 and not any(p.chars for p in pdf.pages)


def test_ocr_result_shape(scanned):
    _, doc, calls = scanned
    assert doc.ocr is True and doc.fmt == "pdf" and doc.has_pages is True
    # each page's text layer is looked at (none), then each page is read by OCR (index.progress)
    assert calls == [(stage, k, 3, "scan.pdf") for stage in ("pages", "ocr") for k in (1, 2, 3)]
    assert sorted(doc.page_confidence) == [1, 2, 3]
    assert all(c >= 80 for c in doc.page_confidence.values()), doc.page_confidence
    assert doc.low_confidence_pages == []
    assert any("OCR" in n for n in doc.notes)
    assert [b.page for b in doc.blocks if b.kind == PAGE_BREAK] == [1, 2, 3]
    assert {b.page for b in doc.blocks if b.kind == PARA} == {1, 2, 3}


def test_key_figures_and_most_words_survive(scanned, text_pdf):
    _, doc, _ = scanned
    ocr_text = " ".join(b.text for b in doc.blocks)
    for figure in ("95.294", "1.226,1", "3.666 ha", "250 triệu USD", "108,3%"):
        assert figure in ocr_text, figure
    ref = load_pdf(text_pdf, "part.pdf")
    ref_text = re.sub(r"\[\^\d+\]", "", " ".join(b.text for b in ref.blocks if b.page in (2, 3, 4)))
    expected, got = Counter(words(ref_text)), Counter(words(ocr_text))
    recall = sum((expected & got).values()) / sum(expected.values())
    assert recall >= 0.9, recall
    chunks = chunk_report(parse_report(doc), "c" * 64)
    assert any("95.294" in c.text for c in chunks)


def test_bad_page_is_named(text_pdf, tmp_path):
    bad = make_scan(text_pdf, tmp_path / "bad.pdf", first=1, last=1, dpi=60, blur=1.2, noise=0.08)
    doc = load_file(bad)
    assert doc.ocr and doc.low_confidence_pages == [1] and doc.page_confidence[1] < 60
    assert any("trang 1" in n and "low OCR confidence" in n for n in doc.notes)


def test_ocr_can_be_switched_off(tmp_path):
    from qa.settings import Settings
    scan = render_report.render_image_pdf(tmp_path / "scan.pdf", pages=1)
    with pytest.raises(LoaderError, match="cần OCR.*scan.pdf"):
        load_file(scan, limits=Settings.from_env({"BAOCAO_OCR": "0"}).limits)


def test_missing_tools_are_named(monkeypatch, tmp_path):
    scan = render_report.render_image_pdf(tmp_path / "scan.pdf", pages=1)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LoaderError) as err:
        load_file(scan)
    msg = str(err.value)
    assert "scan.pdf" in msg and "tesseract" in msg and "pdftoppm" in msg and "apt-get install" in msg


def test_pages_come_in_order_and_a_reader_that_stops_leaves_nothing_behind(scanned, monkeypatch, tmp_path):
    """The next page is prepared in a helper thread while Tesseract reads this one: pages still come
    one by one in order, and a caller that stops after the first (the character limit) leaves no
    helper thread and no page images behind."""
    import tempfile
    import threading

    from index.ocr import ocr_pages
    scan, doc, _ = scanned
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    done = []
    pages = ocr_pages(scan, 3, progress=lambda k, n: done.append(k))
    first = next(pages)
    assert first.number == 1 and done == [1]
    assert first.confidence == doc.page_confidence[1] and first.paragraphs
    pages.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("baocao-ocr-page")]
    assert list(tmp_path.iterdir()) == []
