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
