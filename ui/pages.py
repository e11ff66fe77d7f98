"""«Xem trang»: the cited page of a PDF report as an image, the cited sentence highlighted.

The page is rendered by pdfplumber (through pypdfium2).  The sentence is found on the page from the PDF's
character boxes; a scan has none, so its page image is read by Tesseract once more, for word boxes
(`tesseract … tsv`, as index/ocr.py reads scans at ingest).  DOCX and text reports have no pages: their
passage is shown in its surrounding text (the context panel).
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from index.vntext import fold_token, word_tokens
from qa.results import Citation

from . import render
from .uploads import uploads_dir

RESOLUTION = 110                  # dpi of the page image shown
OCR_DPI = 200                     # dpi of the image Tesseract reads for word boxes
OCR_TIMEOUT = 120
HIGHLIGHT = (255, 214, 0, 110)    # translucent yellow, over the sentence
OUTLINE = (214, 120, 0, 255)
BAND = 0.4                        # the share of the page's height shown around the highlight


def report_file(system, source: str) -> Path | None:
    """The report's file: where it was ingested from, else its copy under <db>/uploads."""
    rec = system.documents().get(source)
    if rec is None:
        return None
    for candidate in ((rec.meta or {}).get("path"), uploads_dir(system) / source):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def cited_sentence(cite: Citation, answer_text: str) -> str:
    """The sentence of the cited passage that states the answer's figure (else the passage's first one)."""
    text = re.sub(r"\s*\n\s*", "\n", render.chunk_body(cite.text))
    spans = render.figure_spans(text, render.answer_figures(answer_text))
    start = render.sentence_start(text, spans[0][0]) if spans else 0
    m = re.compile(r"\.\s|\n").search(text, spans[0][1] if spans else start)
    return text[start:m.start() + 1 if m else len(text)].strip()


def _words(text: str) -> list[str]:
    return [fold_token(t) for t in word_tokens(text)]


def _best_run(found: list[str], wanted: list[str]) -> tuple[int, int] | None:
    """Where in `found` (words on the page) the words `wanted` run, allowing misread words: (start, end)."""
    if not found or not wanted:
        return None
    best, best_hits = None, 0
    n = len(wanted)
    for i in range(len(found)):
        window = found[i:i + n]
        hits = sum(1 for a, b in zip(window, wanted) if a == b)
        if hits > best_hits:
            best, best_hits = (i, i + len(window)), hits
    if best_hits < max(2, int(0.5 * min(n, len(found)))):
        return None
    return best


def _line_boxes(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Word or character boxes merged into one box per line (x0, top, x1, bottom)."""
    lines: list[list[float]] = []
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (round(b[1]), b[0])):
        for line in lines:
            if abs(line[1] - top) < 0.5 * (bottom - top) + 1:
                line[0], line[2] = min(line[0], x0), max(line[2], x1)
                line[1], line[3] = min(line[1], top), max(line[3], bottom)
                break
        else:
            lines.append([x0, top, x1, bottom])
    return [tuple(line) for line in lines]


def text_layer_boxes(page, sentence: str) -> list[tuple[float, float, float, float]]:
    """Boxes (PDF points) of the sentence on a page with a text layer, from its words' boxes."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
    folded = []
    owner = []
    for i, w in enumerate(words):
        for tok in _words(w["text"]):
            folded.append(tok)
            owner.append(i)
    run = _best_run(folded, _words(sentence))
    if run is None:
        return []
    picked = sorted({owner[j] for j in range(*run)})
    return _line_boxes([(words[i]["x0"], words[i]["top"], words[i]["x1"], words[i]["bottom"]) for i in picked])


def ocr_boxes(image, sentence: str) -> list[tuple[float, float, float, float]]:
    """Boxes (pixels of `image`) of the sentence on a scanned page, from Tesseract's word boxes."""
    if shutil.which("tesseract") is None:
        return []
    with tempfile.TemporaryDirectory(prefix="baocao-page-") as tmp:
        png = Path(tmp) / "page.png"
        image.convert("L").save(png)
        try:
            done = subprocess.run(["tesseract", str(png), "stdout", "-l", "vie", "--dpi", str(OCR_DPI), "tsv"],
                                  capture_output=True, timeout=OCR_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return []
    folded, boxes = [], []
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        box = (int(row["left"]), int(row["top"]), int(row["left"]) + int(row["width"]),
               int(row["top"]) + int(row["height"]))
        for tok in _words(text):
            folded.append(tok)
            boxes.append(box)
    run = _best_run(folded, _words(sentence))
    return _line_boxes(list(dict.fromkeys(boxes[j] for j in range(*run)))) if run else []


def _draw(image, boxes, pad: float = 2):
    from PIL import Image, ImageDraw
    base = image.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for x0, top, x1, bottom in boxes:
        draw.rectangle([x0 - pad, top - pad, x1 + pad, bottom + pad], fill=HIGHLIGHT, outline=OUTLINE, width=2)
    return Image.alpha_composite(base, overlay).convert("RGB")


def page_image(system, cite: Citation, answer_text: str):
    """(image or None, note) for «Xem trang»: the cited page, the cited sentence highlighted."""
    path = report_file(system, cite.source)
    if path is None:
        return None, f"Không tìm thấy tệp của {cite.source} (the report's file is gone)."
    if path.suffix.lower() != ".pdf" or not cite.page:
        return None, (f"{cite.source} không có trang (không phải PDF): đoạn được trích hiện trong văn bản ở trên "
                      "(not a PDF: see the passage in its text above).")
    import pdfplumber
    sentence = cited_sentence(cite, answer_text)
    with pdfplumber.open(path) as pdf:
        if not 1 <= cite.page <= len(pdf.pages):
            return None, f"{cite.source}: không có trang {cite.page} (no such page)."
        page = pdf.pages[cite.page - 1]
        if page.chars:
            image = page.to_image(resolution=RESOLUTION).original
            scale = RESOLUTION / 72
            boxes = [tuple(v * scale for v in b) for b in text_layer_boxes(page, sentence)]
            how = "theo lớp văn bản của PDF"
        else:
            big = page.to_image(resolution=OCR_DPI).original
            boxes_big = ocr_boxes(big, sentence)
            image = big.resize((round(big.width * RESOLUTION / OCR_DPI), round(big.height * RESOLUTION / OCR_DPI)))
            scale = RESOLUTION / OCR_DPI
            boxes = [tuple(v * scale for v in b) for b in boxes_big]
            how = "theo nhận dạng chữ (OCR) của trang quét"
    if not boxes:
        return image, (f"Trang {cite.page} của {cite.source}: không định vị được câu được trích trên trang "
                       "(the sentence could not be located on the page).")
    return _band(_draw(image, boxes), boxes), (f"Trang {cite.page} của {cite.source} — câu được trích tô vàng "
                                              f"({how}); ảnh là phần trang quanh câu đó.")


def _band(image, boxes, share: float = BAND):
    """The part of the page around the highlight, full width, `share` of the page's height at least: the
    sentence stays readable in a narrow panel."""
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    half = max(share * image.height, bottom - top + 40) / 2
    mid = (top + bottom) / 2
    y0 = max(0, min(mid - half, image.height - 2 * half))
    return image.crop((0, round(y0), image.width, round(min(image.height, y0 + 2 * half))))
