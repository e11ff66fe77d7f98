"""PDFs as LibreOffice exports them (issue 18).

The sample is rendered to DOCX (tools/render_report.py) and exported to PDF by LibreOffice,
plain and with running headers and footers made of real Word fields (a report title repeated
as header, "Trang 3/15", "- 3 -", different odd and even pages, a plain first page).  On every
export: each footnote in its citing section, sentences cut by page breaks read whole, running
lines nowhere in the text while page numbers stay on the blocks.
"""
from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest

import render_report
from index.chunking import chunk_report
from index.loader_doc import convert_with_soffice
from index.loaders import load_file
from index.model import TABLE_ROW
from index.structure import parse_report
from index.vntext import match_form
from sample_facts import FOOTNOTE_SECTION
from test_formats_end_to_end import JOINED

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def exported(sample_text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo-pdf")
    docx = render_report.render_docx(sample_text, folder / "langson.docx")
    pdf = convert_with_soffice(docx, "pdf", folder)
    doc = load_file(pdf)
    report = parse_report(doc)
    return doc, report, chunk_report(report, "e" * 64)


TITLE_HEADER = "Báo cáo tình hình kinh tế - xã hội tháng 01/2023"
ISSUER_HEADER = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
RUNNING = {
    # a report title as header, "Trang 3/15" at the foot
    "title-trang": dict(header=TITLE_HEADER, footer="Trang {PAGE}/{NUMPAGES}"),
    # different odd and even pages (each header on half the pages), "- 3 -", no header on page 1
    "odd-even": dict(header=ISSUER_HEADER, even_header=TITLE_HEADER, footer=">- {PAGE} -",
                     even_footer="<- {PAGE} -", first_page_plain=True),
    # a two-line header whose second line is the page number
    "two-lines": dict(header=f"{ISSUER_HEADER}\n>{{PAGE}}"),
}


@pytest.fixture(scope="module", params=sorted(RUNNING))
def running(request, sample_text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo-running")
    docx = render_report.render_docx(sample_text, folder / "langson.docx", **RUNNING[request.param])
    pdf = convert_with_soffice(docx, "pdf", folder)
    with pdfplumber.open(pdf) as p:
        printed = [pg.extract_text() for pg in p.pages]
    doc = load_file(pdf)
    report = parse_report(doc)
    return request.param, printed, doc, report, chunk_report(report, "f" * 64)


def test_running_lines_are_in_the_pdf(running):
    """The export really carries them (else the tests below prove nothing)."""
    name, printed, _, _, _ = running
    assert len(printed) >= 10
    expect = {"title-trang": [TITLE_HEADER, "Trang #/#"],
              "odd-even": [ISSUER_HEADER, TITLE_HEADER, "- # -"],
              "two-lines": [ISSUER_HEADER, "\n#\n"]}[name]
    printed = [re.sub(r"\d+", "#", page) for page in printed]
    for line in expect:
        line = re.sub(r"\d+", "#", line)
        assert sum(line in page for page in printed) >= len(printed) // 2 - 1, line


def test_running_lines_not_in_text(running):
    name, printed, doc, _, chunks = running
    for b in doc.blocks:
        assert TITLE_HEADER not in b.text and ISSUER_HEADER not in b.text, (b.page, b.text)
        assert not re.fullmatch(r"(?:Trang\s*)?[-\s\d/]+", b.text.strip()) or not b.text.strip(), (b.page, b.text)
    for c in chunks:
        assert TITLE_HEADER not in c.text and ISSUER_HEADER not in c.text
        assert not re.search(r"Trang \d+/\d+|- \d+ -", c.text), c.text
    # page numbers are kept: every PDF page has its blocks, the title on page 1
    assert {b.page for b in doc.blocks} == set(range(1, len(printed) + 1))
    assert any(b.page == 1 and b.text.startswith("BÁO CÁO") for b in doc.blocks)


def test_running_footnotes_and_page_cut_sentences(running):
    _, _, doc, report, chunks = running
    test_every_footnote_in_its_citing_section((doc, report, chunks))
    test_sentences_across_page_breaks_read_whole((doc, report, chunks))


def test_every_footnote_in_its_citing_section(exported):
    _, report, chunks = exported
    assert sorted(fn.id for fn in report.footnotes.values()) == sorted(FOOTNOTE_SECTION)
    for fn in report.footnotes.values():
        holders = {c.section_path[-1] for c in chunks if fn.text in c.footnotes}
        assert holders == {FOOTNOTE_SECTION[fn.id]}, fn.id
        assert not any(fn.text[:50] in c.body for c in chunks)


def test_sentences_across_page_breaks_read_whole(exported):
    doc, _, chunks = exported
    assert max(b.page for b in doc.blocks) >= 5
    for sentence in JOINED:
        assert any(match_form(sentence) in match_form(c.body) for c in chunks), sentence


def test_table_rows(exported):
    """The ruled table comes out as rows in its section, its cells out of the paragraphs."""
    doc, report, chunks = exported
    rows = [b.text for b in doc.blocks if b.kind == TABLE_ROW]
    assert rows == [" | ".join(r) for r in render_report.EXPORT_TABLE]
    assert not any("Tháng 01 So cùng kỳ" in b.text or "USD tăng" in b.text for b in doc.blocks if b.kind != TABLE_ROW)
    holders = [c for c in chunks if "Xuất khẩu | 100 triệu USD | tăng 150%" in c.text]
    assert holders and all(c.section_path[-1] == "1.2. Phát triển kinh tế cửa khẩu" for c in holders)
