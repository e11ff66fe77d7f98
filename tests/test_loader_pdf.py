"""PDF loader tests on a PDF rendered from the sample report (tools/render_report.py)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import render_report  # noqa: E402
from sample_facts import source_body_fragments, source_footnotes, ws  # noqa: E402

TERMINAL = ".;:!?…"

from index.errors import LoaderError  # noqa: E402
from index.loader_pdf import load_pdf  # noqa: E402
from index.model import FOOTNOTE, PAGE_BREAK, PARA  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pdf_path(sample_text, tmp_path_factory) -> Path:
    return render_report.render_pdf(sample_text, tmp_path_factory.mktemp("pdf") / "langson.pdf")


@pytest.fixture(scope="module")
def doc(pdf_path):
    return load_pdf(pdf_path, "langson.pdf")


def paras(doc):
    return [b for b in doc.blocks if b.kind == PARA]


def notes(doc):
    return [b for b in doc.blocks if b.kind == FOOTNOTE]


def test_shape_pages_and_page_breaks(doc):
    assert doc.fmt == "pdf" and doc.has_pages is True and doc.explicit_markers is True
    breaks = [b for b in doc.blocks if b.kind == PAGE_BREAK]
    assert len(breaks) >= 8
    assert [b.page for b in breaks] == list(range(1, len(breaks) + 1))
    assert doc.blocks[-1].kind == PAGE_BREAK
    pages = [b.page for b in doc.blocks]
    assert None not in pages and pages == sorted(pages)
    assert len({b.page for b in paras(doc)}) == len(breaks)             # body text on every page


def test_running_page_numbers_not_in_text(doc, pdf_path):
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        assert pdf.pages[3].extract_text().splitlines()[0].strip() == "4"   # it is printed...
    assert not any(re.fullmatch(r"\d+", b.text) for b in doc.blocks)   # ...but not loaded
    for b in paras(doc):
        if b.page > 1:
            assert not b.text.startswith(f"{b.page} "), b.text[:40]


def test_all_footnotes_with_ids_and_full_text(doc, sample_text):
    expected = source_footnotes(sample_text)
    numbered = [b for b in notes(doc) if b.footnote_id is not None]
    assert [b.footnote_id for b in numbered] == [str(i) for i in range(1, 10)]
    assert all(not b.continues for b in numbered)
    # footnote 4 is split: id block + continuation on the next page's foot
    conts = [b for b in notes(doc) if b.continues]
    assert len(conts) == 1
    four = next(b for b in numbered if b.footnote_id == "4")
    cont = conts[0]
    assert cont.footnote_id is None and cont.page == four.page + 1
    assert cont.text.startswith("hoạch giao đầu năm")
    assert four.text.endswith("đạt 85,6% kế")
    nxt = notes(doc)[notes(doc).index(cont) + 1]
    assert nxt.footnote_id == "5" and nxt.page == cont.page              # printed before ⁵ on that page
    for b in numbered:
        full = b.text + (" " + cont.text if b.footnote_id == "4" else "")
        assert full == expected[b.footnote_id], b.footnote_id


def test_markers_inline_and_on_the_footnote_page(doc):
    body = " ".join(b.text for b in paras(doc))
    assert "3.666 ha[^1];" in body
    assert "phát triển ổn định[^2];" in body
    assert "đạt 75,3 % kế hoạch[^4]." in body
    for n in range(1, 10):
        assert body.count(f"[^{n}]") == 1, n
        cite = next(b for b in paras(doc) if f"[^{n}]" in b.text)
        note = next(b for b in notes(doc) if b.footnote_id == str(n))
        assert cite.page == note.page, n
    assert not re.search(r"[¹²⁴⁵⁶⁷⁸⁹]", body)


def test_unit_superscript_kept_as_text(doc):
    five = next(b.text for b in notes(doc) if b.footnote_id == "5")
    assert "260 nghìn m³" in five and "9,0 nghìn m³" in five and "[^" not in five


def test_no_footnote_text_in_body_and_no_body_in_footnotes(doc, sample_text):
    body = ws(" ".join(b.text for b in paras(doc)))
    for note in source_footnotes(sample_text).values():
        assert note[:40] not in body
    foot = " ".join(b.text for b in notes(doc))
    for frag in source_body_fragments(sample_text):
        if len(frag) > 30:
            assert frag not in foot, frag
    assert not any(b.text.startswith(("Chương trình mục tiêu quốc gia xây dựng", "2023 đến hết"))
                   for b in notes(doc))


def test_body_text_matches_source(doc, sample_text):
    body = ws(re.sub(r"\[\^\d+\]", "", " ".join(b.text for b in paras(doc))))
    missing = [f for f in source_body_fragments(sample_text) if f not in body]
    assert not missing, missing[:3]


def test_paragraphs_and_headings_are_separate_blocks(doc):
    texts = [b.text for b in paras(doc)]
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in texts
    assert "1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới" in texts
    assert "Nơi nhận:" in texts and "- Thường trực Tỉnh ủy;" in texts
    assert "- Báo LS, Đài PT-TH tỉnh, TT Báo ND, Cơ quan TTXVN tại Lạng Sơn;" in [ws(t) for t in texts]
    assert texts[-1] == "Dương Xuân Huyền"
    # wrapped lines are joined with a space, hard line breaks (title, signature) kept as "\n"
    assert "BÁO CÁO\nTình hình kinh tế - xã hội tháng 01,\nnhiệm vụ trọng tâm tháng 02 năm 2023" in texts
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in texts
    assert not any("\n" in t for t in texts if len(t) > 200)


def test_cut_sentences_left_for_the_parser(doc, sample_text):
    """Pages end mid-sentence; the loader must not join across the page break."""
    source = " ".join(source_body_fragments(sample_text))
    cut = 0
    for page in range(1, max(b.page for b in doc.blocks)):
        last = [b for b in paras(doc) if b.page == page][-1]
        first = [b for b in paras(doc) if b.page == page + 1][0]
        if last.text.rstrip()[-1] not in TERMINAL:
            cut += 1
            seam = re.sub(r"\[\^\d+\]", "", last.text[-25:] + " " + first.text[:25])
            assert ws(seam) in source, seam          # the two halves of one source sentence
    assert cut >= 3


def test_running_footer_removed(sample_text, tmp_path, doc):
    path = render_report.render_pdf(sample_text, tmp_path / "footer.pdf",
                                    running_footer="UBND tỉnh Lạng Sơn - Báo cáo tháng 01/2023")
    other = load_pdf(path, "footer.pdf")
    assert not any("Báo cáo tháng 01/2023" in b.text for b in other.blocks)
    assert [(b.kind, b.text, b.page) for b in other.blocks] == [(b.kind, b.text, b.page) for b in doc.blocks]


def test_natural_layout_still_reads_every_footnote(sample_text, tmp_path):
    path = render_report.render_pdf(sample_text, tmp_path / "natural.pdf", force_footnote_split=False)
    loaded = notes(load_pdf(path, "natural.pdf"))
    assert [b.footnote_id for b in loaded if b.footnote_id] == [str(i) for i in range(1, 10)]
    expected = source_footnotes(sample_text)
    joined: dict[str, str] = {}
    last = None
    for b in loaded:
        if b.continues:
            joined[last] += " " + b.text
        else:
            last = b.footnote_id
            joined[last] = b.text
    assert joined == expected


def test_image_only_pdf_needs_ocr(tmp_path):
    path = render_report.render_image_pdf(tmp_path / "scan.pdf")
    with pytest.raises(LoaderError) as err:
        load_pdf(path, "scan.pdf")
    msg = str(err.value)
    assert "OCR" in msg and "cần OCR" in msg and "scan.pdf" in msg


def test_truncated_pdf_raises(pdf_path, tmp_path):
    data = pdf_path.read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoaderError, match="cut.pdf") as err:
        load_pdf(bad, "cut.pdf")
    assert "truncated" in str(err.value)


def test_garbage_and_missing_raise(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\nnot really a pdf\n%%EOF\n")
    with pytest.raises(LoaderError, match="junk.pdf"):
        load_pdf(junk, "junk.pdf")
    txt = tmp_path / "text.pdf"
    txt.write_text("xin chào", encoding="utf-8")
    with pytest.raises(LoaderError, match="text.pdf"):
        load_pdf(txt, "text.pdf")
    with pytest.raises(LoaderError, match="missing.pdf"):
        load_pdf(tmp_path / "missing.pdf", "missing.pdf")


def test_encrypted_pdf_raises(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="mat-khau", invariant=1)
    c.drawString(72, 720, "Secret report")
    c.showPage()
    c.save()
    with pytest.raises(LoaderError, match="locked.pdf") as err:
        load_pdf(path, "locked.pdf")
    assert "mã hoá" in str(err.value) and "encrypted" in str(err.value)


def test_too_many_pages(pdf_path):
    with pytest.raises(LoaderError, match="giới hạn"):
        load_pdf(pdf_path, "langson.pdf", max_pages=3)


def test_render_is_deterministic(sample_text, tmp_path, pdf_path):
    again = render_report.render_pdf(sample_text, tmp_path / "again.pdf")
    assert again.read_bytes() == pdf_path.read_bytes()


def test_running_footer_removed_from_a_two_page_report(sample_text, tmp_path):
    """Two pages: a line at the same place on both pages is running (no 'most pages' to count)."""
    part = sample_text[: sample_text.index("1.1. Sản xuất")]
    path = render_report.render_pdf(part, tmp_path / "short.pdf", running_footer="Báo cáo KT-XH tháng 01/2023")
    short = load_pdf(path, "short.pdf")
    assert max(b.page for b in short.blocks) == 2
    assert not any("Báo cáo KT-XH" in b.text for b in short.blocks)
