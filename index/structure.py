"""Turn loader blocks into a `Report`: header facts, sections, whole paragraphs, footnotes.

This is the part no library does: Vietnamese administrative reports number their
sections "I." / "1." / "1.1." / "a)", keep many figures in page-foot footnotes,
and — once extracted from PDF or Word — come with sentences cut by page breaks
and by blocks of footnotes, and footnotes that run on to the next page's foot.

Rules (all in reading order over the blocks):
- A footnote is a paragraph opening with superscript digits ("¹ Trong đó: ...")
  or an explicit FOOTNOTE block from the DOCX/PDF/Markdown loaders.
- A body paragraph that ends without terminal punctuation is continued by the
  next body paragraph, whatever footnotes or page breaks sit in between.
- A footnote left open (no terminal punctuation) is continued by the unmarked,
  lower-case paragraph printed right before the next block of footnotes, when
  that paragraph is not the first thing on its page.
- A superscript in body text is a footnote reference when such a footnote
  exists and it is not a unit ("m²", "m³"); references are resolved to the
  first footnote with that number printed after the citing paragraph.
- Numbered paragraphs are headings when short and unpunctuated; otherwise
  list items — under "NHIỆM VỤ ..." sections they are the section's task items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import (FOOTNOTE, HEADING, PAGE_BREAK, TABLE_ROW, Footnote, LoadedDocument,
                    Paragraph, Report, ReportMeta)
from .metadata import derive_metadata, fill_report_meta, is_task_heading, read_header
from .vntext import collapse_ws, nfc

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {ord(c): str(i) for i, c in enumerate(SUPERSCRIPTS)}
_DIGIT_TO_SUP = {ord(str(i)): c for i, c in enumerate(SUPERSCRIPTS)}
_FOOTNOTE_START = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t]*(\S.*)$", re.S)
_SUP_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_EXPLICIT_MARKER = re.compile(r"\[\^([^\]\s]+)\]")
_UNIT_BEFORE = re.compile(r"(?:^|[\s\d(/])(?:k|c|d|m|h)?m$")
# terminal punctuation, possibly followed by closing quotes/brackets
_TERMINAL = re.compile(r"[.!?…:;][\"”'’»)\]]*$|\./\.$")

_ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_HEADING_PATTERNS = [
    (0, re.compile(r"^(?:PHẦN|Phần)\s+(?:THỨ\s+\S+|thứ\s+\S+|[IVXLC]+|\d+)\b")),
    (0, re.compile(r"^[A-DĐ]\.\s+\S")),
    (1, re.compile(rf"^(?!\s)({_ROMAN})\.\s+\S")),
    (4, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S")),
    (3, re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")),
    (2, re.compile(r"^\d{1,2}\.\s+\S")),
    (5, re.compile(r"^[a-zđ]\)\s+\S")),
]
_ITEM_NUMBER = re.compile(r"^(\d{1,2}|[a-zđ])[.)]\s+")
# notes collected at the end of the report, cited in the body as "(1)" glued to a word ("cam 4.320 ha(1).")
_NOTES_HEADING = re.compile(r"^(?:ghi chú|chú thích|chú giải)\s*:?$", re.I)
_ENDNOTE = re.compile(r"^\((\d{1,2})\)\s+(\S.*)$", re.S)
_GLUED_NOTE = re.compile(r"(?<=[^\s(])\((\d{1,2})\)")
# ... or set off by a space before a clause's end: "gấp 2 lần so với đầu năm (1).", "thân nhân (4), kinh phí"
# (an inline list "(1) tuyên truyền; (2) …" goes on with words, and is not a citation)
_SPACED_NOTE = re.compile(r"(?<=[^\s(])[ \t]+\((\d{1,2})\)(?=[.,;:]|[ \t]*$)", re.M)
# ... or, alone in its paragraph, inside a clause: "giải ngân 38,6 tỷ đồng (2) cho 812 lao động"
_SPACED_NOTE_INSIDE = re.compile(r"(?<=[^\s(])[ \t]+\((\d{1,2})\)(?=[ \t]+\w)")
_ANY_NUMBER_IN_BRACKETS = re.compile(r"\(\d{1,2}\)")


def _note_citers(text: str) -> tuple[re.Pattern, ...]:
    """The forms of "(n)" that cite an endnote in this paragraph."""
    if len(_ANY_NUMBER_IN_BRACKETS.findall(text)) == 1:
        return _GLUED_NOTE, _SPACED_NOTE, _SPACED_NOTE_INSIDE
    return _GLUED_NOTE, _SPACED_NOTE
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")
_RECIPIENTS = re.compile(r"^\s*nơi\s+nhận\s*:?", re.I)
_SIGNATURE_LINE = re.compile(
    r"^(?:TM|KT|TL|TUQ|Q|TM\.?\s*UBND)\.\s+\S|^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|"
    r"BÍ THƯ|THỦ TRƯỞNG|CHÁNH VĂN PHÒNG|TRƯỞNG PHÒNG)\b")


def is_open(text: str) -> bool:
    """True when a paragraph ends mid-sentence (no terminal punctuation)."""
    t = text.rstrip()
    return bool(t) and not _TERMINAL.search(t)


def is_caps_heading(text: str) -> bool:
    """An unnumbered heading written in capitals on a line of its own ("XUẤT NHẬP KHẨU", "TÍN DỤNG -
    NGÂN HÀNG", "NHIỆM VỤ TRỌNG TÂM THÁNG 6 NĂM 2023"), as city and statistics reports write them."""
    t = text.strip()
    if "\n" in t or not 4 <= len(t) <= 120 or re.search(r"[.;!?,]$", t) or _SIGNATURE_LINE.match(t):
        return False
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(t.split()) >= 2


def heading_level(text: str) -> int | None:
    """The hierarchy level a numbered heading's number implies, or None."""
    for level, pat in _HEADING_PATTERNS:
        if pat.match(text):
            if level == 1 and not re.match(r"^[IVXLC]+\.", text):
                continue
            return level
    return None


def looks_like_heading(text: str) -> int | None:
    """Level of a plain-text paragraph that reads as a section heading, else None."""
    if "\n" in text.strip() or len(text) > 220:
        return None
    level = heading_level(text)
    if level is None:
        return None
    body = re.sub(r"^\S+\s+", "", text.strip(), count=1)
    if re.search(r"[.;]$", body) and not body.endswith("./."):
        return None
    if re.search(r"[.!?]\s+[A-ZĐÀ-Ỹ]", body):  # more than one sentence
        return None
    if level >= 2 and len(body) > 200:
        return None
    if level == 5 and len(body) > 150:
        return None
    if body[:1].islower() and level in (2, 3, 4):
        return None
    return level


@dataclass
class _Item:
    """A working unit during the walk: body paragraph, footnote, heading or page break."""

    kind: str                 # "para" | "footnote" | "heading" | "page_break" | "table"
    text: str
    page: int | None = None
    level: int | None = None
    footnote_id: str | None = None
    continues: bool = False


def _split_blocks(doc: LoadedDocument) -> list[_Item]:
    """Blocks to items; plain text paragraphs opening with superscripts become footnotes."""
    items: list[_Item] = []
    for b in doc.blocks:
        text = nfc(b.text).strip()
        if b.kind == PAGE_BREAK:
            items.append(_Item("page_break", "", b.page))
        elif b.kind == FOOTNOTE:
            items.append(_Item("footnote", collapse_ws(text), b.page, footnote_id=b.footnote_id,
                               continues=b.continues or b.footnote_id is None))
        elif b.kind == HEADING:
            items.append(_Item("heading", collapse_ws(text), b.page, level=b.level))
        elif b.kind == TABLE_ROW:
            items.append(_Item("table", text, b.page))
        elif text:
            # a paragraph may hold several footnote lines, or body lines then footnotes
            buf: list[str] = []
            in_footnote = False  # a footnote line of this block runs on over the next lines
            for line in text.split("\n"):
                m = None if doc.explicit_markers else _FOOTNOTE_START.match(line.strip())
                if m:
                    if buf:
                        items.append(_Item("para", "\n".join(buf), b.page))
                        buf = []
                    items.append(_Item("footnote", collapse_ws(m.group(2)), b.page,
                                       footnote_id=m.group(1).translate(_SUP_TO_DIGIT)))
                    in_footnote = True
                elif in_footnote:
                    items[-1].text = collapse_ws(items[-1].text + " " + line)
                else:
                    buf.append(line)
            if buf:
                items.append(_Item("para", "\n".join(buf), b.page))
    return items


def _split_line_paragraphs(items: list[_Item]) -> list[_Item]:
    """Text written one paragraph per line (no blank lines) into paragraphs.

    Inside a multi-line body paragraph, a line that reads as a heading or a numbered
    or dashed item starts a new paragraph, and so does a line after one that ends a
    sentence; a line after an open line (hard-wrapped text) continues it.  The
    recipients list and the signature keep their lines.
    """
    out: list[_Item] = []
    tail = False
    for it in items:
        if it.kind != "para" or "\n" not in it.text or tail:
            out.append(it)
            continue
        first = it.text.split("\n", 1)[0].strip()
        if _RECIPIENTS.match(first) or _SIGNATURE_LINE.match(first):
            tail = _RECIPIENTS.match(first) is not None or tail
            out.append(it)
            continue
        paras: list[str] = []
        for line in it.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if _RECIPIENTS.match(line):
                # the tail starts inside this block: keep it and everything after together
                rest = it.text[it.text.index(line):]
                if paras:
                    out.extend(_Item("para", p, it.page) for p in paras)
                out.append(_Item("para", rest, it.page))
                paras = []
                tail = True
                break
            starts_new = (not paras or looks_like_heading(line) is not None or heading_level(line) is not None
                          or line[:1] in "-+•" or not is_open(paras[-1])
                          or looks_like_heading(paras[-1]) is not None)
            if starts_new:
                paras.append(line)
            else:
                paras[-1] += " " + line
        else:
            out.extend(_Item("para", p, it.page) for p in paras)
            continue
    return out


# ---------------------------------------------------------------- header
_DATE_LINE = re.compile(r"^(?P<place>[^,\n]{2,40}),\s*(?P<date>ngày\b.*?năm\s+\d{4})", re.I | re.M)
_NUMBER_LINE = re.compile(r"^\s*Số\s*:?\s*(?P<num>[^\n]*)$", re.M)
_TITLE_START = re.compile(r"^\s*BÁO\s+CÁO\b(.*)$", re.M)


def parse_period(title: str, meta: ReportMeta, fallback_texts: list[str]) -> None:
    """Fill period fields from a title alone ("... tháng 01, nhiệm vụ trọng tâm tháng 02 năm 2023").

    Kept for callers that hold only a title; `parse_header` reads the whole report through
    `index.metadata.derive_metadata` (title, headings, date line, file name).
    """
    md = derive_metadata(title=title, source=fallback_texts[0] if fallback_texts else "")
    fill_report_meta(meta, md)


def _find_header(items: list[_Item]) -> int:
    """Index of the first item after the report's header (number, place/date, title)."""
    for i, it in enumerate(items[:20]):
        if it.kind in ("para", "heading") and _TITLE_START.search(it.text):
            lines = it.text.split("\n")
            title_line = next(j for j, ln in enumerate(lines) if _TITLE_START.match(ln))
            rest = " ".join(lines[title_line + 1:]).strip() + _TITLE_START.match(lines[title_line]).group(1)
            # "BÁO CÁO" alone: the title is the next paragraph
            if not rest.strip() and i + 1 < len(items) and items[i + 1].kind == "para" \
                    and looks_like_heading(items[i + 1].text) is None:
                return i + 2
            return i + 1
        if it.kind == "heading" or (it.kind == "para" and looks_like_heading(it.text) is not None):
            return i
    return 0


def _signature_text(items: list[_Item]) -> str:
    """The signature block: the report's last items from the first "TM. ..." / "CHỦ TỊCH" line on."""
    tail = items[-12:]
    for j, it in enumerate(tail):
        if it.kind == "para" and _SIGNATURE_LINE.match(it.text.split("\n", 1)[0].strip()):
            return "\n".join(x.text for x in tail[j:] if x.kind == "para")
    return ""


def parse_header(header_items: list[_Item], all_items: list[_Item], source: str) -> ReportMeta:
    """Header facts as printed (title, number, date) and what `index.metadata` derives from the whole
    report (issuer, level, province, period, plan period, and where each was read)."""
    meta = ReportMeta()
    text = "\n".join(it.text for it in header_items)
    m = _NUMBER_LINE.search(text)
    if m:
        meta.number = collapse_ws(m.group("num"))
    m = _DATE_LINE.search(text)
    if m:
        meta.date = collapse_ws(m.group("date"))
    m = _TITLE_START.search(text)
    if m:
        after = text[m.start():].split("\n")
        title_lines = [m.group(1).strip()] + after[1:]
        subject = collapse_ws(" ".join(x for x in title_lines if x.strip()))
        if subject:
            subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
            meta.title = f"Báo cáo {subject}"
        else:
            meta.title = "Báo cáo"
    rest = all_items[len(header_items):]
    headings = [it.text for it in rest if it.kind == "heading"
                or (it.kind == "para" and looks_like_heading(it.text) is not None)]
    body = [it.text for it in rest if it.kind in ("para", "table") and it.text not in headings]
    if not meta.title:
        facts = read_header(text)
        if facts.title_lines:
            meta.title = collapse_ws(" ".join(facts.title_lines))
        else:
            # a title set as a heading of its own (DOCX title style), before any numbered heading
            unnumbered = next((it.text for it in rest[:3] if it.kind == "heading"
                               and heading_level(it.text) is None), None)
            first = unnumbered or next((it.text for it in all_items if it.kind == "para"), source)
            meta.title = collapse_ws(first)[:120]
    md = derive_metadata(header_text=text, title=meta.title, headings=headings, body=body,
                         signature=_signature_text(all_items), source=source, number=meta.number,
                         date=meta.date)
    fill_report_meta(meta, md)
    return meta


# ---------------------------------------------------------------- body walk
@dataclass
class _Para:
    text: str
    section_path: list[str]
    page: int | None
    kind: str = "body"
    item: str | None = None
    position: int = 0
    footnote_keys: list[str] = field(default_factory=list)


def _next_content(items: list[_Item], i: int) -> _Item | None:
    for it in items[i + 1:]:
        if it.kind not in ("page_break",):
            return it
    return None


def parse_report(doc: LoadedDocument) -> Report:
    """Parse a loaded document into a `Report` (see the module docstring for the rules)."""
    items = _split_blocks(doc)
    start = _find_header(items)
    items = items[:start] + _split_line_paragraphs(items[start:])
    meta = parse_header(items[:start], items, doc.source)

    paras: list[_Para] = []
    footnotes: list[tuple[int, Footnote]] = []      # (position, footnote)
    stack: list[tuple[float, str]] = []              # (level, heading as written)
    open_para: _Para | None = None
    open_footnote: Footnote | None = None
    body_since_foot = False                          # body seen since the last foot block / page break
    tail: str | None = None                          # None | "recipients" | "signature"

    header_text = "\n".join(it.text for it in items[:start] if it.kind in ("para", "heading"))
    if header_text.strip():
        paras.append(_Para(header_text, [], items[0].page if items else None, kind="header",
                           position=0))

    def path() -> list[str]:
        return [h for _, h in stack]

    # endnotes: "(n) ..." paragraphs after a paragraph that cites "(n)" glued to a word, or after "Ghi chú:"
    first_cite: dict[str, int] = {}
    for i, it in enumerate(items[start:], start=start):
        if it.kind == "para":
            for cite in _note_citers(it.text):
                for m in cite.finditer(it.text):
                    first_cite.setdefault(m.group(1), i)
    in_notes = False
    endnotes: set[str] = set()

    def in_tasks() -> bool:
        """Under a "NHIỆM VỤ ..." (GIẢI PHÁP, PHƯƠNG HƯỚNG...) part: a top-level or all-caps heading."""
        return any(is_task_heading(h) and (lvl <= 1 or h.isupper()) for lvl, h in stack)

    for i, it in enumerate(items[start:], start=start):
        if it.kind == "page_break":
            body_since_foot = False
            continue
        if it.kind == "footnote":
            if it.continues and footnotes:
                prev = footnotes[-1][1]
                prev.text = collapse_ws(prev.text + " " + it.text)
                open_footnote = prev if is_open(prev.text) else None
            elif it.footnote_id is not None:
                fn = Footnote(it.footnote_id, it.text, it.page)
                footnotes.append((i, fn))
                open_footnote = fn if is_open(fn.text) else None
            body_since_foot = False
            continue

        text = it.text
        if it.kind == "para" and tail is None:
            if _NOTES_HEADING.match(text.strip()):
                in_notes, open_para = True, None
                continue
            note = _ENDNOTE.match(text.strip())
            if note and (in_notes or first_cite.get(note.group(1), len(items)) < i):
                footnotes.append((i, Footnote(note.group(1), collapse_ws(note.group(2)), it.page)))
                endnotes.add(note.group(1))
                in_notes, open_para = True, None
                continue
        level: float | None = None
        if it.kind == "heading":
            level = heading_level(text)
            if level is None:
                level = float(it.level or 1)
        elif it.kind == "para" and tail is None and _APPENDIX.match(text) and len(text) <= 200 \
                and "\n" not in text.strip():
            level = 0.0      # an appendix closes every section above it, the task list too
        elif it.kind == "para" and tail is None and is_caps_heading(text) and heading_level(text) is None:
            # under numbered sections a capitals line heads a part of the current one
            level = 1.0 if all(is_caps_heading(h) and heading_level(h) is None for _, h in stack) \
                else stack[-1][0] + 0.5
        elif it.kind == "para" and tail is None:
            level = looks_like_heading(text)
            if level is not None and level >= 2:
                nxt = _next_content(items, i)
                if nxt is not None and nxt.kind == "para" and heading_level(nxt.text) == level \
                        and looks_like_heading(nxt.text) is None:
                    level = None  # an item of a numbered list, followed by its sibling item
        if level is not None and tail is None:
            if open_para is not None:
                open_para = None
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, collapse_ws(text)))
            body_since_foot = True
            continue

        # the continuation of a footnote left open on the previous page
        nxt = _next_content(items, i)
        if (it.kind == "para" and open_footnote is not None and body_since_foot
                and nxt is not None and nxt.kind == "footnote" and not nxt.continues
                and (text[:1].islower() or text[:1].isdigit())):
            open_footnote.text = collapse_ws(open_footnote.text + " " + text)
            open_footnote = open_footnote if is_open(open_footnote.text) else None
            continue

        body_since_foot = True
        if it.kind == "table":
            if paras and paras[-1].kind == "table" and paras[-1].section_path == path() \
                    and paras[-1].position == i - 1:
                paras[-1].text += "\n" + text
                paras[-1].position = i
            else:
                paras.append(_Para(text, path(), it.page, kind="table", position=i))
            open_para = None
            continue

        # the report's tail: recipients list and signature
        first_line = text.split("\n", 1)[0].strip()
        if _RECIPIENTS.match(first_line):
            tail = "recipients"
            open_para = None
            paras.append(_Para(text, ["Nơi nhận"], it.page, kind="recipients", position=i))
            continue
        if _SIGNATURE_LINE.match(first_line) and (tail is not None or len(text) < 120):
            tail = "signature"
            open_para = None
            paras.append(_Para(text, ["Chữ ký"], it.page, kind="signature", position=i))
            continue
        if tail == "recipients" and (first_line.startswith(("-", "+", "•")) or len(text) < 200):
            last = next(p for p in reversed(paras) if p.kind == "recipients")
            last.text += "\n" + text
            continue
        if tail == "signature" and len(text) < 80:
            last = next(p for p in reversed(paras) if p.kind == "signature")
            last.text += "\n" + text
            continue

        # a paragraph left mid-sentence goes on here, unless this starts a heading or a numbered item
        if open_para is not None and looks_like_heading(text) is None and not _ITEM_NUMBER.match(text):
            open_para.text = open_para.text.rstrip() + " " + text.lstrip()
            if not is_open(open_para.text):
                open_para = None
            continue

        kind, item = "body", None
        m = _ITEM_NUMBER.match(text)
        if m and in_tasks():
            kind, item = "task", m.group(1)
        p = _Para(text, path(), it.page, kind=kind, item=item, position=i)
        paras.append(p)
        open_para = p if is_open(text) else None

    _read_signer(paras, meta)
    if endnotes:   # "(n)" glued to a word cites an endnote: written as the superscript the resolver reads
        for p in paras:
            if p.kind in ("body", "task", "table"):
                for cite in _note_citers(p.text):
                    p.text = cite.sub(lambda m: m.group(1).translate(_DIGIT_TO_SUP)
                                      if m.group(1) in endnotes else m.group(0), p.text)
    fn_by_key, resolved = _resolve_footnotes(paras, footnotes, doc.explicit_markers)
    out = [Paragraph(text=collapse_ws(p.text) if p.kind not in ("recipients", "signature", "header",
                                                                    "table") else p.text.strip(),
                     section_path=p.section_path, page=p.page, footnote_ids=p.footnote_keys,
                     kind=p.kind, item=p.item) for p in resolved]
    return Report(source=doc.source, meta=meta, paragraphs=out, footnotes=fn_by_key,
                  has_pages=doc.has_pages)


def _read_signer(paras: list[_Para], meta: ReportMeta) -> None:
    """Who signed the report, into `meta.signer` / `meta.signer_title` — metadata only.

    Nothing is written into the text: a derived sentence in a chunk would be quotable as if the report
    said it.  The signature block itself stays a unit of its own, as printed.
    """
    sig = next((p for p in paras if p.kind == "signature"), None)
    if sig is None:
        return
    lines = [ln.strip() for ln in sig.text.split("\n") if ln.strip()]
    names = [ln for ln in lines if not _SIGNATURE_LINE.match(ln) and not ln.isupper()]
    titles = [ln for ln in lines if ln.isupper() and not re.match(r"^(TM|KT|TL|TUQ|Q)\.", ln)]
    if names:
        meta.signer = names[-1]
        meta.signer_title = titles[-1] if titles else ""


def _resolve_footnotes(paras: list[_Para], footnotes: list[tuple[int, Footnote]],
                       explicit: bool) -> tuple[dict[str, Footnote], list[_Para]]:
    """Replace markers in body text by footnote keys; return footnotes by key."""
    counts: dict[str, int] = {}
    for _, fn in footnotes:
        counts[fn.id] = counts.get(fn.id, 0) + 1
    keyed: list[tuple[int, str, Footnote]] = []
    seen: dict[str, int] = {}
    for pos, fn in footnotes:
        seen[fn.id] = seen.get(fn.id, 0) + 1
        key = fn.id if counts[fn.id] == 1 else f"{fn.id}@{seen[fn.id]}"
        keyed.append((pos, key, fn))
    by_key = {key: fn for _, key, fn in keyed}

    def lookup(fid: str, pos: int) -> str | None:
        after = [key for p, key, fn in keyed if fn.id == fid and p > pos]
        if after:
            return after[0]
        anyk = [key for p, key, fn in keyed if fn.id == fid]
        return anyk[-1] if anyk else None

    for p in paras:
        if p.kind in ("header", "recipients", "signature"):
            continue
        keys: list[str] = []

        def explicit_sub(m: re.Match) -> str:
            key = lookup(m.group(1), p.position)
            if key is None:
                return ""
            keys.append(key)
            return ""

        text = _EXPLICIT_MARKER.sub(explicit_sub, p.text)

        def sup_sub(m: re.Match) -> str:
            fid = m.group(0).translate(_SUP_TO_DIGIT)
            before = text[:m.start()]
            if fid in ("2", "3") and _UNIT_BEFORE.search(before):
                return m.group(0)
            if not before or before[-1].isspace():
                return m.group(0)
            key = lookup(fid, p.position)
            if key is None:
                return m.group(0)
            keys.append(key)
            return ""

        text = _SUP_RUN.sub(sup_sub, text)
        p.text = re.sub(r"[ \t]+([,.;:])", r"\1", text) if keys else text
        for k in keys:
            if k not in p.footnote_keys:
                p.footnote_keys.append(k)
    # only footnotes someone cites or that exist at all are kept; uncited ones stay reachable
    return by_key, paras
