"""Files that come in and go out of the app: uploads copied under `<db>/uploads`, CSV exports.

Uploaded names are sanitised (basename only, no "..", no control characters, Vietnamese
letters kept), so a file name can never write outside the data folder.  An upload never
replaces another report silently (a different file under a name already ingested is refused:
remove the old report first), and a rejected upload does not stay under `<db>/uploads`.
"""
from __future__ import annotations

import collections
import re
import shutil
import tempfile
import threading
import unicodedata
import uuid
import weakref
from pathlib import Path

from index.errors import BaocaoError
from index.ingest import file_sha256
from qa import figures_table as ft

UPLOAD_TYPES = [".pdf", ".docx", ".doc", ".txt", ".md", ".html", ".htm"]


def sanitize_filename(name: str, default: str = "baocao") -> str:
    """A safe file name from an uploaded one: basename only, no separators, "..", control chars.

    Vietnamese letters stay (NFC); characters Windows forbids become "_".
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip(" .") or default
    ext = ext[:10]
    return (stem[:150] + (f".{ext}" if ext else "")).strip()


def uploads_dir(system) -> Path:
    return Path(system.db) / "uploads"


def _upload_target(system, path: Path, name: str | None) -> Path:
    """Where an upload goes under <db>/uploads (sanitised name); refuse bad types or sizes."""
    safe = sanitize_filename(name or path.name)
    if Path(safe).suffix.lower() not in UPLOAD_TYPES:
        raise BaocaoError(f"{safe}: chỉ nhận tệp {', '.join(UPLOAD_TYPES)} (unsupported file type)")
    limit_mb = system.settings.limits.max_file_mb
    if path.stat().st_size > system.settings.max_upload_bytes:
        raise BaocaoError(f"{safe}: tệp lớn hơn {limit_mb} MB (file too large; BAOCAO_MAX_FILE_MB)")
    folder = uploads_dir(system).resolve()
    target = (folder / safe).resolve()
    if target.parent != folder:  # belt and braces: sanitize_filename already guarantees it
        raise BaocaoError(f"{safe}: tên tệp không hợp lệ (bad file name)")
    return target


def save_upload(system, path: str | Path, name: str | None = None) -> Path:
    """Copy an uploaded file under <db>/uploads with a sanitised name; refuse bad types or sizes."""
    path = Path(path)
    target = _upload_target(system, path, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target


# what the app shows for each ingest stage (index.progress): (words, unit counted)
STAGE_WORDS = {"pages": ("Đang đọc trang", "trang"), "ocr": ("Đang nhận dạng chữ (OCR)", "trang"),
               "chunks": ("Đang nhúng các đoạn", "đoạn"), "sentences": ("Đang nhúng các câu", "câu")}


def upload_progress(progress, name: str, index: int = 0, count: int = 1):
    """An ingest progress callback (index.progress) that shows each page and embedding batch of
    upload `name` (the `index`-th of `count`) on a `gr.Progress` (or any callable like it)."""
    of = f" (tệp {index + 1}/{count})" if count > 1 else ""

    def report(stage: str, done: int, total: int, source: str) -> None:
        if stage not in STAGE_WORDS or total <= 0:
            return                                  # files: the caller counts them itself
        words, unit = STAGE_WORDS[stage]
        progress((done, total), desc=f"{name}{of}: {words}", unit=unit)
    return report


def ingest_upload(system, path: str | Path, name: str | None = None, progress=None) -> dict:
    """Save an upload under <db>/uploads and ingest it; the ingest's output.

    `progress(stage, done, total, source)` (index.progress) hears of each page and embedding batch.

    Another report already holds this name with other content: refused before anything is
    written (the user removes the old one first to replace it on purpose).  The upload is not
    ingested (unreadable, empty, refused): its copy is deleted, nothing stays behind."""
    path = Path(path)
    target = _upload_target(system, path, name)
    registered = system.documents().get(target.name)
    if registered is not None and registered.sha256 != file_sha256(path):
        raise BaocaoError(f"{target.name}: đã có báo cáo cùng tên với nội dung khác; muốn thay thì xóa báo cáo "
                          f"cũ trước, hoặc đổi tên tệp (a different report with this name already exists: "
                          f"remove it first to replace it, or rename the file)")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    out = None
    try:
        out = system.ingest([target], progress=progress)
        return out
    finally:
        if out is None or not any(d["source"] == target.name for d in out["documents"]):
            target.unlink(missing_ok=True)


class CsvExports:
    """The CSV files figure searches offer for download.

    One folder per export (concurrent users must not overwrite each other's file).
    Gradio copies a returned file into its own cache, so only the newest KEEP are kept
    here, and the folder goes with the app: a server up for months must not fill the disk.
    """
    KEEP = 20

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="baocao-csv-"))
        self._folders: collections.deque[Path] = collections.deque()
        self._lock = threading.Lock()
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.dir), True)

    def write(self, rows: list[dict]) -> str:
        """The figure rows as a CSV file to download."""
        return self.save(lambda path: ft.to_csv(rows, path), "so-lieu-bao-cao.csv")

    def save(self, writer, filename: str) -> str:
        """`writer(path)` writes a file named `filename` in a fresh folder; the oldest folders go."""
        folder = self.dir / uuid.uuid4().hex
        path = writer(folder / filename)
        with self._lock:
            self._folders.append(folder)
            while len(self._folders) > self.KEEP:
                shutil.rmtree(self._folders.popleft(), ignore_errors=True)
        return str(path)
