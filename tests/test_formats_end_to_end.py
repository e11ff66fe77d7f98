"""The must-show of the ingest issue on DOCX (real footnotes) and PDF (footnotes at page feet) renderings
of the sample report that the tests generate themselves (tools/render_report.py, DejaVu Sans)."""
from __future__ import annotations

import pytest

import render_report
from index.chunking import chunk_report
from index.loaders import load_file
from index.structure import parse_report
from index.vntext import match_form
from sample_facts import FOOTNOTE_SECTION

EXPECTED_SECTION = FOOTNOTE_SECTION
JOINED = [
    "Ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2023",
    "Ước kết quả giải ngân kế hoạch vốn năm 2023 đến hết tháng 01/2023 là 45 tỷ đồng",
    "tính từ đầu năm đến ngày 16/01/2023, toàn tỉnh đã đăng ký thành lập mới được 25 doanh nghiệp",
    "chuyển quà của Chủ tịch UBND tính đến 7.191 đối tượng, kinh phí 4.365 triệu đồng",
    "thành lập các cụm công nghiệp đang thực hiện. Hoàn thiện",
    "Tham mưu trình Ban Thường vụ Tỉnh ủy ban hành Nghị quyết",
]


@pytest.fixture(scope="module", params=["docx", "pdf"])
def rendered(request, sample_text, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / f"langson.{request.param}"
    if request.param == "docx":
        render_report.render_docx(sample_text, path)
    else:
        render_report.render_pdf(sample_text, path)
    report = parse_report(load_file(path))
    return request.param, report, chunk_report(report, "f" * 64)


def test_header_read(rendered):
    _, report, _ = rendered
    assert report.meta.period == "tháng 01/2023" and report.meta.plan_period == "tháng 02/2023"
    assert report.meta.province == "Lạng Sơn"


def test_every_footnote_in_a_chunk_of_the_citing_section(rendered):
    fmt, report, chunks = rendered
    by_number = {}
    for key, fn in report.footnotes.items():
        by_number.setdefault(fn.id, []).append(fn)
    assert sorted(by_number) == sorted(EXPECTED_SECTION)
    for fid, section in EXPECTED_SECTION.items():
        fn = by_number[fid][0]
        holders = [c for c in chunks if fn.text in c.footnotes]
        assert holders, f"{fmt}: footnote {fid} in no chunk"
        assert {c.section_path[-1] for c in holders} == {section}, fmt
        for c in holders:
            assert fn.text not in c.body


def test_footnote_4_whole_in_section_1_3(rendered):
    fmt, report, chunks = rendered
    fn4 = next(fn for fn in report.footnotes.values() if fn.id == "4")
    assert "đạt 85,6% kế hoạch giao đầu năm, Cụ thể: Vốn trong nước" in fn4.text
    assert "Vốn nước ngoài (ODA): 224,8 tỷ đồng" in fn4.text
    oda = [c for c in chunks if "Vốn nước ngoài (ODA): 224,8 tỷ đồng" in c.text]
    assert oda and {c.section_path[-1] for c in oda} == {EXPECTED_SECTION["4"]}, fmt


def test_cut_sentences_read_whole_in_one_chunk(rendered):
    fmt, _, chunks = rendered
    for sentence in JOINED:
        assert any(match_form(sentence) in match_form(c.body) for c in chunks), (fmt, sentence)


def test_no_footnote_text_glued_to_body(rendered):
    _, report, chunks = rendered
    for c in chunks:
        for fn in report.footnotes.values():
            assert fn.text[:50] not in c.body


def test_pdf_pages_are_real(rendered):
    fmt, report, chunks = rendered
    if fmt != "pdf":
        assert all(c.page is None for c in chunks)
        return
    pages = [c.page for c in chunks]
    assert all(isinstance(p, int) for p in pages) and max(pages) >= 10
    c13 = next(c for c in chunks if "Vốn nước ngoài (ODA)" in c.text)
    assert 3 <= c13.page <= 5
