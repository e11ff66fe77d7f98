"""PDFs as LibreOffice exports them (issue 18, item 7) — a guard, not yet the whole item.

The sample is rendered to DOCX (tools/render_report.py) and exported to PDF by LibreOffice.
The existing PDF loader already puts every footnote in its citing section and reads sentences cut
by page breaks whole on this export (these tests pass without new code and keep it so); table rows
as TABLE_ROW through pdfplumber's table extraction are not done yet (xfail below).
"""
from __future__ import annotations

import shutil

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


@pytest.mark.xfail(reason="issue 18 item 7: pdfplumber table extraction not wired in yet", strict=True)
def test_table_rows(exported):
    doc, _, _ = exported
    rows = [b.text for b in doc.blocks if b.kind == TABLE_ROW]
    assert rows == [" | ".join(r) for r in render_report.EXPORT_TABLE]
