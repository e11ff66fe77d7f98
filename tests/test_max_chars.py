"""BAOCAO_MAX_CHARS: a limit on the characters a file's text may extract to, checked while reading."""
from __future__ import annotations


import zipfile

import pytest
from docx_bomb import inflating_docx

import render_report
from index.errors import LoaderError
from index.loaders import DEFAULT_MAX_CHARS, load_file


def _refused(path, **kw) -> str:
    with pytest.raises(LoaderError) as err:
        load_file(path, **kw)
    msg = str(err.value)
    assert path.name in msg and "BAOCAO_MAX_CHARS" in msg and "ký tự" in msg and "characters" in msg
    return msg


@pytest.mark.timeout(120)
def test_docx_inflating_to_19_million_characters_is_refused_quickly(tmp_path):
    path = inflating_docx(tmp_path / "bom.docx", 19_000_000)
    assert path.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size > 19_000_000
    assert DEFAULT_MAX_CHARS == 3_000_000
    msg = _refused(path)
    assert "3,000,000" in msg                # the default limit, reached while reading


def test_limit_from_settings_and_argument(tmp_path, sample_path, sample_text):
    from qa.settings import Settings
    docx = render_report.render_docx(sample_text, tmp_path / "langson.docx")
    assert load_file(docx).blocks                                   # the default lets a real report through
    limits = Settings.from_env({"BAOCAO_MAX_CHARS": "5000"}).limits
    _refused(docx, limits=limits)
    _refused(sample_path, limits=limits)
    assert load_file(sample_path, limits=limits, max_chars=10_000_000).blocks   # the argument wins
    _refused(sample_path, max_chars=5000)


def test_pdf_and_html_count_while_reading(tmp_path, sample_text):
    pdf = render_report.render_pdf(sample_text, tmp_path / "langson.pdf")
    assert load_file(pdf, max_chars=100_000).blocks
    _refused(pdf, max_chars=8000)
    page = tmp_path / "trang.html"
    page.write_text("<html><body><article>" + "<p>Thu ngân sách đạt 10 tỷ đồng.</p>" * 2000
                    + "</article></body></html>", encoding="utf-8")
    assert load_file(page).blocks
    _refused(page, max_chars=10_000)
