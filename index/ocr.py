"""OCR of scanned PDFs, offline: poppler's pdftoppm (300 dpi, grey) + Tesseract's Vietnamese model.

Why these tools: both are Debian packages (tesseract-ocr-vie ships the
model, nothing is downloaded at run time), and Tesseract's TSV output gives
per-word confidences, so a page that reads badly can be named to the user
instead of silently feeding wrong figures into the index.

Per page: rasterise, straighten a slightly rotated scan (the angle whose
row profile is sharpest, within ±5°), run Tesseract, rebuild paragraphs from
its block/paragraph/line numbering, drop a lone page number at the top or
bottom.  A page's confidence is the mean word confidence weighted by word
length (0-100); pages under the floor ($BAOCAO_OCR_MIN_CONFIDENCE, default
60) are listed in `LoadedDocument.low_confidence_pages`.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import LoaderError

DPI = 300
PAGE_TIMEOUT = 180                      # seconds per page for pdftoppm / tesseract
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?[-–—\s]*$",
                          re.IGNORECASE)

Progress = Callable[[int, int], None]   # (pages done, pages in all)


@dataclass
class OcrPage:
    number: int
    paragraphs: list[str] = field(default_factory=list)
    confidence: float = 0.0             # 0-100, mean word confidence weighted by length


def missing_tools() -> list[str]:
    """What this machine lacks for OCR (empty when ready)."""
    missing = [t for t in ("pdftoppm", "tesseract") if shutil.which(t) is None]
    if "tesseract" not in missing:
        try:
            langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            langs = ""
        if "vie" not in langs.split():
            missing.append("tesseract-ocr-vie")
    return missing


def _run(cmd: list[str], name: str, what: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}      # one thread: predictable on a shared machine
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=PAGE_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise LoaderError(f"{name}: {what} quá {PAGE_TIMEOUT} giây ({what} timed out)") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise LoaderError(f"{name}: {what} thất bại ({what} failed: {detail[0][:200]})")
    return done


def deskew(img):
    """The image turned upright when it is rotated by less than 5° (projection-profile search)."""
    import numpy as np
    from PIL import Image

    small = img.convert("L")
    small.thumbnail((800, 800))
    ink = Image.eval(small, lambda v: 255 if v < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max((a / 4 for a in range(-20, 21)), key=sharpness)
    fine = max((best + a / 20 for a in range(-5, 6)), key=sharpness)
    if abs(fine) < 0.1:
        return img
    return img.rotate(fine, resample=Image.BICUBIC, expand=False, fillcolor=255)


def _paragraphs_from_tsv(tsv: str) -> tuple[list[str], float]:
    """Tesseract TSV -> paragraphs (lines joined, end-of-line hyphens undone) and the page confidence."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    weight = total = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or -1)
        if conf >= 0:
            total += conf * len(text)
            weight += len(text)
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(text)
    paras: dict[tuple[int, int], list[str]] = {}
    for (block, par, _), words in sorted(lines.items()):
        paras.setdefault((block, par), []).append(" ".join(words))
    out = []
    for parts in paras.values():
        text = ""
        for part in parts:
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
                text = text[:-1] + part
            else:
                text = f"{text} {part}" if text else part
        out.append(text)
    return out, (total / weight if weight else 0.0)


def ocr_pdf(path: Path, n_pages: int, progress: Progress | None = None, lang: str = "vie") -> list[OcrPage]:
    """OCR every page of a PDF (page numbers from 1); `progress(done, total)` after each page."""
    return list(ocr_pages(path, n_pages, progress, lang))


def ocr_pages(path: Path, n_pages: int, progress: Progress | None = None, lang: str = "vie"):
    """Yield each page's `OcrPage` as soon as it is read (a caller may stop early)."""
    from PIL import Image

    path = Path(path)
    name = path.name
    missing = missing_tools()
    if missing:
        raise LoaderError(f"{name}: tệp PDF không có lớp văn bản, cần OCR nhưng máy thiếu {', '.join(missing)} "
                          f"(the PDF has no text layer and OCR needs {', '.join(missing)}; {INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp:
        tmp_dir = Path(tmp)
        for number in range(1, n_pages + 1):
            stem = tmp_dir / f"p{number}"
            _run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                  str(path), str(stem)], name, "pdftoppm")
            image = stem.with_suffix(".png")
            with Image.open(image) as img:
                deskew(img).save(image)
            done = _run(["tesseract", str(image), "stdout", "-l", lang, "--dpi", str(DPI), "tsv"], name,
                        "tesseract")
            image.unlink(missing_ok=True)
            paras, conf = _paragraphs_from_tsv(done.stdout.decode("utf-8", "replace"))
            for edge in (0, -1):                     # a lone page number at the top or bottom
                if paras and _PAGE_NUMBER.match(paras[edge]):
                    paras.pop(edge)
            if progress is not None:
                progress(number, n_pages)
            yield OcrPage(number, paras, round(conf, 1))
