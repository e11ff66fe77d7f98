"""A small DOCX whose text inflates to many megabytes: the loaders' size and character limits are tested on it."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

SENTENCE = "Tổng kim ngạch xuất nhập khẩu đạt 250 triệu USD. "


def inflating_docx(path: Path, inflated_bytes: int) -> Path:
    """A DOCX of a few hundred KB whose document.xml inflates to about `inflated_bytes` bytes."""
    import docx
    base = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.save(base)
    src = zipfile.ZipFile(base)
    xml = src.read("word/document.xml").decode("utf-8")
    para = "<w:p><w:r><w:t>" + SENTENCE * 200 + "</w:t></w:r></w:p>"
    n = inflated_bytes // len(para.encode("utf-8")) + 1
    big = xml.replace("<w:body>", "<w:body>" + para * n, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in src.infolist():
            zo.writestr(info.filename, big if info.filename == "word/document.xml" else src.read(info.filename))
    return path
