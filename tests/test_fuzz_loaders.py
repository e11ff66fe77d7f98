"""Bad input at scale: whatever bytes arrive, `load_file` + `parse_report` either succeed or raise
`LoaderError` naming the file — never another exception, never a hang.

Property-based (hypothesis, bounded examples, no deadline) over random bytes, truncated and
mutated real DOCX/PDF files; plus the pathological shapes a real deployment meets: a 5 MB single
line, tables nested 50 deep, a PDF longer than the page limit, a DOCX whose document.xml inflates
far beyond its zipped size.  Limits are configurable via the environment and read per call.
"""
from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx_bomb import inflating_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import LoaderError
from index.loaders import load_file
from qa.settings import Settings
from index.structure import parse_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "langson_ktxh_2023-01.txt"
sys.path.insert(0, str(ROOT / "tools"))

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=30, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SMALL_TEXT = SAMPLE.read_text(encoding="utf-8")[:2500]


def load_and_parse(path: Path, **kw):
    """The property: success, or LoaderError whose message names the file."""
    try:
        return parse_report(load_file(path, **kw))
    except LoaderError as exc:
        assert path.name in str(exc), f"error does not name the file: {exc}"
        return exc


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def real_files(work):
    """A small DOCX and PDF rendered once from the sample report's opening."""
    from render_report import render_docx, render_pdf
    docx_path = render_docx(SMALL_TEXT, work / "real.docx")
    pdf_path = render_pdf(SMALL_TEXT, work / "real.pdf")
    assert not isinstance(load_and_parse(docx_path), LoaderError)
    assert not isinstance(load_and_parse(pdf_path), LoaderError)
    return docx_path.read_bytes(), pdf_path.read_bytes()


# --------------------------------------------------------------------------- random bytes
@pytest.mark.timeout(240)
@FUZZ
@given(data=st.binary(min_size=0, max_size=4096), ext=st.sampled_from([".txt", ".md", ".docx", ".pdf"]))
def test_random_bytes(work, data, ext):
    path = work / f"random{ext}"
    path.write_bytes(data)
    load_and_parse(path)


@pytest.mark.timeout(240)
@FUZZ
@given(body=st.binary(min_size=0, max_size=2048))
def test_random_bytes_dressed_as_pdf(work, body):
    """Past the magic-number and %%EOF checks, into the PDF parser itself."""
    path = work / "dressed.pdf"
    path.write_bytes(b"%PDF-1.4\n" + body + b"\n%%EOF\n")
    load_and_parse(path)


@pytest.mark.timeout(240)
@FUZZ
@given(text=st.text(max_size=3000), ext=st.sampled_from([".txt", ".md"]))
def test_random_unicode_text(work, text, ext):
    path = work / f"unicode{ext}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    load_and_parse(path)


# --------------------------------------------------------------------------- truncated / mutated real files
@pytest.mark.timeout(240)
@FUZZ
@given(cut=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_truncated_docx(work, real_files, cut):
    data = real_files[0]
    path = work / "truncated.docx"
    path.write_bytes(data[: int(len(data) * cut)])
    load_and_parse(path)


@pytest.mark.timeout(240)
@FEW
@given(cut=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_truncated_pdf(work, real_files, cut):
    data = real_files[1]
    path = work / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    load_and_parse(path)


@pytest.mark.timeout(240)
@FEW
@given(edits=st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(0, 255)), min_size=1,
                      max_size=8), ext=st.sampled_from([".docx", ".pdf"]))
def test_mutated_real_files(work, real_files, edits, ext):
    """A few bytes changed anywhere (damaged transfer, bad disk)."""
    data = bytearray(real_files[0] if ext == ".docx" else real_files[1])
    for where, byte in edits:
        data[int(len(data) * where)] = byte
    path = work / f"mutated{ext}"
    path.write_bytes(bytes(data))
    load_and_parse(path)


@pytest.mark.timeout(240)
@FEW
@given(xml=st.text(max_size=2000))
def test_docx_with_garbage_document_xml(work, real_files, xml):
    """A valid zip whose document.xml is arbitrary text."""
    src = zipfile.ZipFile(io.BytesIO(real_files[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in src.infolist():
            body = xml.encode("utf-8", "surrogatepass") if info.filename == "word/document.xml" \
                else src.read(info.filename)
            zo.writestr(info.filename, body)
    path = work / "garbage.docx"
    path.write_bytes(out.getvalue())
    load_and_parse(path)


# --------------------------------------------------------------------------- pathological shapes
@pytest.mark.timeout(180)
@pytest.mark.parametrize("ext", [".txt", ".md"])
def test_five_megabyte_single_line(work, ext):
    path = work / f"oneline{ext}"
    line = "Tổng kim ngạch xuất nhập khẩu ước đạt 250 triệu USD, tăng 108,3% so với cùng kỳ; "
    path.write_text(line * (5 * 1024 * 1024 // len(line.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size >= 5 * 1024 * 1024
    t = time.perf_counter()
    out = load_and_parse(path)
    print(f"{path.name}: {path.stat().st_size} bytes in {time.perf_counter() - t:.1f}s -> {type(out).__name__}")


def _nested_docx(path: Path, depth: int) -> Path:
    import docx
    doc = docx.Document()
    doc.add_paragraph("BÁO CÁO tình hình kinh tế - xã hội tháng 01 năm 2023")
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Mức 0: tổng kim ngạch 250 triệu USD"
    for level in range(1, depth):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
        cell.paragraphs[0].text = f"Mức {level}"
    doc.add_paragraph("Chỉ số sản xuất công nghiệp tăng 3,5%.")
    doc.save(str(path))
    return path


@pytest.mark.timeout(120)
def test_tables_nested_fifty_deep(work):
    out = load_and_parse(_nested_docx(work / "nested50.docx", 50))
    assert not isinstance(out, LoaderError), out


@pytest.mark.timeout(120)
def test_tables_nested_past_the_xml_depth_limit(work):
    """200 levels exceed libxml2's depth limit: a clear LoaderError, not a crash."""
    load_and_parse(_nested_docx(work / "nested200.docx", 200))   # success or LoaderError, nothing else


def _blank_ish_pdf(path: Path, pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(pages):
        c.setFont("Helvetica", 11)
        # distinct text at varying places, so it is not mistaken for a running header
        c.drawString(72, 700 - 17 * (n % 20), f"Section {n + 1}: industrial output grew by {n + 2}.5 percent"
                     f" in district number {n * 7 % 13}.")
        c.showPage()
    c.save()
    return path


@pytest.mark.timeout(180)
def test_pdf_longer_than_page_limit(work):
    path = _blank_ish_pdf(work / "thirty.pdf", 30)
    with pytest.raises(LoaderError, match="thirty.pdf") as exc:
        load_file(path, max_pages=10)
    assert "30" in str(exc.value) and "10" in str(exc.value)
    # the same limit from the environment, through the settings
    with pytest.raises(LoaderError, match="thirty.pdf"):
        load_file(path, limits=Settings.from_env({"BAOCAO_MAX_PAGES": "10"}).limits)
    assert not isinstance(load_and_parse(path, limits=Settings.from_env({"BAOCAO_MAX_PAGES": "40"}).limits),
                          LoaderError)


@pytest.mark.timeout(60)
def test_file_size_limit_from_the_settings(work):
    path = work / "two_mb.txt"
    path.write_text(("Chỉ số sản xuất tăng 3,5%.\n\n" * 80000), encoding="utf-8")
    assert path.stat().st_size > 2 * 1024 * 1024
    with pytest.raises(LoaderError, match="two_mb.txt") as exc:
        load_file(path, limits=Settings.from_env({"BAOCAO_MAX_FILE_MB": "1"}).limits)
    assert "BAOCAO_MAX_FILE_MB" in str(exc.value)
    assert load_file(path, limits=Settings.from_env({"BAOCAO_MAX_FILE_MB": "5"}).limits).blocks


@pytest.mark.timeout(180)
def test_zip_bomb_ish_docx(work):
    path = inflating_docx(work / "inflating.docx", 12 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    # over the inflation limit: refused before parsing, with the knob named
    with pytest.raises(LoaderError, match="inflating.docx") as exc:
        load_file(path, limits=Settings.from_env({"BAOCAO_MAX_UNZIPPED_MB": "5"}).limits)
    assert "BAOCAO_MAX_UNZIPPED_MB" in str(exc.value)
    # under it (the default 200 MB): read in full, or a LoaderError — nothing else
    load_and_parse(path)
