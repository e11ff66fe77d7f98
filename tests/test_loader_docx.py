"""DOCX loader tests on a DOCX rendered from the sample report (tools/render_report.py)."""
from __future__ import annotations

import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import render_report  # noqa: E402
from sample_facts import source_body_fragments, source_footnotes, ws  # noqa: E402

from index.errors import LoaderError  # noqa: E402
from index.loader_docx import load_docx  # noqa: E402
from index.model import FOOTNOTE, HEADING, PARA, TABLE_ROW  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(sample_text, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "langson.docx"
    render_report.render_docx(sample_text, path)
    return load_docx(path, "langson.docx")


def texts(doc, kind):
    return [b.text for b in doc.blocks if b.kind == kind]


def test_document_shape(doc):
    assert doc.fmt == "docx" and doc.has_pages is False and doc.explicit_markers is True
    assert doc.source == "langson.docx"
    assert all(b.page is None for b in doc.blocks)
    assert all(b.text == unicodedata.normalize("NFC", b.text) and b.text.strip() for b in doc.blocks)


def test_headings_and_levels(doc):
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == HEADING]
    assert [t for lvl, t in heads if lvl == 1] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023",
        "III. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2023",
    ]
    level2 = [t for lvl, t in heads if lvl == 2]
    assert level2[0] == "1. Lĩnh vực phát triển kinh tế" and len(level2) == 7
    assert level2[-1] == "7. Công tác cải cách hành chính"
    level3 = [t for lvl, t in heads if lvl == 3]
    assert [t[:4] for t in level3] == ["1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6."]


def test_task_items_are_paragraphs_not_headings(doc):
    tasks = [b for b in doc.blocks if re.match(r"^\d+\. ", b.text) and "Tập trung chỉ đạo" in b.text[:40]]
    assert tasks and all(b.kind == PARA for b in tasks)
    paras = texts(doc, PARA)
    for n in range(1, 13):
        assert any(p.startswith(f"{n}. ") for p in paras), n
    assert not any(b.kind == HEADING and b.text.startswith("12.") for b in doc.blocks)


def test_header_title_recipients_signature(doc):
    paras = texts(doc, PARA)
    assert paras[0] == "Số: /BC-UBND"
    assert paras[2].split("\n")[0] == "BÁO CÁO"
    assert "Nơi nhận:" in paras
    assert "- Báo LS, Đài PT-TH tỉnh, TT Báo ND, Cơ quan TTXVN tại Lạng Sơn;" in paras
    assert paras[-1] == "Dương Xuân Huyền"
    assert paras[-2] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


def test_table_rows_in_section_1_2(doc):
    rows = texts(doc, TABLE_ROW)
    assert rows == ["Chỉ tiêu | Tháng 01 | So cùng kỳ", "Xuất khẩu | 100 triệu USD | tăng 150%",
                    "Nhập khẩu | 150 triệu USD | tăng 187,5%"]
    kinds = [(b.kind, b.text) for b in doc.blocks]
    first_row = kinds.index((TABLE_ROW, rows[0]))
    before = [t for k, t in kinds[:first_row] if k == HEADING]
    assert before[-1].startswith("1.2.")


def test_table_optional(sample_text, tmp_path):
    path = render_report.render_docx(sample_text, tmp_path / "notable.docx", table=False)
    assert not texts(load_docx(path, "notable.docx"), TABLE_ROW)


def test_all_footnotes_whole(doc, sample_text):
    expected = source_footnotes(sample_text)
    notes = [b for b in doc.blocks if b.kind == FOOTNOTE]
    assert [b.footnote_id for b in notes] == [str(i) for i in range(1, 10)]
    assert not any(b.continues for b in notes)
    for b in notes:
        assert b.text == expected[b.footnote_id]
    four = next(b.text for b in notes if b.footnote_id == "4")
    assert "đạt 85,6% kế hoạch giao đầu năm, Cụ thể:" in four      # whole, not split


def test_markers_at_reference_points(doc):
    body = " ".join(texts(doc, PARA))
    assert "3.666 ha[^1];" in body
    assert "phát triển ổn định[^2];" in body
    assert "đạt 75,3 % kế hoạch[^4]." in body
    assert "giao cơ quan chủ quản[^8]." in body
    for n in range(1, 10):
        assert body.count(f"[^{n}]") == 1, n
    assert not re.search(r"(?<!m)[¹²⁴⁵⁶⁷⁸⁹]", body)           # no raw superscript refs left


def test_footnote_follows_citing_paragraph(doc):
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind != FOOTNOTE:
            continue
        j = i - 1
        while blocks[j].kind == FOOTNOTE:
            j -= 1
        assert f"[^{b.footnote_id}]" in blocks[j].text


def test_no_footnote_text_in_body_and_no_body_in_footnotes(doc, sample_text):
    body = ws(" ".join(texts(doc, PARA) + texts(doc, HEADING)))
    for note in source_footnotes(sample_text).values():
        assert note[:40] not in body
    notes = " ".join(texts(doc, FOOTNOTE))
    for frag in source_body_fragments(sample_text):
        if len(frag) > 30:
            assert frag not in notes


def test_unit_superscript_kept_in_footnote(doc):
    five = next(b.text for b in doc.blocks if b.footnote_id == "5")
    assert "260 nghìn m³" in five and "790,0 nghìn m³" in five
    assert "[^" not in five


def test_cut_sentences_rejoined(doc):
    paras = texts(doc, PARA)
    assert any("Ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới" in p
               for p in paras)
    assert any("toàn tỉnh đã đăng ký thành lập mới được 25 doanh nghiệp" in p for p in paras)
    assert any("Tham mưu trình Ban Thường vụ Tỉnh ủy ban hành Nghị quyết" in p for p in paras)
    assert not any(p.startswith(("các chương trình, dự án đầu tư", "hoạch giao đầu năm")) for p in paras)


def test_body_text_matches_source(doc, sample_text):
    body = ws(re.sub(r"\[\^\d+\]", "", " ".join(texts(doc, PARA) + texts(doc, HEADING))))
    missing = [f for f in source_body_fragments(sample_text) if f not in body]
    assert not missing, missing[:3]


def test_render_is_deterministic(sample_text, tmp_path):
    a = render_report.render_docx(sample_text, tmp_path / "a.docx").read_bytes()
    b = render_report.render_docx(sample_text, tmp_path / "b.docx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.docx") as zf:
        assert "word/footnotes.xml" in zf.namelist()
        assert "footnotes+xml" in zf.read("[Content_Types].xml").decode()
        assert "relationships/footnotes" in zf.read("word/_rels/document.xml.rels").decode()


# -- other DOCX shapes -------------------------------------------------------

def test_localised_heading_names_outline_level_tables(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.styles.add_style("Tiêu đề 2", WD_STYLE_TYPE.PARAGRAPH)
    based = d.styles.add_style("Mục con", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = d.styles["Heading 3"]
    d.add_paragraph("1. Mục lớn", style="Tiêu đề 2")
    p = d.add_paragraph("PHẦN MỘT")
    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(ol)
    d.add_paragraph("1.1. Mục nhỏ", style="Mục con")
    d.add_paragraph("")                                          # empty: dropped
    d.add_paragraph(unicodedata.normalize("NFD", "Tiếng Việt có dấu"))
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Gộp ngang"
    t.cell(0, 2).text = "C"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "Gộp dọc"
    t.cell(1, 1).text = "x"
    t.cell(2, 1).text = "y"
    inner = t.cell(1, 2).add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            inner.cell(r, c).text = f"n{r}{c}"
    path = tmp_path / "shapes.docx"
    d.save(path)
    blocks = load_docx(path, "shapes.docx").blocks
    heads = [(b.level, b.text) for b in blocks if b.kind == HEADING]
    assert heads == [(2, "1. Mục lớn"), (1, "PHẦN MỘT"), (3, "1.1. Mục nhỏ")]
    assert "Tiếng Việt có dấu" in [b.text for b in blocks if b.kind == PARA]
    rows = [b.text for b in blocks if b.kind == TABLE_ROW]
    assert rows[0] == "Gộp ngang | C"                      # horizontal merge not repeated
    assert rows[1] == "Gộp dọc | x | n00, n01; n10, n11"   # nested table flattened into its cell
    assert rows[2] == " | y | "                             # vertical merge not repeated (column kept)
    assert sum(r.count("Gộp dọc") for r in rows) == 1


def test_truncated_docx_raises(doc, sample_text, tmp_path):
    good = render_report.render_docx(sample_text, tmp_path / "good.docx").read_bytes()
    bad = tmp_path / "cut.docx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(LoaderError) as err:
        load_docx(bad, "cut.docx")
    assert "cut.docx" in str(err.value) and "DOCX" in str(err.value)


def test_not_a_zip_and_missing_file_raise(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(LoaderError, match="junk.docx"):
        load_docx(junk, "junk.docx")
    with pytest.raises(LoaderError, match="missing.docx"):
        load_docx(tmp_path / "missing.docx", "missing.docx")
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(LoaderError, match="other.docx"):
        load_docx(other, "other.docx")
