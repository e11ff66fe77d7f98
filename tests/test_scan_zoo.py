"""A zoo report as offices publish it scanned: DOCX -> LibreOffice PDF -> rasterised scan -> OCR ingest.

The report (eval/zoo/tanlap_ubndxa_q3-2023.txt, four pages) is rendered to DOCX with a running
header (a report title) and footer ("Trang 3/4") made of real Word fields, exported to PDF by
LibreOffice, then scanned by tools/make_scan.py: pdftoppm at 300 dpi, turned ±1°, specks of
dust, saved as an image-only PDF.  Ingested through OCR, it must give the same metadata as the
text (index/metadata.py via the structure parser, against eval/zoo_meta.json), keep its figures,
drop the running lines, keep each footnote in its citing section and read the sentence the page
break cuts whole, as the text-layer export of the same DOCX does.

OCR takes ~5-9 s a page, so one short report by default; BAOCAO_BIG_TESTS=1 scans every zoo report.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

import render_report
from index.chunking import chunk_report
from index.loader_doc import convert_with_soffice
from index.loaders import load_file
from index.model import PAGE_BREAK, PARA
from index.ocr import missing_tools
from index.structure import is_open, parse_report
from index.vntext import match_form
from make_scan import make_scan

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "eval" / "zoo"
BIG = os.environ.get("BAOCAO_BIG_TESTS") == "1"
REPORTS = sorted(p.name for p in ZOO.glob("*.txt")) if BIG else ["tanlap_ubndxa_q3-2023.txt"]
HEADER = "Báo cáo kinh tế - xã hội (bản chụp)"
FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None
                                 or bool(missing_tools()), reason="LibreOffice / poppler / tesseract-ocr-vie missing")]


def figures(text: str) -> list[str]:
    """Figures worth checking: three digits or more ("8.950", "81,3%", "2023")."""
    return [f for f in FIGURE.findall(text) if len(re.sub(r"\D", "", f)) >= 3]


@pytest.fixture(scope="module", params=REPORTS)
def scanned(request, tmp_path_factory):
    name = request.param
    folder = tmp_path_factory.mktemp("scan-zoo")
    text = (ZOO / name).read_text(encoding="utf-8")
    docx = render_report.render_docx(text, folder / name.replace(".txt", ".docx"), table=False,
                                     header=HEADER, footer="Trang {PAGE}/{NUMPAGES}")
    pdf = convert_with_soffice(docx, "pdf", folder)
    scan = make_scan(pdf, folder / name.replace(".txt", "-scan.pdf"), dpi=300, angle=1.0, noise=0.02)
    text_doc = load_file(pdf)
    doc = load_file(scan)
    report = parse_report(doc)
    return name, text, text_doc, doc, report, chunk_report(report, "d" * 64)


def test_read_by_ocr_with_pages(scanned):
    _, _, text_doc, doc, _, _ = scanned
    assert doc.ocr is True and not text_doc.ocr
    pages = max(b.page for b in text_doc.blocks)
    assert [b.page for b in doc.blocks if b.kind == PAGE_BREAK] == list(range(1, pages + 1))
    assert min(doc.page_confidence.values()) >= 80, doc.page_confidence


def test_running_lines_gone(scanned):
    _, _, _, doc, _, chunks = scanned
    for b in doc.blocks:
        assert "bản chụp" not in b.text and not re.search(r"Trang\s*\d+\s*/", b.text), (b.page, b.text)
    assert not any("bản chụp" in c.text for c in chunks)


def test_metadata_as_the_text_gives(scanned):
    name, _, _, _, report, _ = scanned
    want = json.loads((ROOT / "eval" / "zoo_meta.json").read_text(encoding="utf-8"))[name]
    got = {f: getattr(report.meta, f) for f in want}
    got["issuer"] = got["issuer"].casefold()
    assert got == {**want, "issuer": want["issuer"].casefold()}


def test_figures_found_in_chunks(scanned):
    name, text, _, _, _, chunks = scanned
    body = " ".join(c.text for c in chunks)
    expected = figures(text)
    missed = [f for f in expected if f not in body]
    recall = 1 - len(missed) / len(expected)
    print(f"{name}: figures read right {len(expected) - len(missed)}/{len(expected)} = {recall:.3f}; missed {missed}")
    assert recall >= 0.95, missed
    if name.startswith("tanlap"):
        for f in ("1.120 ha", "8.950 tấn", "195.605 triệu đồng", "4.862 triệu đồng", "81,3%", "1.842 lượt",
                  "7,15%", "5.980 triệu đồng", "1.986/2.350 hộ", "93,6%"):
            assert f in body, f


def test_footnotes_in_their_citing_sections_as_in_the_text_export(scanned):
    name, _, text_doc, _, report, chunks = scanned
    ref = parse_report(text_doc)
    ref_chunks = chunk_report(ref, "e" * 64)

    def holders(rep, chs):
        return {fn.id: {c.section_path[-1] for c in chs if fn.text in c.footnotes} for fn in rep.footnotes.values()}

    want = holders(ref, ref_chunks)
    assert all(len(s) == 1 for s in want.values())
    got = holders(report, chunks)
    right = [k for k, v in want.items() if {match_form(s) for s in got.get(k, set())} == {match_form(s) for s in v}]
    print(f"{name}: footnotes in their citing section {len(right)}/{len(want)}")
    for fn in report.footnotes.values():
        assert not any(fn.text[:40] in c.body for c in chunks)
    # every one: 21 of 21 on the zoo (was 17: a raised "5" read "Š", a footnote of names read as body
    # size, a heading glued to its text, a section number "III." read "II.")
    assert right == list(want), (got, want)
    assert len(want) == 2 or not name.startswith("tanlap")


def test_sentences_cut_by_page_breaks_read_whole(scanned):
    """Where the text export's page ends mid-sentence, the scan's chunks hold both sides together."""
    name, _, text_doc, _, _, chunks = scanned
    blocks = text_doc.blocks
    cuts = []
    for k, b in enumerate(blocks):
        if b.kind != PAGE_BREAK:
            continue
        before = [x for x in blocks[:k] if x.kind == PARA and x.page == b.page]
        after = [x for x in blocks[k + 1:] if x.kind == PARA and x.page == b.page + 1]
        last = re.sub(r"\[\^\d+\]", "", before[-1].text) if before else ""
        if before and after and is_open(last) and "|" not in last + after[0].text:
            cuts.append((words(last)[-2:], words(after[0].text)[:2]))
    assert cuts or not name.startswith("tanlap")          # "... chiếm | 40,8% sản lượng" in tanlap
    bodies = [" ".join(words(c.body)) for c in chunks]
    for left, right in cuts:
        joined = " ".join(left + right)                     # both sides together, in one chunk
        assert any(joined in b for b in bodies), (left, right)


def words(text: str) -> list[str]:
    """Words of three letters or more, figures left out: whether the sides meet, not how OCR read
    a figure or a unit ("m³" as "mẻ")."""
    text = match_form(unicodedata.normalize("NFKC", re.sub(r"\[\^\d+\]", "", text)))
    out = []
    for token in text.split():
        word = re.sub(r"[\W_]+", "", token)
        if len(word) >= 3 and not re.search(r"\d", word):
            out.append(word)
    return out
