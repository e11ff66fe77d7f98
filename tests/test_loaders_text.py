"""Plain-text and Markdown loading, encodings and bad input."""
import codecs

import pytest

from index.errors import LoaderError
from index.loaders import load_file
from index.model import FOOTNOTE, HEADING, TABLE_ROW
from index.structure import parse_report

REPORT = "BÁO CÁO\nTình hình tháng 03 năm 2024\n\nI. KẾT QUẢ\n\nThu ngân sách đạt 10 tỷ đồng¹.\n\n¹ Gồm thuế.\n"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-16-le", b"")])
def test_encodings(tmp_path, encoding, bom):
    f = tmp_path / "r.txt"
    f.write_bytes(bom + REPORT.encode(encoding))
    r = parse_report(load_file(f))
    assert r.meta.period == "tháng 03/2024"
    assert [p.text for p in r.paragraphs if p.kind == "body"] == ["Thu ngân sách đạt 10 tỷ đồng."]
    assert r.footnotes["1"].text == "Gồm thuế."


def test_nfd_file_is_normalised(tmp_path):
    import unicodedata
    f = tmp_path / "r.txt"
    f.write_text(unicodedata.normalize("NFD", REPORT), encoding="utf-8")
    r = parse_report(load_file(f))
    assert r.paragraphs[-1].text == unicodedata.normalize("NFC", "Thu ngân sách đạt 10 tỷ đồng.")


def test_markdown_headings_footnotes_tables(tmp_path):
    f = tmp_path / "r.md"
    f.write_text("# BÁO CÁO tháng 5 năm 2024\n\n## I. KẾT QUẢ\n\nThu đạt 5 tỷ đồng[^1].\n\n"
                 "| Chỉ tiêu | Tháng 5 |\n|---|---|\n| Thu | 5 tỷ |\n\n[^1]: Gồm phí.\n", encoding="utf-8")
    doc = load_file(f)
    kinds = [b.kind for b in doc.blocks]
    assert HEADING in kinds and FOOTNOTE in kinds and kinds.count(TABLE_ROW) == 2
    r = parse_report(doc)
    body = [p for p in r.paragraphs if p.kind == "body"]
    assert body[0].text == "Thu đạt 5 tỷ đồng." and body[0].footnote_ids == ["1"]
    assert body[0].section_path == ["I. KẾT QUẢ"]


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "rỗng"),
    ("blank.txt", b"  \n\n ", "rỗng"),
    ("bin.txt", bytes(range(256)) * 4, "không phải"),
    ("latin.txt", "Thu ngân sách".encode("cp1258", errors="ignore") + b"\xff\xfe\x00", "không phải"),
    ("photo.png", b"\x89PNG\r\n", "không hỗ trợ"),
])
def test_bad_input_is_a_clear_error(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(LoaderError) as exc:
        load_file(f)
    assert name in str(exc.value) and message in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(LoaderError, match="không tìm thấy"):
        load_file(tmp_path / "nope.txt")


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("a" * 5000, encoding="utf-8")
    with pytest.raises(LoaderError, match="quá lớn"):
        load_file(f, max_bytes=1000)


def test_a_plain_text_table_typed_with_pipes_keeps_its_rows(tmp_path):
    """A text export keeps its tables as pipe-separated lines; read as one paragraph its rows ran
    together into one line that no quote could cut. The lines around the table stay paragraphs, and a
    single line with pipes ("Số: 12 | Hà Nội") is no table."""
    f = tmp_path / "r.txt"
    f.write_text("BÁO CÁO\nTình hình tháng 8 năm 2025\n\nKINH TẾ\n\n"
                 "Một số chỉ tiêu chủ yếu:\n"
                 "Chỉ tiêu | Đơn vị | Tháng 8 | Lũy kế 8 tháng\n"
                 "Thu ngân sách | triệu đồng | 4.862 | 31.745\n"
                 "Chi ngân sách | triệu đồng | 3.915 | 24.308\n\n"
                 "Số liệu tạm tính | chưa kiểm toán | xem phụ lục.\n", encoding="utf-8")
    doc = load_file(f)
    rows = [b.text for b in doc.blocks if b.kind == TABLE_ROW]
    assert rows == ["Chỉ tiêu | Đơn vị | Tháng 8 | Lũy kế 8 tháng", "Thu ngân sách | triệu đồng | 4.862 | 31.745",
                    "Chi ngân sách | triệu đồng | 3.915 | 24.308"]
    r = parse_report(doc)
    tables = [p.text for p in r.paragraphs if p.kind == "table"]
    assert tables == ["\n".join(rows)]
    assert "Một số chỉ tiêu chủ yếu:" in [p.text for p in r.paragraphs if p.kind == "body"]
    assert any(p.text.startswith("Số liệu tạm tính") and p.kind == "body" for p in r.paragraphs)
