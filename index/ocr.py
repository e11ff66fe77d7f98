"""OCR of scanned PDFs, offline: poppler's pdftoppm (300 dpi, grey) + Tesseract's Vietnamese model.

Why these tools: both are Debian packages (tesseract-ocr-vie ships the
model, nothing is downloaded at run time), and Tesseract's TSV output gives
per-word confidences, so a page that reads badly can be named to the user
instead of silently feeding wrong figures into the index.

Per page: rasterise, straighten a slightly rotated scan (the angle whose
row profile is sharpest, within ±5°), run Tesseract, rebuild paragraphs from
its block/paragraph/line numbering with each line's place on the page.
Once all pages are read, `drop_running_lines` removes page numbers and
running headers/footers (lines repeated near the top or bottom of most pages).  A page's confidence is the mean word confidence weighted by word
length (0-100); pages under the floor ($BAOCAO_OCR_MIN_CONFIDENCE, default
60) are listed in `LoadedDocument.low_confidence_pages`.
"""
from __future__ import annotations

import csv
import difflib
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
class OcrLine:
    text: str
    top: int                            # pixels from the top of the page image
    bottom: int
    height: float = 0.0                 # median word height (font size proxy), pixels


@dataclass
class OcrParagraph:
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Lines joined with a space, end-of-line hyphens before a lowercase word undone."""
        text = ""
        for line in self.lines:
            part = line.text
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
                text = text[:-1] + part
            else:
                text = f"{text} {part}" if text else part
        return text


@dataclass
class OcrPage:
    number: int
    paras: list[OcrParagraph] = field(default_factory=list)
    confidence: float = 0.0             # 0-100, mean word confidence weighted by length
    height: int = 0                     # page image height in pixels

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in self.paras if p.lines]


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


def _paragraphs_from_tsv(tsv: str) -> tuple[list[OcrParagraph], float, int]:
    """Tesseract TSV -> paragraphs of positioned lines, the page confidence and the page height."""
    lines: dict[tuple[int, int, int], list[tuple[str, int, int]]] = {}
    weight = total = 0.0
    page_h = 0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "1":
            page_h = int(row.get("height") or 0)
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or -1)
        if conf >= 0:
            total += conf * len(text)
            weight += len(text)
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        top = int(row["top"])
        lines.setdefault(key, []).append((text, top, top + int(row["height"])))
    paras: dict[tuple[int, int], OcrParagraph] = {}
    for (block, par, _), words in sorted(lines.items()):
        heights = sorted(b - t for _, t, b in words)
        line = OcrLine(" ".join(w for w, _, _ in words), min(t for _, t, _ in words),
                       max(b for _, _, b in words), float(heights[len(heights) // 2]))
        paras.setdefault((block, par), OcrParagraph()).lines.append(line)
    return list(paras.values()), (total / weight if weight else 0.0), page_h


def _shape(text: str) -> str:
    """What a running line keeps from page to page: letters, digits as '#', lower case."""
    return re.sub(r"[^\w#]+", "", re.sub(r"\d+", "#", text.lower())).replace("_", "")


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def drop_running_lines(pages: list[OcrPage], zone: float = 0.15) -> None:
    """Remove running headers/footers and page numbers from OCR pages (in place).

    Candidates are the first two and last two lines of a page lying in its top
    or bottom ``zone``.  A page number ("3", "- 3 -", "Trang 3/12") there goes
    outright.  Another candidate goes when a like line (same text once digits
    are normalised, allowing for OCR slips) sits at about the same height on
    most pages, on most pages of one parity (different odd and even headers),
    or, in a two-page document, on both pages.
    """
    n = len(pages)
    cands: list[list[tuple[OcrLine, str, float]]] = []
    for page in pages:
        h = page.height or max((ln.bottom for p in page.paras for ln in p.lines), default=1)
        ordered = sorted((ln for p in page.paras for ln in p.lines), key=lambda ln: ln.top)
        edge = list({id(ln): ln for ln in ordered[:2] + ordered[-2:]}.values())
        cands.append([(ln, _shape(ln.text), ln.top / h) for ln in edge
                      if (ln.top < zone * h or ln.bottom > (1 - zone) * h) and len(ln.text) <= 100])
    parity_pages = ((n + 1) // 2, n // 2)
    for i, page in enumerate(pages):
        drop = set()
        for ln, shape, pos in cands[i]:
            if _PAGE_NUMBER.match(ln.text):
                drop.add(id(ln))
                continue
            if not shape:
                continue
            on = [j for j in range(n) if j == i or any(
                abs(pos - p2) < 0.02 and _alike(shape, s2) for _, s2, p2 in cands[j])]
            same = sum(1 for j in on if j % 2 == i % 2)
            if ((n == 2 and len(on) == 2) or (n >= 3 and len(on) >= max(3, 0.6 * n))
                    or (n >= 4 and same >= max(2, 0.6 * parity_pages[i % 2]))):
                drop.add(id(ln))
        for para in page.paras:
            para.lines = [ln for ln in para.lines if id(ln) not in drop]
        page.paras = [p for p in page.paras if p.lines]


def ocr_pdf(path: Path, n_pages: int, progress: Progress | None = None, lang: str = "vie") -> list[OcrPage]:
    """OCR every page of a PDF (page numbers from 1), running lines dropped; `progress(done, total)` per page."""
    pages = list(ocr_pages(path, n_pages, progress, lang))
    drop_running_lines(pages)
    return pages


def ocr_pages(path: Path, n_pages: int, progress: Progress | None = None, lang: str = "vie"):
    """Yield each page's `OcrPage` as soon as it is read (a caller may stop early).

    Running headers/footers are still in; `drop_running_lines` takes them out once all pages are read.
    """
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
            paras, conf, height = _paragraphs_from_tsv(done.stdout.decode("utf-8", "replace"))
            if progress is not None:
                progress(number, n_pages)
            yield OcrPage(number, paras, round(conf, 1), height)
