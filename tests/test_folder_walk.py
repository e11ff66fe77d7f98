"""Folder walks name every file they skip (CONTRACT: "A file skipped in a folder (unsupported type,
link loop) is named on stderr and in `errors`")."""
from __future__ import annotations

import os

import pytest

from index.loaders import iter_report_files


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "reports"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("x")
    for name in ["a.txt", "b.DOCX", "c.pdf", "d.doc", "e.html", "f.htm", "sub/g.md", "sub/deeper/h.txt"]:
        (root / name).write_text("x")
    for name in ["photo.png", "Thumbs.db", "README", ".hidden.txt", "sub/bang.xlsx"]:
        (root / name).write_text("x")
    os.symlink("..", root / "sub" / "loop")                 # sub/loop -> reports: a loop
    os.symlink("sub", root / "again")                       # a second way into sub
    os.symlink("nowhere.txt", root / "broken.txt")
    return root


def test_supported_files_found(tree):
    files, _ = iter_report_files([tree])
    assert [str(f.relative_to(tree)) for f in files] == [
        "a.txt", "again/deeper/h.txt", "again/g.md", "b.DOCX", "c.pdf", "d.doc", "e.html", "f.htm"]


def test_every_skipped_entry_is_named(tree):
    _, errors = iter_report_files([tree])

    def about(rel):
        hits = [e for e in errors if e.startswith(f"{tree / rel}: ")]
        assert len(hits) == 1, (rel, errors)
        return hits[0]

    assert "không hỗ trợ '.png'" in about("photo.png") and "unsupported" in about("photo.png")
    assert "unsupported" in about("Thumbs.db") and "unsupported" in about("README")
    assert "unsupported" in about("again/bang.xlsx")
    assert "tệp ẩn" in about(".hidden.txt") and "hidden file" in about(".hidden.txt")
    assert "hidden folder" in about(".git")
    assert "liên kết vòng lặp" in about("again/loop") and "link loop" in about("again/loop")
    assert "broken symbolic link" in about("broken.txt")
    assert "already walked" in about("sub")
    assert len(errors) == 9


def test_single_paths_and_missing(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("x")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    files, errors = iter_report_files([f, tmp_path / "nope.txt", tmp_path / "dangling.txt"])
    assert files == [f]
    assert errors[0].startswith(str(tmp_path / "nope.txt")) and "no such file" in errors[0]
    assert "broken symbolic link" in errors[1]


def test_empty_folder_says_so(tmp_path):
    (tmp_path / "only.png").write_text("x")
    files, errors = iter_report_files([tmp_path])
    assert files == []
    assert any("only.png" in e for e in errors)
    assert any("no report files in folder" in e and ".docx" in e and ".html" in e for e in errors)
