"""Read report files into `LoadedDocument`s (blocks as printed).

One entry point, `load_file`, dispatching on the file's extension; every
failure is a `LoaderError` naming the file, so a batch ingest can report it
and go on with the other files.
"""
from __future__ import annotations


import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LoaderError, too_many_chars
from .decoding import decode_text, decode_text_encoding, conversion_note  # noqa: F401  (decode_text: public)
from .model import FOOTNOTE, HEADING, PAGE_BREAK, PARA, TABLE_ROW, Block, LoadedDocument
from .progress import Progress


SUPPORTED = (".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm")
DEFAULT_MAX_FILE_MB = 50
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_UNZIPPED_MB = 200
DEFAULT_MAX_CHARS = 3_000_000
DEFAULT_OCR_MIN_CONFIDENCE = 60.0
DEFAULT_SOFFICE_TIMEOUT = 120.0


@dataclass(frozen=True)
class Limits:
    """Limits and converters for untrusted files, resolved once by the caller's settings (qa/settings.py).

    The loaders never read the environment: `BAOCAO_MAX_FILE_MB`, `BAOCAO_MAX_PAGES`,
    `BAOCAO_MAX_UNZIPPED_MB`, `BAOCAO_MAX_CHARS`, `BAOCAO_OCR`, `BAOCAO_OCR_MIN_CONFIDENCE`,
    `BAOCAO_SOFFICE` and `BAOCAO_SOFFICE_TIMEOUT` reach them through these fields.
    """
    max_file_mb: int = DEFAULT_MAX_FILE_MB
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped_mb: int = DEFAULT_MAX_UNZIPPED_MB
    max_chars: int = DEFAULT_MAX_CHARS
    ocr: bool = True                            # read PDFs without a text layer by OCR
    ocr_min_confidence: float = DEFAULT_OCR_MIN_CONFIDENCE
    soffice: str | None = None                  # LibreOffice binary; None = soffice/libreoffice on PATH
    soffice_timeout: float = DEFAULT_SOFFICE_TIMEOUT

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_unzipped_bytes(self) -> int:
        return self.max_unzipped_mb * 1024 * 1024


def _check_zip_members(path: Path, limit: int) -> None:
    """Refuse a DOCX whose parts would inflate past `limit` bytes (a zip bomb) before parsing it."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(max(0, i.file_size) for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a readable zip: the DOCX loader says so
    if total > limit:
        raise _err(path, f"tệp DOCX giải nén quá lớn ({total // (1024 * 1024)} MB > {limit // (1024 * 1024)} MB)",
                   "DOCX inflates too large; raise BAOCAO_MAX_UNZIPPED_MB")


def _err(path: Path, vi: str, en: str) -> LoaderError:
    return LoaderError(f"{path.name}: {vi} ({en})")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*#*\s*$")
_MD_FOOTDEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$", re.S)
_MD_TABLE_SEP = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def _paragraphs(text: str) -> list[tuple[str, int | None]]:
    """Blank-line separated paragraphs, with page numbers when form feeds mark pages."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = "\f" in text
    out: list[tuple[str, int | None]] = []
    for pageno, page in enumerate(text.split("\f"), start=1):
        for para in re.split(r"\n[ \t]*\n+", page):
            para = "\n".join(line.rstrip() for line in para.strip("\n").split("\n")).strip()
            if para:
                out.append((para, pageno if paged else None))
        if paged:
            out.append(("\f", pageno))
    return out


def _is_pipe_row(line: str) -> bool:
    """A line of a table typed with pipes ("Chỉ tiêu | Đơn vị | Tháng 8 | Lũy kế 8 tháng"): two cells or more."""
    return line.count("|") >= 2 and not _MD_TABLE_SEP.match(line.strip())


def _pipe_table_runs(para: str, page: int | None) -> list[Block]:
    """A plain-text paragraph as blocks: its runs of two pipe-table lines or more are table rows (one
    block each, cells as printed), the lines around them paragraphs.  A text export of a report keeps
    its tables this way; read as one paragraph, the rows ran together into one unquotable line."""
    lines = para.split("\n")
    rows = [_is_pipe_row(line) for line in lines]
    if sum(rows) < 2:
        return [Block(para, PARA, page=page)]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and rows[j] == rows[i]:
            j += 1
        if rows[i] and j - i >= 2:
            blocks += [Block(" | ".join(c.strip() for c in line.strip().strip("|").split("|")), TABLE_ROW, page=page)
                       for line in lines[i:j]]
        else:
            blocks.append(Block("\n".join(lines[i:j]), PARA, page=page))
        i = j
    return blocks


def load_text(path: Path, source: str, markdown: bool = False, max_chars: int | None = None) -> LoadedDocument:
    text, legacy = decode_text_encoding(path.read_bytes(), path)
    if max_chars is not None and len(text) > max_chars:
        raise too_many_chars(path.name, max_chars)
    if not text.strip():
        raise _err(path, "tệp rỗng", "empty file")
    blocks: list[Block] = []
    for para, page in _paragraphs(text):
        if para == "\f":
            blocks.append(Block("", PAGE_BREAK, page=page))
            continue
        if markdown:
            m = _MD_HEADING.match(para) if "\n" not in para else None
            if m:
                blocks.append(Block(m.group(2), HEADING, page=page, level=len(m.group(1))))
                continue
            m = _MD_FOOTDEF.match(para)
            if m:
                blocks.append(Block(" ".join(m.group(2).split()), FOOTNOTE, page=page,
                                    footnote_id=m.group(1)))
                continue
            lines = para.split("\n")
            if all(line.lstrip().startswith("|") for line in lines):
                for line in lines:
                    if _MD_TABLE_SEP.match(line.strip()):
                        continue
                    cells = [c.strip() for c in line.strip().strip("|").split("|")]
                    blocks.append(Block(" | ".join(cells), TABLE_ROW, page=page))
                continue
        blocks += _pipe_table_runs(para, page)
    has_pages = any(b.kind == PAGE_BREAK for b in blocks)
    return LoadedDocument(source=source, blocks=blocks, fmt="md" if markdown else "txt",
                          has_pages=has_pages, explicit_markers=markdown, converted_from=legacy,
                          notes=[conversion_note(legacy)] if legacy else [])


def load_file(path: Path, source: str | None = None, *, limits: Limits | None = None,
              max_bytes: int | None = None, max_pages: int | None = None, max_chars: int | None = None,
              progress: Progress | None = None) -> LoadedDocument:
    """Load one report file; raise LoaderError with a clear message on bad input.

    `limits` come from the caller's settings (defaults: 50 MB, 2000 pages, 200 MB unzipped,
    3,000,000 characters of extracted text counted while reading, OCR on); `max_bytes` /
    `max_pages` / `max_chars` override one of them.  ``progress(stage, done, total, source)``
    (index.progress) is called after each page of a PDF ("pages") and each page OCR reads ("ocr").
    """
    limits = limits or Limits()
    max_bytes = limits.max_file_bytes if max_bytes is None else max_bytes
    max_pages = limits.max_pages if max_pages is None else max_pages
    max_chars = limits.max_chars if max_chars is None else max_chars
    path = Path(path)
    source = source or path.name
    if not path.exists():
        raise LoaderError(f"{path}: không tìm thấy tệp (no such file)")
    if not path.is_file():
        raise LoaderError(f"{path}: không phải tệp thường (not a regular file)")
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        raise _err(path, f"định dạng không hỗ trợ '{ext or '(không có)'}', chỉ nhận "
                   + ", ".join(SUPPORTED), "unsupported file type")
    size = path.stat().st_size
    if size == 0:
        raise _err(path, "tệp rỗng", "empty file")
    if size > max_bytes:
        raise _err(path, f"tệp quá lớn ({size // (1024 * 1024)} MB > {max_bytes // (1024 * 1024)} MB)",
                   "file too large; raise BAOCAO_MAX_FILE_MB")
    try:
        if ext == ".txt":
            return load_text(path, source, max_chars=max_chars)
        if ext == ".md":
            return load_text(path, source, markdown=True, max_chars=max_chars)
        if ext == ".docx":
            _check_zip_members(path, limits.max_unzipped_bytes)
            from .loader_docx import load_docx
            doc = load_docx(path, source, max_chars=max_chars)
        elif ext == ".doc":
            from .loader_doc import load_doc
            doc = load_doc(path, source, timeout=limits.soffice_timeout, soffice=limits.soffice,
                           max_chars=max_chars)
        elif ext in (".html", ".htm"):
            from .loader_html import load_html
            doc = load_html(path, source, max_chars=max_chars)
        else:
            from .loader_pdf import load_pdf
            doc = load_pdf(path, source, max_pages=max_pages, max_chars=max_chars, progress=progress,
                           ocr=limits.ocr, ocr_min_confidence=limits.ocr_min_confidence)
    except LoaderError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise _err(path, "tệp quá phức tạp để đọc", type(exc).__name__) from None
    except Exception as exc:  # a parser library choked on a corrupt file
        raise _err(path, "tệp hỏng hoặc không đọc được", f"{type(exc).__name__}: {exc}") from None
    if not any(b.text.strip() for b in doc.blocks if b.kind != PAGE_BREAK):
        raise _err(path, "tệp không có nội dung văn bản", "no text content")
    return doc


def iter_report_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into supported files (sorted); return (files, errors).

    Every path not taken is named in `errors`: a missing path, and inside a
    folder each unsupported or hidden file, hidden folder, broken link,
    symbolic-link loop, unreadable folder or folder already walked by another
    link (CONTRACT: a skipped file is named on stderr and in `errors`).
    """
    files: list[Path] = []
    errors: list[str] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found: list[Path] = []
            _walk_folder(p, found, errors)
            if not found:
                errors.append(f"{p}: thư mục không có tệp báo cáo ({' '.join(SUPPORTED)}) (no report files in folder)")
            files.extend(sorted(found))
        elif p.exists():
            files.append(p)
        elif p.is_symlink():
            errors.append(f"{p}: liên kết hỏng, bỏ qua (skipped: broken symbolic link)")
        else:
            errors.append(f"{p}: không tìm thấy tệp hoặc thư mục (no such file or folder)")
    return files, errors


def _walk_folder(root: Path, found: list[Path], errors: list[str]) -> None:
    """Depth-first walk following links; loops are detected by (device, inode) of the open folders."""
    walked: set[tuple[int, int]] = set()

    def visit(folder: Path, open_dirs: frozenset) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            errors.append(f"{folder}: không đọc được thư mục, bỏ qua (skipped: {exc.strerror or exc})")
            return
        key = (st.st_dev, st.st_ino)
        if key in open_dirs:
            errors.append(f"{folder}: liên kết vòng lặp, bỏ qua (skipped: symbolic link loop)")
            return
        if key in walked:
            errors.append(f"{folder}: thư mục đã duyệt qua đường khác, bỏ qua (skipped: folder already walked)")
            return
        walked.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(f"{folder}: không đọc được thư mục, bỏ qua (skipped: {exc.strerror or exc})")
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
                broken = entry.is_symlink() and not path.exists()
            except OSError as exc:        # a link loop on the entry itself (ELOOP), permissions...
                errors.append(f"{path}: không đọc được, bỏ qua (skipped: {exc.strerror or exc})")
                continue
            if entry.name.startswith("."):
                what = "thư mục ẩn" if is_dir else "tệp ẩn"
                errors.append(f"{path}: {what}, bỏ qua (skipped: hidden {'folder' if is_dir else 'file'})")
            elif broken:
                errors.append(f"{path}: liên kết hỏng, bỏ qua (skipped: broken symbolic link)")
            elif is_dir:
                visit(path, open_dirs | {key})
            elif not is_file:
                errors.append(f"{path}: không phải tệp thường, bỏ qua (skipped: not a regular file)")
            elif path.suffix.lower() not in SUPPORTED:
                ext = path.suffix.lower() or "(không có)"
                errors.append(f"{path}: định dạng không hỗ trợ '{ext}', bỏ qua "
                              f"(skipped: unsupported file type; supported: {' '.join(SUPPORTED)})")
            else:
                found.append(path)

    visit(root, frozenset())
