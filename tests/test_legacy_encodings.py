"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, Windows-1258) in .txt files and in DOCX runs.

The fixtures are the sample report encoded by tools/legacy_encode.py.  An
8-bit code page cannot hold superscript digits ⁴-⁹ (and TCVN3's high cells are
all letters, so not “ ” – ¹ ² ³ either): the whole-report round trip uses the
sample with those written the way a legacy .txt writes them (plain digits,
straight quotes, "-"), and compares with that same text saved as UTF-8.  The
cp1252-based encodings (VNI, cp1258) also carry the sample's opening verbatim,
superscripts ¹ ² ³ included.
"""
from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

import legacy_encode
import render_report
from index.chunking import chunk_report
from index.errors import LoaderError
from index.legacy_encodings import (CP1258, TCVN3, TCVN3_BYTES, VNI, convert_font_text, decode_cp1258,
                                    decode_tcvn3, decode_vni, detect_legacy, font_encoding)
from index.loader_docx import load_docx
from index.loaders import decode_text, load_file
from index.structure import parse_report

SUPS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def plain_variant(text: str) -> str:
    """The sample as a legacy .txt would hold it: no superscript references, plain digits, ASCII quotes."""
    text = re.sub(rf"(?<=\S)[{SUPS}]+", "", text)
    return text.translate(str.maketrans(SUPS + "“”–", "0123456789\"\"-"))


def chunks_of(path: Path):
    return [(c.section_path, c.text, c.footnotes, c.kind) for c in chunk_report(parse_report(load_file(path)),
                                                                                 "a" * 64)]


@pytest.fixture(scope="module")
def variant(sample_text) -> str:
    return plain_variant(sample_text)


@pytest.fixture(scope="module")
def unicode_variant(variant, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("uni") / "langson_unicode.txt"
    path.write_text(variant, encoding="utf-8")
    return path


# -- the tables -------------------------------------------------------------------

def test_tcvn3_table_matches_glibc_charmap():
    charmap = Path("/usr/share/i18n/charmaps/TCVN5712-1.gz")
    if not charmap.exists():
        pytest.skip("glibc charmaps not installed")
    expected = {}
    for line in gzip.open(charmap, "rt", encoding="ascii", errors="replace"):
        m = re.match(r"<U([0-9A-F]{4})>\s+/x([0-9a-f]{2})\s", line)
        if m and int(m.group(2), 16) != int(m.group(1), 16):
            expected[int(m.group(2), 16)] = chr(int(m.group(1), 16))
    assert {b: c for b, c in TCVN3_BYTES.items() if ord(c) != b} == expected


@pytest.mark.parametrize("decode,data,text", [
    (decode_tcvn3, b"B\xb8o c\xb8o t\xd7nh h\xd7nh kinh t\xd5 - x\xb7 h\xe9i, \xae\xb9t 95.294 l\xad\xeet con",
     "Báo cáo tình hình kinh tế - xã hội, đạt 95.294 lượt con"),
    (decode_vni, b"Ba\xf9o ca\xf9o t\xecnh h\xecnh kinh te\xe1 - xa\xf5 ho\xe4i, \xf1a\xeft 95.294 l\xf6\xf4\xeft con",
     "Báo cáo tình hình kinh tế - xã hội, đạt 95.294 lượt con"),
    (decode_vni, b"BA\xd9O CA\xd9O \xd1A\xc4T \xd6\xd4\xd9C T\xccNH", "BÁO CÁO ĐẬT ƯỚC TÌNH"),
    (decode_cp1258, b"Vi\xea\xf2t Nam, ti\xccnh ha\xccnh, kinh t\xea\xec", "Việt Nam, tình hành, kinh tế"),
])
def test_known_byte_strings(decode, data, text):
    assert decode(data) == unicodedata.normalize("NFC", text)


def test_every_vietnamese_letter_round_trips():
    letters = "".join(sorted({unicodedata.normalize("NFC", b + t) for b in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
                              for t in ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]})) + "đĐ"
    assert len(letters) == 2 * 72 + 2
    assert decode_vni(legacy_encode.encode_vni(letters)) == letters
    assert decode_cp1258(legacy_encode.encode_cp1258(letters)) == letters
    assert decode_tcvn3(legacy_encode.encode_tcvn3(letters)) == letters


def test_tcvn3_encoder_agrees_with_iconv(variant, tmp_path):
    if shutil.which("iconv") is None:
        pytest.skip("iconv missing")
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(legacy_encode.encode_tcvn3(variant))
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8", str(path)], capture_output=True, check=True)
    assert unicodedata.normalize("NFC", out.stdout.decode("utf-8")) == variant


# -- .txt files ---------------------------------------------------------------------

@pytest.mark.parametrize("encoding", [TCVN3, VNI, CP1258])
def test_legacy_txt_loads_to_the_unicode_text_and_chunks(encoding, variant, unicode_variant, tmp_path):
    data = legacy_encode.ENCODERS[encoding](variant)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert detect_legacy(data) == (variant, encoding)
    path = tmp_path / f"langson_{encoding}.txt"
    path.write_bytes(data)
    assert decode_text(data, path) == variant
    doc = load_file(path)
    assert doc.converted_from == encoding
    assert len(doc.notes) == 1 and "Unicode" in doc.notes[0] and "chuyển mã" in doc.notes[0]
    uni = load_file(unicode_variant)
    assert uni.converted_from is None and uni.notes == []
    assert [(b.kind, b.text) for b in doc.blocks] == [(b.kind, b.text) for b in uni.blocks]
    chunks = chunks_of(path)
    assert chunks == chunks_of(unicode_variant) and len(chunks) > 20
    assert any("95.294 lượt con" in c[1] for c in chunks)
    assert {tuple(c[0]) for c in chunks} >= {("II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023",
                                              "1. Lĩnh vực phát triển kinh tế",
                                              "1.3. Hoạt động đầu tư xây dựng kết cấu hạ tầng")}


@pytest.mark.parametrize("encoding", [VNI, CP1258])
def test_cp1252_based_encodings_keep_the_sample_opening_verbatim(encoding, sample_text, tmp_path):
    opening = sample_text[: sample_text.index("1.3. Hoạt động")]        # footnotes ¹ ² ³, “ ” and –
    assert "¹" in opening and "³" in opening and "“" in opening and "–" in opening
    path = tmp_path / "opening.txt"
    path.write_bytes(legacy_encode.ENCODERS[encoding](opening))
    uni = tmp_path / "opening_utf8.txt"
    uni.write_text(opening, encoding="utf-8")
    assert decode_text(path.read_bytes(), path) == opening
    report = parse_report(load_file(path))
    assert sorted(report.footnotes) == sorted(parse_report(load_file(uni)).footnotes)
    assert chunks_of(path) == chunks_of(uni)


def test_not_vietnamese_is_still_an_error(tmp_path):
    path = tmp_path / "french.txt"
    path.write_bytes("Le café est très chaud à l'été, déjà goûté près de la forêt.".encode("latin-1"))
    with pytest.raises(LoaderError) as err:
        load_file(path)
    msg = str(err.value)
    assert "french.txt" in msg and "TCVN3" in msg and "not valid utf-8" in msg


def test_utf8_file_is_not_reinterpreted(sample_path):
    doc = load_file(sample_path)
    assert doc.converted_from is None and doc.notes == []


# -- DOCX runs in legacy fonts ---------------------------------------------------------

def test_font_names():
    assert font_encoding(".VnTime") == (TCVN3, False)
    assert font_encoding(".VnTimeH") == (TCVN3, True)
    assert font_encoding(".VnArial NarrowH") == (TCVN3, True)
    assert font_encoding("VNI-Times") == (VNI, False)
    assert font_encoding("Times New Roman") is None and font_encoding(None) is None
    assert convert_font_text("B¸o c¸o", ".VnTime") == "Báo cáo"
    assert convert_font_text("b¸o c¸o", ".VnTimeH") == "BÁO CÁO"
    assert convert_font_text("Baùo caùo", "VNI-Times") == "Báo cáo"
    assert convert_font_text("“Tết” – 2023", ".VnTime") == "“Tết” – 2023"    # Unicode in the run kept
    assert convert_font_text("B¸o c¸o", "Arial") == "B¸o c¸o"


@pytest.fixture(scope="module")
def unicode_docx(sample_text, tmp_path_factory) -> Path:
    return render_report.render_docx(sample_text, tmp_path_factory.mktemp("docx") / "langson.docx")


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_legacy_font_docx_reads_like_the_unicode_docx(encoding, unicode_docx, tmp_path):
    legacy = legacy_encode.legacy_docx(unicode_docx, tmp_path / f"langson_{encoding}.docx", encoding)
    import zipfile
    xml = zipfile.ZipFile(legacy).read("word/document.xml").decode("utf-8")
    assert ("B¸o c¸o" if encoding == TCVN3 else "BAÙO CAÙO").lower() in xml.lower()   # really mojibake inside
    assert (".VnTimeH" if encoding == TCVN3 else "VNI-Times") in xml
    doc = load_docx(legacy, "x.docx")
    ref = load_docx(unicode_docx, "x.docx")
    assert ref.converted_from is None and ref.notes == []
    assert doc.converted_from == encoding and len(doc.notes) == 1
    assert [(b.kind, b.text, b.footnote_id) for b in doc.blocks] == [(b.kind, b.text, b.footnote_id)
                                                                      for b in ref.blocks]
    a = chunk_report(parse_report(doc), "b" * 64)
    b = chunk_report(parse_report(ref), "b" * 64)
    assert [(c.section_path, c.text, c.footnotes) for c in a] == [(c.section_path, c.text, c.footnotes) for c in b]


def test_docx_style_and_default_fonts(tmp_path):
    """A paragraph style in .VnTime converts its runs; a Unicode run inside it stays as typed."""
    import docx

    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    d.add_paragraph("B¸o c¸o t×nh h×nh")                     # Normal style: .VnTime
    p = d.add_paragraph()
    p.add_run("Sè liÖu ")
    uni = p.add_run("Việt Nam")
    uni.font.name = "Times New Roman"
    vni = d.add_paragraph().add_run("Thaùng 01")
    vni.font.name = "VNI-Times"
    path = tmp_path / "styles.docx"
    d.save(path)
    texts = [b.text for b in load_docx(path, "styles.docx").blocks]
    assert texts == ["Báo cáo tình hình", "Số liệu Việt Nam", "Tháng 01"]
