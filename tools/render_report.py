"""Render a plain-text report into a DOCX (with real Word footnotes) and a PDF.

Why this exists: the DOCX and PDF loaders must be tested against files that
show the same phenomena as real government reports (heading styles, page-foot
footnotes, sentences cut by page breaks, a footnote continued on the next
page), without committing binary fixtures.  The generator is deterministic:
the same text gives byte-identical files.

Input convention (see ``data/samples/*.txt``): paragraphs separated by
blank lines; header lines, then a title block starting "BÁO CÁO"; headings
"I."/"1."/"1.1."; page-foot footnotes as paragraphs starting with superscript
digits ("¹ Trong đó: ..."); an unmarked paragraph printed just before a
footnote paragraph continues the previous page's unfinished footnote; body
paragraphs cut by a page break end without terminal punctuation and carry on
after the footnote block.  Footnote references are superscript digits glued to
the preceding word ("3.666 ha¹;"); "m³" after a unit stays text.

CLI::

    python tools/render_report.py INPUT.txt --docx OUT.docx --pdf OUT.pdf [--image-pdf OUT2.pdf]
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}
_FOOTNOTE_START = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(.*)$", re.S)
_REF = re.compile(rf"(?<=\S)([{SUPERSCRIPT_DIGITS}]+)")
_UNIT_BEFORE = re.compile(r"(?:^|[\s\d(])(?:[kcdm]?m|m|km)$")   # "m³", "km²" are units
_MARKER = re.compile(r"\[\^(\d+)\]")
_TERMINAL = ".;:!?…"
_ROMAN = re.compile(r"^[IVXLC]+\.\s+\S")
_LEVEL3 = re.compile(r"^\d+\.\d+\.?\s+\S")
_LEVEL2 = re.compile(r"^\d+\.\s+\S")
_PART = re.compile(r"^(?:[A-ZĐ]\.\s+\S|Phần thứ\s)")            # "A. LĨNH VỰC KINH TẾ", "Phần thứ nhất"
_LETTER = re.compile(r"^[a-zđ]\)\s+\S")                         # "a) Trồng trọt"

# The small table put into section 1.2 (export figures of the sample report).
EXPORT_TABLE = [
    ["Chỉ tiêu", "Tháng 01", "So cùng kỳ"],
    ["Xuất khẩu", "100 triệu USD", "tăng 150%"],
    ["Nhập khẩu", "150 triệu USD", "tăng 187,5%"],
]


# ---------------------------------------------------------------------------
# Parsing the plain-text convention
# ---------------------------------------------------------------------------

@dataclass
class Item:
    """One rendered unit.  Body text carries footnote refs as "[^N]" markers."""

    kind: str          # header|title|heading|para|task|recipients_label|recipient|signature|signer|table
    text: str = ""
    level: int = 0
    rows: list[list[str]] | None = None


@dataclass
class ParsedReport:
    items: list[Item]
    # footnote id -> printed parts; more than one part = split across pages in the source
    footnotes: dict[str, list[str]] = field(default_factory=dict)

    def footnote_text(self, fid: str) -> str:
        """The whole footnote, parts joined with one space."""
        return " ".join(self.footnotes[fid])


def sup_to_int(s: str) -> str:
    return "".join(_SUP_TO_INT[c] for c in s)


def ends_sentence(text: str) -> bool:
    """True when text ends with terminal punctuation (quotes/brackets ignored)."""
    t = text.rstrip().rstrip("\"'”’»)]*")
    return bool(t) and t[-1] in _TERMINAL


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse_report(text: str, table: bool = False) -> ParsedReport:
    """Turn report text into render items, re-joining sentences cut by page breaks.

    Footnote paragraphs are pulled out into ``footnotes``; a body paragraph that
    ends without terminal punctuation and is followed (after footnote paragraphs
    only) by another body paragraph is joined to it with one space.
    """
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text.strip()) if b.strip()]
    items: list[Item] = []
    footnotes: dict[str, list[str]] = {}
    open_fn: str | None = None          # last footnote, if it ended mid-sentence
    joinable: Item | None = None        # last body item, if cut mid-sentence
    seen_title = False
    in_tasks = False
    stage = "body"                      # body -> recipients -> signature

    # The title: the first block opening "BÁO CÁO" among the first ones (a header of issuer
    # lines in capitals comes before it), else the first capitals block after the date line,
    # else the first capitals block that is not the number line.
    title_at = next((i for i, b in enumerate(blocks[:10]) if b.upper().startswith("BÁO CÁO")), None)
    if title_at is None:
        dated = next((i for i, b in enumerate(blocks[:10]) if re.search(r"ngày\s.*năm\s+\d{4}", b)), None)
        if dated is not None and dated + 1 < len(blocks) and _is_upper_line(blocks[dated + 1].splitlines()[0]):
            title_at = dated + 1
    for i, block in enumerate(blocks):
        lines = [ln.strip() for ln in block.splitlines()]
        first = lines[0]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ""
        m = _FOOTNOTE_START.match(block)
        if m and seen_title:
            fid = sup_to_int(m.group(1))
            body = " ".join(ln for ln in m.group(2).splitlines())
            footnotes[fid] = [body]
            open_fn = None if ends_sentence(body) else fid
            continue
        if open_fn and _FOOTNOTE_START.match(nxt):
            # unmarked paragraph printed just before a footnote: the rest of the open footnote
            footnotes[open_fn].append(" ".join(lines))
            open_fn = None
            continue
        if not seen_title:
            if i == title_at or (title_at is None and _is_upper_line(first) and not first.startswith("Số")):
                items.append(Item("title", "\n".join(lines)))
                seen_title = True
            else:
                items.extend(Item("header", ln) for ln in lines)
            continue
        if stage == "recipients":
            if all(_is_upper_line(ln) for ln in lines):
                items.append(Item("signature", "\n".join(lines)))
                stage = "signature"
                continue
            for ln in lines:
                if ln.startswith(("-", "+", "•")) or not items or items[-1].kind != "recipient":
                    items.append(Item("recipient", ln))
                else:
                    items[-1].text += " " + ln
            continue
        if stage == "signature":
            items.append(Item("signer", " ".join(lines)))
            continue
        para = " ".join(lines)
        if first.rstrip(":").strip().lower() == "nơi nhận":
            items.append(Item("recipients_label", para))
            stage = "recipients"
            joinable = None
            continue
        if joinable is not None:
            joinable.text += " " + para
            if ends_sentence(joinable.text):
                joinable = None
            continue
        if _ROMAN.match(para) and len(para) < 200 and not ends_sentence(para):
            items.append(Item("heading", para, level=1))
            in_tasks = "NHIỆM VỤ" in para.upper()
            continue
        if (_PART.match(para) or _is_upper_line(para)) and len(para) < 200 and not ends_sentence(para):
            items.append(Item("heading", para, level=1))
            up = para.upper()
            in_tasks = "NHIỆM VỤ" in up and "KẾT QUẢ" not in up
            continue
        if _LETTER.match(para) and len(para) < 200 and not ends_sentence(para):
            items.append(Item("heading", para, level=4))
            continue
        if _LEVEL3.match(para) and len(para) < 250 and not ends_sentence(para):
            items.append(Item("heading", para, level=3))
            continue
        if _LEVEL2.match(para):
            if in_tasks or len(para) >= 250 or ends_sentence(para):
                item = Item("task" if in_tasks else "para", para)
            else:
                items.append(Item("heading", para, level=2))
                continue
        else:
            item = Item("para", para)
        items.append(item)
        joinable = None if ends_sentence(item.text) else item

    _mark_references(items, footnotes)
    if table:
        _insert_table(items)
    return ParsedReport(items, footnotes)


def _mark_references(items: list[Item], footnotes: dict[str, list[str]]) -> None:
    """Replace superscript footnote references in body items by "[^N]" markers."""

    def repl(m: re.Match) -> str:
        fid = sup_to_int(m.group(1))
        before = m.string[: m.start()]
        if fid not in footnotes or _UNIT_BEFORE.search(before):
            return m.group(0)
        return f"[^{fid}]"

    for it in items:
        if it.kind in {"para", "task", "heading"}:
            it.text = _REF.sub(repl, it.text)


def _insert_table(items: list[Item]) -> None:
    """Put the export table after the first paragraph of section 1.2 (if any)."""
    for i, it in enumerate(items):
        if it.kind == "heading" and it.text.startswith("1.2."):
            pos = i + 2 if i + 1 < len(items) and items[i + 1].kind == "para" else i + 1
            items.insert(pos, Item("table", rows=[list(r) for r in EXPORT_TABLE]))
            return


def split_runs(text: str) -> list[tuple[str, str]]:
    """Split item text into (kind, text) runs: "text", "italic" (``*...*``) or "ref"."""
    runs: list[tuple[str, str]] = []
    italic = False
    for piece in re.split(r"(\[\^\d+\]|\*)", text):
        if not piece:
            continue
        if piece == "*":
            italic = not italic
        elif _MARKER.fullmatch(piece):
            runs.append(("ref", _MARKER.fullmatch(piece).group(1)))
        else:
            runs.append(("italic" if italic else "text", piece))
    return runs


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FIXED_ZIP_TIME = (2023, 1, 30, 0, 0, 0)


def _footnote_ref_run(fid: str, in_footnote: bool = False):
    """A run holding <w:footnoteReference w:id=N/> (or <w:footnoteRef/> inside the note)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(style)
    rpr.append(va)
    r.append(rpr)
    ref = OxmlElement("w:footnoteRef" if in_footnote else "w:footnoteReference")
    if not in_footnote:
        ref.set(qn("w:id"), fid)
    r.append(ref)
    return r


def _add_runs(paragraph, text: str, bold: bool = False) -> None:
    for kind, piece in split_runs(text):
        if kind == "ref":
            paragraph._p.append(_footnote_ref_run(piece))
            continue
        lines = piece.split("\n")
        for j, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold or None
            if kind == "italic":
                run.italic = True
            if j < len(lines) - 1:
                run.add_break()


def _footnotes_xml(parsed: ParsedReport) -> bytes:
    """word/footnotes.xml: the two separator notes (-1, 0) and one note per footnote."""
    sep = (
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    notes = []
    ref = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
           '</w:rPr><w:footnoteRef/></w:r>')
    for fid in sorted(parsed.footnotes, key=int):
        body = escape(" " + parsed.footnote_text(fid))
        notes.append(
            f'<w:footnote w:id="{fid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{ref}'
            f'<w:r><w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:footnote>'
        )
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:footnotes xmlns:w="{W_NS}" '
           f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
           f'{sep}{"".join(notes)}</w:footnotes>')
    return xml.encode("utf-8")


def _ensure_footnote_styles(doc) -> None:
    """Add the "footnote text"/"footnote reference" styles Word uses (ids FootnoteText/FootnoteReference)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    names = {s.name for s in doc.styles}
    if "footnote text" not in names:
        st = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        st.element.styleId = "FootnoteText"
        st.base_style = doc.styles["Normal"]
        st.font.size = Pt(10)
        st.paragraph_format.space_after = Pt(0)
    if "footnote reference" not in names:
        st = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        st.element.styleId = "FootnoteReference"
        st.font.superscript = True


def _add_footnotes_part(doc, parsed: ParsedReport) -> None:
    """Create word/footnotes.xml, relate it to the document and declare footnotePr in settings."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = Part(PackURI("/word/footnotes.xml"), _CT_FOOTNOTES, _footnotes_xml(parsed), doc.part.package)
    doc.part.relate_to(part, _RT_FOOTNOTES)
    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = OxmlElement("w:footnotePr")
        for nid in ("-1", "0"):
            fn = OxmlElement("w:footnote")
            fn.set(qn("w:id"), nid)
            pr.append(fn)
        anchor = settings.find(qn("w:compat"))
        if anchor is not None:
            anchor.addprevious(pr)
        else:
            settings.append(pr)


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def _add_field_text(paragraph, template: str) -> None:
    """Runs of ``template`` with "{PAGE}" / "{NUMPAGES}" as real Word fields (w:fldSimple)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for piece in re.split(r"(\{PAGE\}|\{NUMPAGES\})", template):
        if piece in ("{PAGE}", "{NUMPAGES}"):
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), piece.strip("{}"))
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            run.append(t)
            fld.append(run)
            paragraph._p.append(fld)
        elif piece:
            paragraph.add_run(piece)


def _set_running(part, template: str | None) -> None:
    """Fill a section header/footer: one paragraph per line of ``template`` ("\t" = centred, right)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if template is None:
        return
    part.is_linked_to_previous = False
    for k, line in enumerate(template.split("\n")):
        p = part.paragraphs[0] if k == 0 else part.add_paragraph()
        align = WD_ALIGN_PARAGRAPH.CENTER
        if line.startswith(">"):
            align, line = WD_ALIGN_PARAGRAPH.RIGHT, line[1:]
        elif line.startswith("<"):
            align, line = WD_ALIGN_PARAGRAPH.LEFT, line[1:]
        p.alignment = align
        _add_field_text(p, line)


def render_docx(text: str, path: str | Path, table: bool = True, header: str | None = None,
                footer: str | None = None, even_header: str | None = None, even_footer: str | None = None,
                first_page_plain: bool = False) -> Path:
    """Render report text to a DOCX with Word heading styles, an optional table and real footnotes.

    ``header`` / ``footer``: a running header / footer on every page (lines split by "\n",
    centred unless they start with "<" (left) or ">" (right); "{PAGE}" and "{NUMPAGES}" become
    Word page fields, e.g. "Trang {PAGE}/{NUMPAGES}").  ``even_header`` / ``even_footer`` turn
    on different odd and even pages; ``first_page_plain`` leaves the first page without them.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    parsed = parse_report(text, table=table)
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    _ensure_footnote_styles(doc)
    doc.core_properties.title = parsed.items[0].text if parsed.items else ""

    for it in parsed.items:
        if it.kind == "heading":
            p = doc.add_paragraph(style=f"Heading {it.level}")
            _add_runs(p, it.text)
        elif it.kind == "table":
            rows = it.rows or []
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    t.cell(r, c).text = val
        else:
            p = doc.add_paragraph()
            if it.kind in {"title", "signature", "signer"}:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_runs(p, it.text, bold=True)
            elif it.kind == "recipients_label":
                run = p.add_run(it.text)
                run.bold = run.italic = True
            elif it.kind in {"para", "task"}:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                p.paragraph_format.first_line_indent = Pt(28)
                _add_runs(p, it.text)
            else:
                _add_runs(p, it.text)
    if parsed.footnotes:
        _add_footnotes_part(doc, parsed)
    section = doc.sections[0]
    if even_header is not None or even_footer is not None:
        doc.settings.odd_and_even_pages_header_footer = True
        _set_running(section.even_page_header, even_header if even_header is not None else header)
        _set_running(section.even_page_footer, even_footer if even_footer is not None else footer)
    if first_page_plain:
        section.different_first_page_header_footer = True
    _set_running(section.header, header)
    _set_running(section.footer, footer)
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    path.write_bytes(_deterministic_zip(buf.getvalue()))
    return path


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.2756, 841.8898          # A4 in points
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 85.0, 57.0, 62.0, 57.0
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
BODY_SIZE, BODY_LEAD, PARA_SPACE, INDENT = 13.0, 17.0, 8.0, 28.0
FN_SIZE, FN_LEAD, FN_NUM_SIZE, FN_NUM_RISE = 10.0, 12.5, 7.0, 3.5
REF_SIZE, REF_RISE = 8.0, 4.0
SEP_LEN, SEP_GAP = 130.0, 10.0               # footnote separator rule and space above the notes

FONT = {"text": "DejaVuSans", "bold": "DejaVuSans-Bold", "italic": "DejaVuSans-Oblique",
        "bolditalic": "DejaVuSans-BoldOblique"}


def _register_fonts() -> None:
    """Register DejaVu Sans from matplotlib's bundled fonts (Vietnamese coverage, no system font needed)."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name in FONT.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(ttf / f"{name}.ttf")))


@dataclass
class _Piece:
    text: str
    font: str
    size: float
    rise: float = 0.0
    ref: str | None = None        # footnote id when this piece is a reference


@dataclass
class _Line:
    words: list[list[_Piece]]
    x: float                      # left edge of the line box
    width: float                  # available width
    align: str                    # justify|left|center|last (justified paragraph's last line)
    lead: float
    space_before: float = 0.0
    refs: list[str] = field(default_factory=list)
    keep_with_next: bool = False


def _width(word: list[_Piece]) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return sum(stringWidth(p.text, p.font, p.size) for p in word)


def _words(text: str, font: str, size: float) -> list[list[_Piece]]:
    """Split item text into words of styled pieces; a ref sticks to the word before it."""
    words: list[list[_Piece]] = [[]]
    for kind, piece in split_runs(text):
        if kind == "ref":
            words[-1].append(_Piece(piece, FONT["text"], REF_SIZE, REF_RISE, ref=piece))
            continue
        f = FONT["italic"] if kind == "italic" else font
        parts = piece.split(" ")
        for j, part in enumerate(parts):
            if j > 0:
                words.append([])
            if part:
                words[-1].append(_Piece(part, f, size))
    return [w for w in words if w]


def _break(words, width: float, first_indent: float, x: float, align: str, lead: float,
           space_before: float, size: float) -> list[_Line]:
    """Greedy line breaking of words into lines of the given width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    space = stringWidth(" ", FONT["text"], size)
    lines: list[_Line] = []
    cur: list[list[_Piece]] = []
    cur_w = 0.0
    avail = width - first_indent
    for w in words:
        ww = _width(w)
        if cur and cur_w + space + ww > avail:
            lines.append(_Line(cur, x + (width - avail), avail, align, lead))
            cur, cur_w, avail = [], 0.0, width
        cur_w = cur_w + space + ww if cur else ww
        cur.append(w)
    if cur:
        lines.append(_Line(cur, x + (width - avail), avail, "last" if align == "justify" else align, lead))
    if lines:
        lines[0].space_before = space_before
    for ln in lines:
        ln.refs = [p.ref for w in ln.words for p in w if p.ref]
    return lines


def _layout_items(parsed: ParsedReport) -> list[_Line]:
    """All body lines of the report in order, with fonts, alignment and spacing."""
    out: list[_Line] = []
    for it in parsed.items:
        if it.kind == "table":
            continue                        # tables are a DOCX-only feature of the generator
        if it.kind == "header":
            out += _break(_words(it.text, FONT["text"], BODY_SIZE), TEXT_W, 0, MARGIN_L, "left",
                          BODY_LEAD, PARA_SPACE, BODY_SIZE)
        elif it.kind in {"title", "signature"}:
            x, w = (MARGIN_L, TEXT_W) if it.kind == "title" else (MARGIN_L + TEXT_W / 2, TEXT_W / 2)
            for j, ln in enumerate(it.text.split("\n")):
                out += _break(_words(ln, FONT["bold"], BODY_SIZE), w, 0, x, "center", BODY_LEAD,
                              (PARA_SPACE * 2 if j == 0 else 0), BODY_SIZE)
        elif it.kind == "signer":
            out += _break(_words(it.text, FONT["bold"], BODY_SIZE), TEXT_W / 2, 0, MARGIN_L + TEXT_W / 2,
                          "center", BODY_LEAD, 50, BODY_SIZE)
        elif it.kind == "heading":
            lines = _break(_words(it.text, FONT["bold"], BODY_SIZE), TEXT_W, INDENT, MARGIN_L, "left",
                           BODY_LEAD, PARA_SPACE, BODY_SIZE)
            for ln in lines:
                ln.keep_with_next = True
            out += lines
        elif it.kind == "recipients_label":
            out += _break(_words(it.text, FONT["bolditalic"], 12), TEXT_W, 0, MARGIN_L, "left", 15,
                          PARA_SPACE * 2, 12)
        elif it.kind == "recipient":
            out += _break(_words(it.text, FONT["text"], 11), TEXT_W / 2, 0, MARGIN_L, "left", 13.5, 0, 11)
        else:
            out += _break(_words(it.text, FONT["text"], BODY_SIZE), TEXT_W, INDENT, MARGIN_L, "justify",
                          BODY_LEAD, PARA_SPACE, BODY_SIZE)
    return out


def _footnote_lines(fid: str, text: str, numbered: bool) -> list[_Line]:
    """Lines of one footnote part at 10pt; the first part starts with a raised number."""
    words = _words(text, FONT["text"], FN_SIZE)
    if numbered:
        words.insert(0, [_Piece(fid, FONT["text"], FN_NUM_SIZE, FN_NUM_RISE)])
    return _break(words, TEXT_W, 0, MARGIN_L, "justify", FN_LEAD, 0, FN_SIZE)


def _draw_line(c, line: _Line, baseline: float) -> None:
    """Draw one line word by word (justified lines spread the extra space over the gaps)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    size = max(p.size for w in line.words for p in w if p.ref is None) if any(
        p.ref is None for w in line.words for p in w) else BODY_SIZE
    space = stringWidth(" ", FONT["text"], size)
    widths = [_width(w) for w in line.words]
    natural = sum(widths) + space * (len(widths) - 1)
    gap = space
    x = line.x
    if line.align == "justify" and len(widths) > 1:
        gap = space + (line.width - natural) / (len(widths) - 1)
    elif line.align == "center":
        x = line.x + (line.width - natural) / 2
    for w, ww in zip(line.words, widths):
        px = x
        for p in w:
            c.setFont(p.font, p.size)
            c.drawString(px, baseline + p.rise, p.text)
            px += stringWidth(p.text, p.font, p.size)
        x += ww + gap


def _paginate(parsed: ParsedReport, force_footnote_split: bool):
    """Place body lines on pages, keeping each footnote at the foot of the page citing it.

    Returns a list of pages, each ``(body_lines, foot_lines)``.  With
    ``force_footnote_split`` a footnote printed in several parts in the source
    is split at those part boundaries (rest carried to the next page's foot);
    otherwise a footnote is split only when it does not fit.
    """
    body = _layout_items(parsed)
    fn_parts: dict[str, list[list[_Line]]] = {}
    for fid, parts in parsed.footnotes.items():
        if force_footnote_split:
            fn_parts[fid] = [_footnote_lines(fid, p, j == 0) for j, p in enumerate(parts)]
        else:
            fn_parts[fid] = [_footnote_lines(fid, " ".join(parts), True)]
    avail = PAGE_H - MARGIN_T - MARGIN_B

    def foot_h(lines: list[_Line]) -> float:
        return SEP_GAP + FN_LEAD * len(lines) if lines else 0.0

    pages = []
    carry: list[_Line] = []
    i = 0
    while i < len(body) or carry:
        foot = carry[: max(1, int((avail / 2) // FN_LEAD))]
        carry = carry[len(foot):]
        used, page_body = 0.0, []
        while i < len(body):
            ln = body[i]
            h = ln.lead + (ln.space_before if page_body else 0)
            new_here: list[_Line] = []
            new_carry: list[_Line] = []
            for fid in ln.refs:
                parts = fn_parts.get(fid, [])
                if parts:
                    new_here += parts[0]
                    for rest in parts[1:]:
                        new_carry += rest
            extra = 0.0
            if carry and ln.refs and page_body:
                break                       # a note was split here: later notes go to the next page
            if ln.keep_with_next and i + 1 < len(body):
                extra = body[i + 1].lead + body[i + 1].space_before
            if used + h + extra + foot_h(foot + new_here) <= avail:
                pass
            elif new_here and used + h + foot_h(foot + new_here[:2]) <= avail and page_body:
                # natural split: as many footnote lines as fit, the rest continues on the next page
                k = 2
                while k < len(new_here) and used + h + foot_h(foot + new_here[: k + 1]) <= avail:
                    k += 1
                new_carry = new_here[k:] + new_carry
                new_here = new_here[:k]
            elif page_body:
                break
            page_body.append((ln, used + (ln.space_before if page_body else 0)))
            used += h
            foot += new_here
            carry += new_carry
            i += 1
        pages.append((page_body, foot))
    return pages


def render_pdf(text: str, path: str | Path, force_footnote_split: bool = True,
               running_footer: str | None = None) -> Path:
    """Render report text to an A4 PDF with page-foot footnotes and page numbers in the top margin.

    ``running_footer`` adds the same line at the bottom of every page (to test
    running header/footer removal).
    """
    from reportlab.pdfgen import canvas

    _register_fonts()
    parsed = parse_report(text, table=False)
    pages = _paginate(parsed, force_footnote_split)
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(parsed.items[0].text.replace("\n", " ") if parsed.items else "")
    for n, (body, foot) in enumerate(pages, start=1):
        if n > 1:
            c.setFont(FONT["text"], 12)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 36, str(n))
        if running_footer:
            c.setFont(FONT["italic"], 9)
            c.drawCentredString(PAGE_W / 2, 28, running_footer)
        top = PAGE_H - MARGIN_T
        for ln, offset in body:
            _draw_line(c, ln, top - offset - ln.lead + 4)
        if foot:
            y = MARGIN_B + FN_LEAD * len(foot)
            c.setLineWidth(0.5)
            c.line(MARGIN_L, y + SEP_GAP - 3, MARGIN_L + SEP_LEN, y + SEP_GAP - 3)
            for k, ln in enumerate(foot):
                _draw_line(c, ln, y - FN_LEAD * (k + 1) + 3)
        c.showPage()
    c.save()
    return path


def render_image_pdf(path: str | Path, pages: int = 2) -> Path:
    """A PDF with shapes only and no text layer, like a scan (the loader must ask for OCR)."""
    from reportlab.pdfgen import canvas

    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for n in range(pages):
        c.setFillGray(0.85)
        c.rect(MARGIN_L, MARGIN_B, TEXT_W, PAGE_H - MARGIN_T - MARGIN_B, fill=1, stroke=0)
        c.setFillGray(0.3)
        for k in range(30):
            c.rect(MARGIN_L + 10, PAGE_H - MARGIN_T - 30 - k * 22, TEXT_W - 20 - (k % 4) * 40, 9, fill=1, stroke=0)
        c.circle(PAGE_W / 2, PAGE_H - 40, 10 + n, fill=0)
        c.showPage()
    c.save()
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Render a plain-text report to DOCX/PDF test fixtures.")
    ap.add_argument("input", type=Path)
    ap.add_argument("--docx", type=Path)
    ap.add_argument("--no-table", action="store_true", help="do not embed the sample table in the DOCX")
    ap.add_argument("--pdf", type=Path)
    ap.add_argument("--image-pdf", type=Path)
    args = ap.parse_args(argv)
    text = args.input.read_text(encoding="utf-8")
    if args.docx:
        render_docx(text, args.docx, table=not args.no_table)
    if args.pdf:
        render_pdf(text, args.pdf)
    if args.image_pdf:
        render_image_pdf(args.image_pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
