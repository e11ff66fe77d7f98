"""OCR of scanned PDFs, offline: poppler's pdftoppm (300 dpi, grey) + Tesseract's Vietnamese model.

Why these tools: both are Debian packages (tesseract-ocr-vie ships the
model, nothing is downloaded at run time), and Tesseract's TSV output gives
per-word confidences, so a page that reads badly can be named to the user
instead of silently feeding wrong figures into the index.

Per page: rasterise, straighten a slightly rotated scan (the angle whose
row profile is sharpest, within ±5°), run Tesseract, rebuild paragraphs from
its block/paragraph/line numbering with each line's place on the page.
Once all pages are read, `drop_running_lines` removes page numbers and
running headers/footers (lines repeated near the top or bottom of most
pages).  A page's confidence is the mean word confidence weighted by word
length (0-100); pages under the floor ($BAOCAO_OCR_MIN_CONFIDENCE, default
60) are listed in `LoadedDocument.low_confidence_pages`.

Page-foot footnotes are told by their smaller print (`split_foot`), their
numbers by the small raised mark OCR reads in any shape (`foot_notes`), and
their references by the marks left in body text (`mark_references`); a
section number OCR misread is put back in sequence (`repair_roman_numbers`).
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
    left: int = 0
    right: int = 0
    first_word_w: int = 0               # width of the line's first word (line-wrap test)
    char_w: float = 0.0                 # median width of a character in its words (font size proxy)
    hard: bool = False                  # a line break in the source follows (title, header, list)
    lead_raised: bool = False           # the first word is a small raised mark (a footnote's number)


@dataclass
class OcrParagraph:
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Wrapped lines joined with a space (end-of-line hyphens before a lowercase word undone),
        lines ended by a break in the source joined with "\n" (the structure parser splits those)."""
        text = ""
        hard = False
        for line in self.lines:
            part = line.text
            if not text:
                text = part
            elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
                text = text[:-1] + part
            else:
                text += ("\n" if hard else " ") + part
            hard = line.hard
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
    """The image turned upright when it is rotated by less than 5° (projection-profile search).

    The row profile of the ink is computed for each candidate angle by shearing
    the ink pixels' coordinates (a small rotation is a shear to well under a
    pixel), not by rotating the image: coarse ¼° steps, then 1/40° around the best.
    """
    import math

    import numpy as np
    from PIL import Image

    small = img.convert("L")
    small.thumbnail((1200, 1200))
    ys, xs = np.nonzero(np.asarray(small) < 128)
    if len(ys) < 100:
        return img
    xs = xs - xs.mean()

    def sharpness(angle: float) -> float:
        rows = ys - xs * math.tan(math.radians(angle))
        profile = np.bincount(np.round(rows - rows.min()).astype(np.int64)).astype(np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max((a / 4 for a in range(-20, 21)), key=sharpness)
    fine = max((best + a / 40 for a in range(-10, 11)), key=sharpness)
    if abs(fine) < 0.1:
        return img
    return img.rotate(fine, resample=Image.BICUBIC, expand=False, fillcolor=255)


def _median(values: list[float], default: float = 0.0) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else default


def _word_char_width(ws: list[tuple[str, int, int, int, int]]) -> float:
    """Median width of a character over a line's words of lower-case letters (capitals and digits
    are wider: a line of names or figures would read as a bigger font), else over all its words."""
    lower = [(w[4] - w[3]) / len(w[0]) for w in ws if len(w[0]) >= 3 and w[0].isalpha() and w[0].islower()]
    return float(_median(lower or [(w[4] - w[3]) / len(w[0]) for w in ws if len(w[0]) >= 3], 0.0))


def _raised_lead(ws: list[tuple[str, int, int, int, int]]) -> bool:
    """True when a line's first word is a small raised mark: a footnote number however OCR read it
    ("¹", "*", "°", "Š"): at most two characters, under 0.6 x the line's word height, its bottom
    above the line's mid-height, and not a dash or bullet."""
    if len(ws) < 3:
        return False
    text, top, bottom = ws[0][0], ws[0][1], ws[0][2]
    rest = ws[1:]
    size = _median([w[2] - w[1] for w in rest])
    base = _median([w[2] for w in rest])
    return (len(text) <= 2 and not set(text) & set("-–—+•·")
            and bottom - top < 0.6 * size and bottom < base - 0.35 * size)


def _margin(lines: list[OcrLine]) -> float:
    """The text margin: where most long lines start."""
    lefts = sorted(ln.left for ln in lines if len(ln.text) > 30)
    return float(lefts[len(lefts) // 5]) if lefts else 0.0


COLUMN_GAP = 2.0                        # a gap between words wider than this x the line height splits cells
_SPECK_EDGE = "_ˆ`|~^¨"                  # what specks of dust read as at a word's edge
_LONE_MARKS = set(_SPECK_EDGE + "'\"“”‘’.,:;")


def _clean_word(word: str, conf: float) -> str:
    """A recognised word without the marks specks of dust add; "" for a word that is only such marks.

    A lone dash stays when Tesseract is sure of it ("kinh tế - xã hội", list items).
    """
    if not any(c.isalnum() for c in word):
        if set(word) <= _LONE_MARKS or conf < 60:
            return ""
        return word
    return word.strip(_SPECK_EDGE)


def _paragraphs_from_tsv(tsv: str) -> tuple[list[OcrParagraph], float, int]:
    """Tesseract TSV -> paragraphs of positioned lines, the page confidence and the page height.

    Tesseract's paragraphs are refined by the lines' geometry, as the text-PDF
    loader does: a vertical gap wider than the line pitch starts a new
    paragraph (a heading and the text under it often share one Tesseract
    paragraph), and a line after which the next line's first word would still
    have fitted ends with a source line break ("\n").
    """
    words: dict[tuple[int, int, int], list[tuple[str, int, int, int, int]]] = {}
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
        text = _clean_word(text, conf)
        if not text:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        top, left = int(row["top"]), int(row["left"])
        words.setdefault(key, []).append((text, top, top + int(row["height"]), left, left + int(row["width"])))
    groups: dict[tuple[int, int], list[OcrLine]] = {}
    for (block, par, _), ws in sorted(words.items()):
        size = float(_median([w[2] - w[1] for w in ws]))
        text = ws[0][0]
        for prev, w in zip(ws, ws[1:]):
            # a gap of several line heights is a column gap (header "ỦY BAN ... | CỘNG HÒA ...", table cells)
            text += (" | " if w[3] - prev[4] > COLUMN_GAP * max(size, 1.0) else " ") + w[0]
        line = OcrLine(text, min(w[1] for w in ws), max(w[2] for w in ws), size, min(w[3] for w in ws),
                       max(w[4] for w in ws), ws[0][4] - ws[0][3], char_w=_word_char_width(ws),
                       lead_raised=_raised_lead(ws))
        groups.setdefault((block, par), []).append(line)
    all_lines = [ln for lines in groups.values() for ln in lines]
    right = _median([ln.right for ln in all_lines if ln.text.count(" ") >= 4], 0.0)
    if all_lines:
        long = sorted(ln.right for ln in all_lines if ln.text.count(" ") >= 4)
        right = long[int(0.9 * (len(long) - 1))] if long else max(ln.right for ln in all_lines)
    pitch = _median([b.top - a.top for lines in groups.values() for a, b in zip(lines, lines[1:])
                     if b.top > a.top], 0.0)
    margin = _margin(all_lines)
    paras: list[OcrParagraph] = []
    for lines in groups.values():
        para = OcrParagraph()
        paras.append(para)
        for k, line in enumerate(lines):
            if k:
                prev = para.lines[-1]
                size = max(prev.height, line.height, 1.0)
                prev.hard = prev.right + 0.5 * size + line.first_word_w < right
                # a new paragraph: a gap wider than the line pitch, or a first-line indent under a line
                # at the margin (a heading that fills its line above its text, as the text-PDF loader reads)
                indent = line.left - margin
                if ((pitch and line.top - prev.top > 1.45 * pitch)
                        or (0.8 * size < indent < 6 * size and abs(prev.left - margin) < 0.5 * size)):
                    prev.hard = False
                    para = OcrParagraph()
                    paras.append(para)
            para.lines.append(line)
    return paras, (total / weight if weight else 0.0), page_h


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

    The next page is rasterised and straightened (`_page_image`) in a helper thread while
    Tesseract reads this one: Tesseract runs on one core, so on a machine with a second one
    baocao's own per-page work costs no time (measured: 0.5 s of a 3 s page).
    Running headers/footers are still in; `drop_running_lines` takes them out once all pages are read.
    """
    from concurrent.futures import ThreadPoolExecutor

    path = Path(path)
    name = path.name
    missing = missing_tools()
    if missing:
        raise LoaderError(f"{name}: tệp PDF không có lớp văn bản, cần OCR nhưng máy thiếu {', '.join(missing)} "
                          f"(the PDF has no text layer and OCR needs {', '.join(missing)}; {INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="baocao-ocr-") as tmp, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="baocao-ocr-page") as pool:
        tmp_dir = Path(tmp)
        ahead = pool.submit(_page_image, path, 1, tmp_dir) if n_pages >= 1 else None
        for number in range(1, n_pages + 1):
            image = ahead.result()
            if number < n_pages:
                ahead = pool.submit(_page_image, path, number + 1, tmp_dir)
            done = _run(["tesseract", str(image), "stdout", "-l", lang, "--dpi", str(DPI), "tsv"], name,
                        "tesseract")
            image.unlink(missing_ok=True)
            paras, conf, height = _paragraphs_from_tsv(done.stdout.decode("utf-8", "replace"))
            if progress is not None:
                progress(number, n_pages)
            yield OcrPage(number, paras, round(conf, 1), height)


def _page_image(path: Path, number: int, tmp_dir: Path) -> Path:
    """Page ``number`` of the PDF as an upright grey image file at the OCR's resolution."""
    from PIL import Image

    stem = tmp_dir / f"p{number}"
    # PGM, not PNG: encoding a noisy 300-dpi page as PNG costs more than a second, twice
    _run(["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", "-f", str(number), "-l", str(number),
          str(path), str(stem)], path.name, "pdftoppm")
    image = stem.with_suffix(".pgm")
    with Image.open(image) as img:
        upright = deskew(img)
        if upright is not img:
            upright.save(image)
    return image


# ---------------------------------------------------------------- page-foot footnotes
FOOT_RATIO = 0.9        # footnote characters are at most this x the page's typical character width
_FOOT_MARK = re.compile(r"^(?:(\d{1,2})|[!?'\"“”*°¹²³⁴⁵⁶⁷⁸⁹^]{1,2}|(\d{1,2})[!?'\"“”*°]?)\s+(?=\S)")
_QUOTES = "\"“”"
# a reference read off a raised digit, then punctuation or a space: a stray mark after a word, a
# figure or "%" ("tấn\",", "các cấp”;", "năm 2022'."), digits or a capital after small letters
# ("kỳ5.", "haỶ.")
_REF_MARK = re.compile(r"(?:(?<=[^\W_])|(?<=%))([\"”'!?*°¹²³⁴⁵⁶⁷⁸⁹])(?=[,.;:)]|\s|$)"
                       r"|(?<=[^\W\d_])(\d{1,2}|[^\W\d_])(?=[,.;:)]|\s|$)")
_UNIT = re.compile(r"(?:^|[\s\d(/])(?:[kcdm]?m|km)$")


def _char_width(lines: list[OcrLine]) -> float:
    """Median character width over lines' words: the font size, whatever the justification."""
    return _median([ln.char_w for ln in lines if ln.char_w], 0.0)


def left_margin(page: OcrPage) -> float:
    """The page's text margin: where most long lines start."""
    return _margin([ln for p in page.paras for ln in p.lines])


def _starts_note(line: OcrLine, margin: float) -> bool:
    """A footnote's first line: it opens with a small raised mark (`OcrLine.lead_raised`) or with
    a number as OCR reads a raised digit, or, when OCR dropped that small mark, it starts a mark's
    width right of the margin its run-on lines start at."""
    if line.lead_raised or _FOOT_MARK.match(line.text):
        return True
    box = line.bottom - line.top
    return 0.3 * box < line.left - margin < 1.5 * box


def split_foot(page: OcrPage, continues: bool = False) -> tuple[list[OcrParagraph], list[OcrParagraph]]:
    """A page's body paragraphs and its page-foot footnote paragraphs.

    The foot is the trailing run of paragraphs in the lower half of the page set
    smaller than body text (characters under FOOT_RATIO x the page's typical
    character width) whose first line starts a footnote (`_starts_note`).
    ``continues``: the previous page's last footnote was left open (no end
    punctuation), so a run that opens without a mark and not on a capital
    ("8,1%, tăng 2,6%; ...") opens with that footnote's run-on lines.
    """
    paras = [p for p in page.paras if p.lines]
    if len(paras) < 2:
        return paras, []
    h = page.height or max(ln.bottom for p in paras for ln in p.lines)
    body_w = _char_width([ln for p in paras for ln in p.lines])
    if not body_w:
        return paras, []
    margin = left_margin(page)
    k = len(paras)
    while k > 1 and paras[k - 1].lines[0].top > 0.5 * h and _char_width(paras[k - 1].lines) <= FOOT_RATIO * body_w:
        k -= 1
    if continues and k < len(paras) and not paras[k].lines[0].text[:1].isupper():
        return paras[:k], paras[k:]
    while k < len(paras) and not _starts_note(paras[k].lines[0], margin):
        k += 1                                     # a small trailing line that is no footnote: body
    return paras[:k], paras[k:]


def is_open(text: str) -> bool:
    """A footnote's text that stops mid-sentence (it runs on at the next page's foot)."""
    return bool(text.strip()) and text.rstrip()[-1] not in ".;!?:)…\"”"


def foot_notes(foot: list[OcrParagraph], next_id: int, margin: float = 0.0) -> list[tuple[str | None, str]]:
    """(footnote number, text) for each footnote of a page foot; None = continues the previous page's.

    Footnotes start at lines that `_starts_note` (Tesseract may put two in one
    paragraph).  A number OCR read as a digit is used when it is the next one
    in the document; a raised digit read as a mark ("!", "?") or lost gets the
    next number.
    """
    notes: list[tuple[str | None, list[OcrLine]]] = []
    for para in foot:
        for line in para.lines:
            if _starts_note(line, margin) or not notes:
                notes.append((None, []) if not _starts_note(line, margin) else ("new", []))
            notes[-1][1].append(line)
    out: list[tuple[str | None, str]] = []
    for kind, lines in notes:
        text = OcrParagraph(lines).text.replace("\n", " ")
        if kind is None:
            out.append((None, text))
            continue
        m = _FOOT_MARK.match(text)
        digits = (m.group(1) or m.group(2)) if m else None
        if m:
            text = text[m.end():]
        elif lines[0].lead_raised:                 # a raised mark OCR read as a letter ("Š" for "5")
            mark, _, text = text.partition(" ")
            digits = mark if mark.isdigit() else None
        fid = digits if digits and int(digits) == next_id else str(next_id)
        out.append((fid, text))
        next_id = int(fid) + 1
    return out


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"[^\W_]+", text.lower())
    return set(zip(words, words[1:]))


def _candidates(body: list[str]) -> list[tuple[int, int, int, str]]:
    """(paragraph, start, end, mark) of every place OCR may have read a raised reference."""
    found = []
    for i, text in enumerate(body):
        for m in _REF_MARK.finditer(text):
            mark, before = m.group(1) or m.group(2), text[:m.start()]
            if mark.isalpha() and not (mark.isupper() and before[-2:].isalpha() and before[-2:].islower()):
                continue                           # a word's own last letter, not "haỶ"
            if mark in _QUOTES and (before.count("“") > before.count("”")
                                    or sum(before.count(q) for q in _QUOTES) % 2 == 1):
                continue                           # a quote that closes an opening one
            if mark.isdigit() and _UNIT.search(before):
                continue                           # "m2": an exponent
            found.append((i, m.start(), m.end(), mark))
    return found


def mark_references(body: list[str], ids: list[str], notes: list[str] | None = None) -> list[str]:
    """Body paragraphs with "[^N]" put where OCR read each raised reference of this page.

    The page's footnotes (in order) are matched to the possible references (in
    reading order) keeping both orders, a digit only to its own number; when OCR
    lost some references, which footnote goes where is decided by the words a
    footnote shares with the citing paragraph (``notes``: the footnotes' texts).
    A footnote left without a reference is cited at the end of the paragraph it
    shares most words with, else of the page's last body paragraph.
    """
    notes = notes if notes is not None and len(notes) == len(ids) else [""] * len(ids)
    cands = _candidates(body)
    grams = [_bigrams(t) for t in body]
    fn_grams = [_bigrams(t) for t in notes]

    def score(f: int, c: int) -> float:
        para, _, _, mark = cands[c]
        if mark.isdigit() and int(mark) != int(ids[f]):
            return float("-inf")
        return 1.0 + len(fn_grams[f] & grams[para])

    n, m = len(ids), len(cands)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for f in range(n - 1, -1, -1):
        for c in range(m - 1, -1, -1):
            best[f][c] = max(best[f][c + 1], best[f + 1][c], score(f, c) + best[f + 1][c + 1])
        best[f][m] = best[f + 1][m]
    pairs: dict[int, int] = {}                     # candidate -> footnote
    f = c = 0
    while f < n and c < m:
        if score(f, c) + best[f + 1][c + 1] == best[f][c] and score(f, c) > float("-inf"):
            pairs[c] = f
            f, c = f + 1, c + 1
        elif best[f][c + 1] == best[f][c]:
            c += 1
        else:
            f += 1
    out = list(body)
    for c in sorted(pairs, key=lambda c: (-cands[c][0], -cands[c][1])):   # right to left: offsets hold
        para, start, end, _ = cands[c]
        out[para] = out[para][:start] + f"[^{ids[pairs[c]]}]" + out[para][end:]
    cited = set(pairs.values())
    plain = [i for i, t in enumerate(out) if not re.match(r"\s*Nơi nhận", t, re.IGNORECASE)]
    for f in range(n):
        if f in cited or not out:
            continue
        overlap = [(len(fn_grams[f] & grams[i]), i) for i in plain]
        share, where = max(overlap, default=(0, len(out) - 1))
        if share < 2:
            where = plain[-1] if plain else len(out) - 1
        out[where] = out[where] + f"[^{ids[f]}]"
    return out


# ---------------------------------------------------------------- section numbers
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
_ROMAN_HEAD = re.compile(r"^(%s)\.(?=\s)" % "|".join(sorted(_ROMANS, key=len, reverse=True)))


def repair_roman_numbers(texts: list[str]) -> list[str]:
    """Paragraphs with section numbers "I.", "II.", ... that OCR misread put back in sequence.

    Tesseract drops a thin stroke of a bold numeral ("III." read "II."): a number
    that does not follow the previous section's while the next section's is two
    past the previous one is the one between them (I, II, II, IV -> I, II, III, IV).
    A sequence that restarts ("I." under "B.") is left as it is.
    """
    found = [(i, _ROMANS.index(m.group(1)) + 1) for i, t in enumerate(texts) if (m := _ROMAN_HEAD.match(t))]
    out = list(texts)
    for (_, before), (i, n), (_, after) in zip(found, found[1:], found[2:]):
        if n != before + 1 and after == before + 2:
            out[i] = _ROMANS[before] + "." + _ROMAN_HEAD.sub("", out[i], count=1)
    return out

