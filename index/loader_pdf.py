"""Load a text PDF report into `Block`s with pdfplumber (MIT; PyMuPDF is AGPL).

Why character-level work: a report's meaning depends on telling page-foot
footnotes from body text and footnote references from ordinary digits, and
plain ``extract_text`` flattens all of that.  So, per page:

1. characters are grouped into lines by vertical overlap; each line has an
   anchor size (its largest characters) and a baseline proxy;
2. digits much smaller than the line's anchor size and raised above its
   baseline are footnote references -> "[^N]" (after a unit such as "m" they
   stay text, "m³");
3. running headers/footers go: page numbers at the top/bottom of a page, and
   lines repeated at the same place on most pages;
4. the page foot is what lies under a short horizontal separator rule when all
   of it is set smaller than body text; without a rule, a trailing run of
   smaller lines in the lower half that contains a numbered footnote;
5. body lines become paragraphs (vertical gap larger than line spacing,
   first-line indent, or a dash/bullet item after a short line), wrapped
   lines joined with a space, hard line breaks (the next line's first word
   would have fitted: title, signature) kept as "\n"; foot lines
   become footnotes, each starting at a raised number; foot text before the
   first number continues the previous page's last footnote;
6. ruled tables (pdfplumber's table extraction) become TABLE_ROW blocks
   "cell | cell | ..." where they stand among the paragraphs; their
   characters are taken out of the line work above.

Cut sentences are NOT re-joined across pages here: the structure parser does
that from the PARA / FOOTNOTE / PAGE_BREAK sequence.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import LoaderError
from index.model import FOOTNOTE, PAGE_BREAK, PARA, TABLE_ROW, Block, LoadedDocument
from index.progress import OCR, PAGES, Progress

NEEDS_OCR = "Tệp PDF không có lớp văn bản (cần OCR) / the PDF has no text layer (needs OCR)"

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_UNIT_BEFORE = re.compile(r"(?:^|[\s\d(/])(?:[kcdm]?m|km)$")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—+•▪◦*]\s")
_PLAIN_FN_START = re.compile(r"^(\d{1,3})[\s.)]\s*(.*)$")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})

TINY_RATIO = 0.8        # a char smaller than this x the line's anchor size is "tiny" (super/subscript)
RAISE_RATIO = 0.12      # ... and raised if its bottom is this x anchor size above the line's bottom
SPACE_RATIO = 0.18      # a horizontal gap wider than this x anchor size is a word space


@dataclass
class _Line:
    chars: list[dict]
    size: float = 0.0                  # anchor (largest) font size
    top: float = 0.0                   # of anchor chars, pdfplumber top-down coordinates
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    tokens: list[tuple[str, str]] = field(default_factory=list)   # ("text"|"ref", s)
    first_word_w: float = 0.0          # width of the line's first word (line-wrap test)

    @property
    def plain(self) -> str:
        """Text with references shown as plain digits (for header/footer matching)."""
        return "".join(s for _, s in self.tokens).strip()

    @property
    def lead_ref(self) -> str | None:
        """The raised number a footnote line starts with, if any."""
        if self.tokens and self.tokens[0][0] == "ref":
            return self.tokens[0][1]
        return None

    def text(self, skip_lead_ref: bool = False, refs_as_markers: bool = True) -> str:
        out = []
        for i, (kind, s) in enumerate(self.tokens):
            if kind == "ref":
                if i == 0 and skip_lead_ref:
                    continue
                out.append(f"[^{s}]" if refs_as_markers else s.translate(_SUP))
            else:
                out.append(s)
        return "".join(out).strip()


def _build_line(chars: list[dict]) -> _Line:
    """Line geometry plus tokens: words with spaces from gaps, raised tiny digits as refs."""
    ln = _Line(sorted(chars, key=lambda c: c["x0"]))
    ln.size = max(c["size"] for c in chars)
    anchor = [c for c in chars if c["size"] >= 0.85 * ln.size]
    ln.top = min(c["top"] for c in anchor)
    ln.bottom = max(c["bottom"] for c in anchor)
    ln.x0 = min(c["x0"] for c in chars)
    ln.x1 = max(c["x1"] for c in chars)
    first = ln.chars[0]
    end = first
    for c in ln.chars[1:]:
        if c["x0"] - end["x1"] > SPACE_RATIO * ln.size:
            break
        end = c
    ln.first_word_w = end["x1"] - first["x0"]
    tokens: list[tuple[str, str]] = []
    prev = None
    for c in ln.chars:
        tiny = c["size"] < TINY_RATIO * ln.size
        raised = c["bottom"] < ln.bottom - RAISE_RATIO * ln.size
        is_ref = tiny and raised and c["text"].isdigit()
        if prev is not None and c["x0"] - prev["x1"] > SPACE_RATIO * ln.size:
            tokens.append(("text", " "))
        if is_ref and tokens and tokens[-1][0] == "ref" and prev is not None and c["x0"] - prev["x1"] <= SPACE_RATIO * ln.size:
            tokens[-1] = ("ref", tokens[-1][1] + c["text"])
        elif is_ref:
            tokens.append(("ref", c["text"]))
        elif tokens and tokens[-1][0] == "text":
            tokens[-1] = ("text", tokens[-1][1] + c["text"])
        else:
            tokens.append(("text", c["text"]))
        prev = c
    # a raised digit after a unit ("m³", "km²") is an exponent, not a reference
    fixed: list[tuple[str, str]] = []
    for kind, s in tokens:
        if kind == "ref" and fixed and fixed[-1][0] == "text" and _UNIT_BEFORE.search(fixed[-1][1]):
            fixed[-1] = ("text", fixed[-1][1] + s.translate(_SUP))
        else:
            fixed.append((kind, s))
    ln.tokens = fixed
    return ln


def _cluster_lines(chars: list[dict]) -> list[_Line]:
    """Group chars into lines by vertical overlap; small raised chars join the line they sit in."""
    groups: list[dict] = []       # {"top","bottom","size","chars"}
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        h = max(c["bottom"] - c["top"], 0.1)
        best, best_ratio = None, 0.0
        for g in groups[-8:]:
            ov = min(c["bottom"], g["bottom"]) - max(c["top"], g["top"])
            ratio = ov / min(h, max(g["bottom"] - g["top"], 0.1))
            if ratio > best_ratio:
                best, best_ratio = g, ratio
        if best is not None and best_ratio >= 0.5:
            best["chars"].append(c)
            if c["size"] > best["size"] * 1.15:      # a bigger char sets the line's band
                best.update(top=c["top"], bottom=c["bottom"], size=c["size"])
        else:
            groups.append({"top": c["top"], "bottom": c["bottom"], "size": c["size"], "chars": [c]})
    lines = [_build_line(g["chars"]) for g in groups]
    return sorted(lines, key=lambda ln: (ln.bottom, ln.x0))


def _mode(values, default: float) -> float:
    cnt = Counter(values)
    return cnt.most_common(1)[0][0] if cnt else default


def _join(parts: list[str], hard: list[bool] | None = None) -> str:
    """Join line texts with a space; undo "letter-" + lowercase hyphenation.

    ``hard[k]`` marks a line after which the next line's first word would
    still have fitted (title, signature block): that is a line break in the
    source, kept as "\n" like the text loader does for line groups.
    """
    out = ""
    for k, part in enumerate(parts):
        if not out:
            out = part
        elif re.search(r"[^\W\d_]-$", out) and part[:1].islower():
            out = out[:-1] + part
        elif re.search(r"[^\W\d_]-$", out):
            out += part
        elif hard and hard[k - 1]:
            out += "\n" + part
        else:
            out += " " + part
    return out


def _norm(text: str) -> str:
    """NFC, ligatures expanded, spaces collapsed (line breaks kept)."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    return "\n".join(re.sub(r"[^\S\n]+", " ", ln).strip() for ln in text.split("\n")).strip()


class _Doc:
    """Document-wide statistics used to classify each page's lines."""

    def __init__(self, pages: list[list[_Line]], page_sizes: list[tuple[float, float]]):
        self.pages = pages
        self.sizes = page_sizes
        weighted = Counter()
        for lines in pages:
            for ln in lines:
                weighted[round(ln.size * 2) / 2] += len(ln.chars)
        self.body_size = weighted.most_common(1)[0][0] if weighted else 12.0
        body = [ln for lines in pages for ln in lines if abs(ln.size - self.body_size) <= 0.6]
        self.left = _mode([round(ln.x0) for ln in body], 72.0)
        self.right = _mode([round(ln.x1) for ln in body], 520.0)
        pitches = []
        for lines in pages:
            bl = [ln for ln in lines if abs(ln.size - self.body_size) <= 0.6]
            for a, b in zip(bl, bl[1:]):
                d = b.bottom - a.bottom
                if 0.8 * self.body_size < d < 2.5 * self.body_size:
                    pitches.append(round(d))
        self.pitch = _mode(pitches, 1.3 * self.body_size)


def _running_candidate(ln: _Line, h: float) -> bool:
    """Short line in the top/bottom 15% of the page, not a numbered footnote."""
    return (ln.top < 0.15 * h or ln.bottom > 0.85 * h) and len(ln.plain) <= 100 and ln.lead_ref is None


def _running_key(ln: _Line) -> tuple[str, int]:
    """A line's text with digits as "#" (page numbers vary) and its place on the page (4 pt bands)."""
    return re.sub(r"\d+", "#", ln.plain), round(ln.top / 4)


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> None:
    """Remove page numbers and lines repeated at the same place on most pages (in place).

    A line counts as running when its key (text with digits normalised, place)
    is on most pages, or on most pages of one parity (Word's different odd and
    even headers), or, in a two-page document, on both pages.
    """
    n = len(pages)
    keys: Counter = Counter()
    by_parity: Counter = Counter()
    for i, (lines, h) in enumerate(zip(pages, heights)):
        seen = {_running_key(ln) for ln in lines[:2] + lines[-2:] if _running_candidate(ln, h)}
        keys.update(seen)
        by_parity.update((i % 2, k) for k in seen)
    parity_pages = ((n + 1) // 2, n // 2)

    def running(key, i: int) -> bool:
        if n == 2:
            return keys[key] == 2
        if n >= 3 and keys[key] >= max(3, 0.6 * n):
            return True
        same = parity_pages[i % 2]
        return n >= 4 and by_parity[(i % 2, key)] >= max(2, 0.6 * same) and key[0] != ""

    for i, (lines, h) in enumerate(zip(pages, heights)):
        drop = set()
        for j in (0, len(lines) - 1):
            if 0 <= j < len(lines):
                ln = lines[j]
                zone = ln.top < 0.15 * h if j == 0 else ln.bottom > 0.85 * h
                if zone and _PAGE_NUMBER.match(ln.plain):
                    drop.add(id(ln))
        for ln in lines[:2] + lines[-2:]:
            if _running_candidate(ln, h) and running(_running_key(ln), i):
                drop.add(id(ln))
        pages[i] = [ln for ln in lines if id(ln) not in drop]


def _foot_start(lines: list[_Line], rules: list[float], doc: _Doc, height: float) -> int | None:
    """Index of the first page-foot (footnote) line, or None when the page has no foot."""
    small = 0.92 * doc.body_size
    for rule_top in sorted(rules):
        idx = next((k for k, ln in enumerate(lines) if ln.top >= rule_top - 1), None)
        if idx is not None and all(ln.size < small for ln in lines[idx:]):
            return idx
    k = len(lines)
    while k > 0 and lines[k - 1].size < 0.9 * doc.body_size and lines[k - 1].top > 0.5 * height:
        k -= 1
    if k < len(lines) and any(ln.lead_ref for ln in lines[k:]):
        return k
    return None


def _rules(page, width: float, height: float) -> list[float]:
    """Tops of short horizontal rules in the lower part of the page (footnote separators)."""
    tops = []
    for obj in list(page.lines) + list(page.rects):
        w = obj["x1"] - obj["x0"]
        h = abs(obj["bottom"] - obj["top"])
        if h <= 2 and 30 <= w <= 0.8 * width and obj["top"] > 0.35 * height:
            tops.append(obj["top"])
    return tops


@dataclass
class _Table:
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[str]


def _tables(page) -> list[_Table]:
    """Ruled tables of a page (pdfplumber's line strategy), each row as "cell | cell | ...".

    Only tables drawn with rules (Word's and LibreOffice's "Table Grid") of at
    least two rows and two columns: an unruled layout stays text.
    """
    found = []
    try:
        tables = page.find_tables()
    except Exception:            # a malformed page's graphics: read it as text
        return []
    for t in tables:
        rows = t.extract()
        if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2:
            continue
        texts = []
        for row in rows:
            cells = [_norm(" ".join((c or "").split())) for c in row]
            if any(cells):
                texts.append(" | ".join(cells))
        if texts:
            found.append(_Table(float(t.bbox[1]), tuple(float(v) for v in t.bbox), texts))
    return sorted(found, key=lambda t: t.top)


def _in_box(c: dict, box: tuple[float, float, float, float]) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _paragraphs(lines: list[_Line], doc: _Doc) -> list[list[_Line]]:
    """Split body lines into paragraphs by gap, size change, first-line indent or list items."""
    paras: list[list[_Line]] = []
    prev = None
    for ln in lines:
        new = prev is None
        if not new:
            size = max(ln.size, prev.size)
            dist = ln.bottom - prev.bottom
            indent = ln.x0 - doc.left
            prev_short = prev.x1 < doc.right - 2 * size
            new = (
                dist > 1.25 * max(doc.pitch, prev.bottom - prev.top)
                or dist < 0                                 # column jump
                or abs(ln.size - prev.size) > 0.75
                or (0.8 * size < indent < 6 * size and abs(prev.x0 - doc.left) < 0.5 * size)
                or (bool(_BULLET.match(ln.plain)) and prev_short)
            )
        if new:
            paras.append([ln])
        else:
            paras[-1].append(ln)
        prev = ln
    return paras


def _hard_break(a: _Line, b: _Line, doc: _Doc) -> bool:
    """True when line ``a`` ends by a line break in the source rather than by wrapping.

    Either the next line's first word would still have fitted after ``a``, or
    both lines are centred on the same axis away from the left margin (title,
    signature block).
    """
    if a.x1 + 0.4 * a.size + b.first_word_w < doc.right:
        return True
    off_margin = a.x0 > doc.left + 0.5 * a.size and b.x0 > doc.left + 0.5 * b.size
    return off_margin and abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 < a.size


def _open_error(name: str, exc: Exception) -> LoaderError:
    kind = type(exc).__name__ + " " + repr(getattr(exc, "args", ""))
    if "Password" in kind or "Encrypt" in kind or "password" in str(exc).lower():
        return LoaderError(f"Tệp PDF được mã hoá, không đọc được / encrypted PDF, cannot read: {name}")
    return LoaderError(f"Tệp PDF bị hỏng hoặc không đọc được / corrupt or unreadable PDF: {name} "
                       f"({type(exc).__name__}: {exc})")


def _load_by_ocr(path: Path, source: str, n_pages: int, progress, max_chars: int | None,
                 enabled: bool = True, floor: float = 60.0) -> LoadedDocument:
    """A PDF without a text layer: OCR each page (index.ocr), PARA blocks per recognised paragraph.

    Running headers/footers and page numbers are dropped across pages (`ocr.drop_running_lines`)
    and page-foot footnotes become FOOTNOTE blocks cited by "[^N]" where OCR read the raised
    reference (`ocr.split_foot`, `foot_notes`, `mark_references`), so a sentence cut by a page
    break meets its end right after the PAGE_BREAK and each footnote goes to its citing section.
    """
    from index import ocr

    name = path.name
    if not enabled:
        raise LoaderError(f"{NEEDS_OCR} (BAOCAO_OCR=0): {name}")
    blocks: list[Block] = []
    confidence: dict[int, float] = {}
    pages = []
    n_chars = 0
    per_page = None if progress is None else (lambda done, total: progress(OCR, done, total, source))
    for page in ocr.ocr_pages(path, n_pages, per_page):
        pages.append(page)
        n_chars += sum(len(t) for t in page.paragraphs)
        if max_chars is not None and n_chars > max_chars:
            from index.errors import too_many_chars
            raise too_many_chars(name, max_chars)
    ocr.drop_running_lines(pages)
    next_id = 1
    open_note = False                              # the last footnote read runs on at the next page's foot
    for page in pages:
        body, foot = ocr.split_foot(page, continues=open_note)
        foot_texts = ocr.foot_notes(foot, next_id, ocr.left_margin(page))
        ids = [fid for fid, _ in foot_texts if fid is not None]
        next_id = int(ids[-1]) + 1 if ids else next_id
        if foot_texts:
            open_note = ocr.is_open(foot_texts[-1][1])
        for text in ocr.mark_references([p.text for p in body], ids, [t for fid, t in foot_texts if fid is not None]):
            text = _norm(text)
            if text:
                blocks.append(Block(text=text, kind=PARA, page=page.number))
        for fid, text in foot_texts:
            text = _norm(text)
            if text:
                blocks.append(Block(text=text, kind=FOOTNOTE, page=page.number, footnote_id=fid,
                                    continues=fid is None))
        blocks.append(Block(text="", kind=PAGE_BREAK, page=page.number))
        confidence[page.number] = page.confidence
    paras = [b for b in blocks if b.kind == PARA]
    for b, text in zip(paras, ocr.repair_roman_numbers([b.text for b in paras])):
        b.text = text
    if not paras:
        raise LoaderError(f"Tệp PDF không có lớp văn bản (cần OCR) và OCR không nhận ra chữ nào / "
                          f"the PDF has no text layer (needs OCR) and OCR found no text: {name}")
    low = [n for n, c in confidence.items() if c < floor]
    notes = [f"đã nhận dạng chữ (OCR) {n_pages} trang (text read by OCR from {n_pages} page images)"]
    if low:
        pages = ", ".join(str(n) for n in low)
        notes.append(f"trang {pages} nhận dạng kém (độ tin cậy < {floor:g}%), nên kiểm tra lại "
                     f"(pages {pages} read with low OCR confidence, below {floor:g}%)")
    return LoadedDocument(source=source, blocks=blocks, fmt="pdf", has_pages=True, explicit_markers=True,
                          notes=notes, ocr=True, page_confidence=confidence, low_confidence_pages=low)


def load_pdf(path: Path, source: str, max_pages: int = 2000, max_chars: int | None = None,
             progress: Progress | None = None, ocr: bool = True,
             ocr_min_confidence: float = 60.0) -> LoadedDocument:
    """Read a text PDF into PARA / FOOTNOTE / PAGE_BREAK blocks with page numbers.

    ``max_chars``: refuse the file as soon as the pages read so far hold more characters.
    A PDF with no text layer at all is read by OCR.  ``progress("pages", done, total, source)``
    is called after each page read, then ``progress("ocr", ...)`` after each page OCR reads
    (index.progress).
    """
    import pdfplumber

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise LoaderError(f"Không tìm thấy tệp PDF / PDF file not found: {name}")
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 4096))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise LoaderError(f"Không phải tệp PDF / not a PDF file: {name}")
    if b"%%EOF" not in tail:
        raise LoaderError(f"Tệp PDF bị cắt cụt hoặc hỏng (thiếu %%EOF) / truncated or corrupt PDF "
                          f"(no %%EOF marker): {name}")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken/encrypted files
        raise _open_error(name, exc) from exc
    pages: list[list[_Line]] = []
    tables: list[list[_Table]] = []
    rules: list[list[float]] = []
    dims: list[tuple[float, float]] = []
    n_chars = 0
    try:
        with pdf:
            try:
                n_pages = len(pdf.pages)
            except Exception as exc:
                raise _open_error(name, exc) from exc
            if n_pages == 0:
                raise LoaderError(f"Tệp PDF không có trang nào (hỏng?) / PDF has no pages (corrupt?): {name}")
            if n_pages > max_pages:
                raise LoaderError(f"Tệp PDF có {n_pages} trang, vượt giới hạn {max_pages} / "
                                  f"PDF has {n_pages} pages, more than the limit of {max_pages}: {name}")
            for pno, page in enumerate(pdf.pages, start=1):
                page = page.dedupe_chars()
                w, h = float(page.width), float(page.height)
                chars = [c for c in page.chars
                         if c.get("upright", True) and c["text"].strip()
                         and -1 <= c["x0"] <= w + 1 and -1 <= c["top"] <= h + 1]
                n_chars += len(chars)
                if max_chars is not None and n_chars > max_chars:
                    from index.errors import too_many_chars
                    raise too_many_chars(name, max_chars)
                found = _tables(page) if chars else []
                if found:
                    chars = [c for c in chars if not any(_in_box(c, t.bbox) for t in found)]
                tables.append(found)
                pages.append(_cluster_lines(chars) if chars else [])
                rules.append(_rules(page, w, h))
                dims.append((w, h))
                if progress is not None:
                    progress(PAGES, pno, n_pages, source)
    except LoaderError:
        raise
    except Exception as exc:
        raise _open_error(name, exc) from exc

    if not any(pages) and not any(tables):
        return _load_by_ocr(path, source, len(pages), progress, max_chars, ocr, ocr_min_confidence)
    _drop_running_lines(pages, [h for _, h in dims])
    doc = _Doc(pages, dims)
    uses_raised_numbers = False
    split: list[tuple[list[_Line], list[_Line]]] = []
    for lines, rl, (_, h) in zip(pages, rules, dims):
        k = _foot_start(lines, rl, doc, h)
        body, foot = (lines, []) if k is None else (lines[:k], lines[k:])
        uses_raised_numbers |= any(ln.lead_ref for ln in foot)
        split.append((body, foot))

    blocks: list[Block] = []
    last_id: int = 0
    for pno, ((body, foot), page_tables) in enumerate(zip(split, tables), start=1):
        pending = list(page_tables)
        for para in _paragraphs(body, doc):
            while pending and pending[0].top < para[0].top:
                blocks.extend(Block(text=row, kind=TABLE_ROW, page=pno) for row in pending.pop(0).rows)
            hard = [_hard_break(a, b, doc) for a, b in zip(para, para[1:])] + [False]
            text = _norm(_join([ln.text() for ln in para], hard))
            if text:
                blocks.append(Block(text=text, kind=PARA, page=pno))
        for table in pending:
            blocks.extend(Block(text=row, kind=TABLE_ROW, page=pno) for row in table.rows)
        notes: list[tuple[str | None, list[str]]] = []
        for ln in foot:
            fid = ln.lead_ref
            rest = ln.text(skip_lead_ref=True, refs_as_markers=False)
            if fid is None and not uses_raised_numbers:
                m = _PLAIN_FN_START.match(ln.plain)
                if m and int(m.group(1)) in (last_id + 1, 1):
                    fid, rest = m.group(1), m.group(2)
            if fid is not None:
                notes.append((fid, [rest]))
                last_id = int(fid)
            elif notes:
                notes[-1][1].append(rest)
            else:
                notes.append((None, [rest]))
        for fid, parts in notes:
            text = _norm(_join([p for p in parts if p]))
            if text:
                blocks.append(Block(text=text, kind=FOOTNOTE, page=pno, footnote_id=fid,
                                    continues=fid is None))
        blocks.append(Block(text="", kind=PAGE_BREAK, page=pno))
    return LoadedDocument(source=source, blocks=blocks, fmt="pdf", has_pages=True, explicit_markers=True)
