""".doc (Word 97-2003) through LibreOffice: the sample rendered to DOCX, saved as .doc by LibreOffice,
loads to the same blocks and chunks as the DOCX; a missing or hanging LibreOffice is a clear error."""
from __future__ import annotations

import os
import shutil
import stat
import time

import pytest

import render_report
from index.chunking import chunk_report
from index.errors import LoaderError
from index.loader_doc import convert_with_soffice
from index.loaders import iter_report_files, load_file
from index.structure import parse_report

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def docx_and_doc(sample_text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("doc")
    docx = render_report.render_docx(sample_text, folder / "langson.docx")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    made = convert_with_soffice(docx, "doc", folder / "made")
    doc = folder / "langson.doc"
    made.rename(doc)
    return docx, doc


def _chunks(doc):
    return [(c.section_path, c.text, c.footnotes, c.kind) for c in chunk_report(parse_report(doc), "d" * 64)]


@needs_soffice
def test_doc_reads_like_the_docx(docx_and_doc):
    docx, doc = docx_and_doc
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"          # really a Word 97 file
    a, b = load_file(doc), load_file(docx)
    assert a.fmt == "doc" and a.source == "langson.doc"
    assert [(x.kind, x.text, x.level, x.footnote_id) for x in a.blocks] == \
        [(x.kind, x.text, x.level, x.footnote_id) for x in b.blocks]
    assert _chunks(a) == _chunks(b)
    assert sum(1 for x in a.blocks if x.kind == "footnote") == 9


def test_missing_libreoffice_is_a_clear_error(tmp_path):
    from qa.settings import Settings
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(LoaderError) as err:
        load_file(path, limits=Settings.from_env({"BAOCAO_SOFFICE": str(tmp_path / "no-such-soffice")}).limits)
    msg = str(err.value)
    assert "old.doc" in msg and "LibreOffice" in msg and "cần LibreOffice" in msg


def test_hanging_libreoffice_is_stopped(tmp_path):
    from qa.settings import Settings
    pidfile = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    # the fake's own child outlives a plain kill of the fake: the whole process group must go
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pidfile}\nsleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    path = tmp_path / "slow.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    limits = Settings.from_env({"BAOCAO_SOFFICE": str(fake), "BAOCAO_SOFFICE_TIMEOUT": "1"}).limits
    with pytest.raises(LoaderError) as err:
        load_file(path, limits=limits)
    msg = str(err.value)
    assert "slow.doc" in msg and "timed out" in msg and "BAOCAO_SOFFICE_TIMEOUT" in msg
    child = int(pidfile.read_text())
    for _ in range(50):                      # reaped by the kill of the group, not left to run 60 s
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"LibreOffice's child process {child} was left running")


def test_not_a_word_file(tmp_path):
    path = tmp_path / "fake.doc"
    path.write_text("chỉ là văn bản", encoding="utf-8")
    with pytest.raises(LoaderError, match="fake.doc.*không phải tệp Word"):
        load_file(path)


@needs_soffice
def test_corrupt_doc_names_the_file(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    with pytest.raises(LoaderError, match="broken.doc"):
        load_file(path)


def test_folder_walk_finds_doc(tmp_path):
    (tmp_path / "a.doc").write_bytes(b"x")
    files, errors = iter_report_files([tmp_path])
    assert [f.name for f in files] == ["a.doc"] and not errors
