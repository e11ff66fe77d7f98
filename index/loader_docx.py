"""Load a Word (.docx) report into `Block`s.

Why not python-docx alone: it ignores footnotes, repeats merged table cells
and hides the order of paragraphs and tables.  We use python-docx to open the
package (parts, relationships, styles) and walk the body XML with lxml.

Output, in body order:
- paragraphs -> PARA, or HEADING with ``level`` when the paragraph style is a
  heading style ("Heading N", localised names such as "Tiêu đề N", or an
  outline level set on the paragraph or its style chain);
- table rows -> TABLE_ROW, cells joined by " | " (gridSpan/vMerge continuation
  cells are not repeated; nested tables are flattened into their cell);
- footnote references -> "[^N]" at the reference point, N being the printed
  number (Word numbers footnotes by order of first reference);
- footnote bodies from word/footnotes.xml -> FOOTNOTE blocks emitted right
  after the block that first cites them, so the parser attaches them to the
  right section.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

from index.errors import LoaderError
from index.legacy_encodings import LABELS, convert_font_text, font_encoding
from index.model import FOOTNOTE, HEADING, PARA, TABLE_ROW, Block, LoadedDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# "Heading 2", "heading 2", "Tiêu đề 2", "Đầu đề 2", "Überschrift 2", "Titre 2", ...
_HEADING_NAME = re.compile(
    r"^(?:heading|tiêu\s*đề|tieu\s*de|đầu\s*đề|dau\s*de|überschrift|titre|título|titulo|titolo|kop|"
    r"nagłówek|заголовок|rubrik|otsikko|overskrift)\s*([1-9])$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SKIP_SUBTREES = {f"{{{MC}}}Fallback", _q("del"), _q("moveFrom"), _q("txbxContent"), _q("pPr"), _q("rPr"),
                  _q("instrText"), _q("delInstrText")}


def clean_text(text: str) -> str:
    """NFC, collapse spaces, strip each line, drop empty lines."""
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


class _Styles:
    """Heading level of a paragraph style, following basedOn chains."""

    def __init__(self, styles_root):
        self.by_id: dict[str, etree._Element] = {}
        if styles_root is not None:
            for st in styles_root.iter(_q("style")):
                sid = st.get(_q("styleId"))
                if sid:
                    self.by_id[sid] = st
        self._cache: dict[str, int | None] = {}
        self._fonts: dict[str, str | None] = {}
        self.default_font = None
        self.default_para_style = next((sid for sid, st in self.by_id.items()
                                        if st.get(_q("type")) == "paragraph" and st.get(_q("default")) in ("1", "true")),
                                       None)
        if styles_root is not None:
            defaults = styles_root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}")
            self.default_font = _rfonts(defaults)

    def font(self, style_id: str | None, depth: int = 0) -> str | None:
        """The font a style sets for Latin text (its own or through basedOn), or None."""
        if not style_id or depth > 10:
            return None
        if style_id not in self._fonts:
            st = self.by_id.get(style_id)
            font = None
            if st is not None:
                font = _rfonts(st.find(_q("rPr")))
                based = st.find(_q("basedOn"))
                if font is None and based is not None:
                    font = self.font(based.get(_q("val")), depth + 1)
            self._fonts[style_id] = font
        return self._fonts[style_id]

    def level(self, style_id: str | None) -> int | None:
        if not style_id:
            return None
        if style_id not in self._cache:
            self._cache[style_id] = self._level(style_id, 0)
        return self._cache[style_id]

    def _level(self, style_id: str, depth: int) -> int | None:
        st = self.by_id.get(style_id)
        candidates = [style_id]
        if st is not None:
            name = st.find(_q("name"))
            if name is not None and name.get(_q("val")):
                candidates.insert(0, name.get(_q("val")))
        for cand in candidates:
            cand = unicodedata.normalize("NFC", cand).strip()
            m = _HEADING_NAME.match(cand) or _HEADING_NAME.match(re.sub(r"(\D)(\d)$", r"\1 \2", cand))
            if m:
                return int(m.group(1))
        if st is None or depth > 10:
            return None
        lvl = _outline_level(st.find(_q("pPr")))
        if lvl is not None:
            return lvl
        based = st.find(_q("basedOn"))
        if based is not None and based.get(_q("val")):
            return self._level(based.get(_q("val")), depth + 1)
        return None


def _rfonts(rpr) -> str | None:
    """The Latin font named by a w:rPr (w:hAnsi covers the bytes legacy fonts use, then w:ascii)."""
    if rpr is None:
        return None
    rf = rpr.find(_q("rFonts"))
    if rf is None:
        return None
    return rf.get(_q("hAnsi")) or rf.get(_q("ascii"))


def _style_val(pr, tag: str) -> str | None:
    if pr is None:
        return None
    el = pr.find(_q(tag))
    return None if el is None else el.get(_q("val"))


def _outline_level(ppr) -> int | None:
    """w:outlineLvl 0..8 -> heading level 1..9 (9 means body text)."""
    if ppr is None:
        return None
    ol = ppr.find(_q("outlineLvl"))
    if ol is None:
        return None
    try:
        val = int(ol.get(_q("val"), "9"))
    except ValueError:
        return None
    return val + 1 if 0 <= val <= 8 else None


class _Reader:
    """Walks the body, numbering footnotes by first reference."""

    def __init__(self, footnote_bodies: dict[str, str], styles: _Styles):
        self.bodies = footnote_bodies          # Word w:id -> text
        self.styles = styles
        self.number: dict[str, str] = {}       # Word w:id -> printed number
        self.blocks: list[Block] = []
        self.pending: list[str] = []           # w:ids first cited by the block being built
        self.para_font: str | None = None      # font of the paragraph being read (style or default)
        self.converted: set[str] = set()       # legacy encodings met in runs ("tcvn3", "vni")

    def ref(self, wid: str) -> str:
        if wid not in self.number:
            self.number[wid] = str(len(self.number) + 1)
            self.pending.append(wid)
        return f"[^{self.number[wid]}]"

    def inline_text(self, el) -> str:
        """Text of a paragraph (or any container) in document order, refs as [^N]."""
        out: list[str] = []
        if el.tag == _q("p"):
            style = _style_val(el.find(_q("pPr")), "pStyle") or self.styles.default_para_style
            self.para_font = self.styles.font(style) or self.styles.default_font
        self._collect(el, out)
        return "".join(out)

    def _run(self, r, out: list[str]) -> None:
        """A run's text; a run set in a legacy font (.VnTime, VNI-Times) is converted to Unicode."""
        rpr = r.find(_q("rPr"))
        font = _rfonts(rpr) or self.styles.font(_style_val(rpr, "rStyle")) or self.para_font
        enc = font_encoding(font)
        if enc is None:
            self._collect(r, out)
            return
        pieces: list[str] = []
        self._collect(r, pieces)
        text = "".join(pieces)
        converted = convert_font_text(text, font)
        if converted != text:
            self.converted.add(enc[0])
        out.append(converted)

    def _collect(self, el, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
                continue
            if tag == _q("r"):
                self._run(child, out)
            elif tag == _q("t"):
                out.append(child.text or "")
            elif tag == _q("tab") or tag == _q("ptab"):
                out.append(" ")
            elif tag in (_q("br"), _q("cr")):
                if child.get(_q("type")) not in ("page", "column"):
                    out.append("\n")
                else:
                    out.append(" ")
            elif tag == _q("noBreakHyphen"):
                out.append("-")
            elif tag == _q("footnoteReference"):
                wid = child.get(_q("id"))
                if wid is not None and wid in self.bodies:
                    out.append(self.ref(wid))
            elif tag == _q("tbl"):
                continue                        # tables inside paragraphs do not occur in valid files
            else:
                self._collect(child, out)

    def emit(self, block: Block) -> None:
        """Add a block, then the footnotes it cites for the first time."""
        self.blocks.append(block)
        self.flush_footnotes()

    def flush_footnotes(self) -> None:
        for wid in self.pending:
            text = clean_text(self.bodies.get(wid, "")).replace("\n", " ")
            self.blocks.append(Block(text=text, kind=FOOTNOTE, footnote_id=self.number[wid]))
        self.pending = []

    # -- body walk ---------------------------------------------------------
    def walk(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == _q("p"):
                self.paragraph(child)
            elif tag == _q("tbl"):
                self.table(child)
            elif tag in (_q("sdt"), _q("customXml")):
                content = child.find(_q("sdtContent")) if tag == _q("sdt") else child
                if content is not None:
                    self.walk(content)

    def paragraph(self, p) -> None:
        text = clean_text(self.inline_text(p))
        if not text:
            self.flush_footnotes()
            return
        ppr = p.find(_q("pPr"))
        level = None
        if ppr is not None:
            ps = ppr.find(_q("pStyle"))
            level = _outline_level(ppr)
            if level is None and ps is not None:
                level = self.styles.level(ps.get(_q("val")))
        if level is not None:
            self.emit(Block(text=text, kind=HEADING, level=level))
        else:
            self.emit(Block(text=text, kind=PARA))

    def cell_text(self, tc) -> str:
        """A cell's paragraphs joined by a space; nested tables flattened ("a, b; c, d")."""
        parts: list[str] = []
        for child in tc:
            if child.tag == _q("p"):
                parts.append(clean_text(self.inline_text(child)).replace("\n", " "))
            elif child.tag == _q("tbl"):
                rows = []
                for tr in _rows(child):
                    cells = [self.cell_text(c) for c in _cells(tr) if not _is_vmerge_continue(c)]
                    cells = [c for c in cells if c]
                    if cells:
                        rows.append(", ".join(cells))
                parts.append("; ".join(rows))
            elif child.tag in (_q("sdt"), _q("customXml")):
                content = child.find(_q("sdtContent")) if child.tag == _q("sdt") else child
                if content is not None:
                    parts.append(self.cell_text(content))
        return " ".join(p for p in parts if p)

    def table(self, tbl) -> None:
        for tr in _rows(tbl):
            cells = ["" if _is_vmerge_continue(tc) else self.cell_text(tc) for tc in _cells(tr)]
            if any(cells):
                self.emit(Block(text=" | ".join(cells), kind=TABLE_ROW))
            else:
                self.flush_footnotes()


def _rows(tbl):
    for child in tbl:
        if child.tag == _q("tr"):
            yield child
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from (c for c in content if c.tag == _q("tr"))


def _cells(tr):
    for child in tr:
        if child.tag == _q("tc"):
            yield child
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from (c for c in content if c.tag == _q("tc"))


def _is_vmerge_continue(tc) -> bool:
    """A cell continuing a vertical merge (w:vMerge without val="restart") repeats the cell above."""
    tcpr = tc.find(_q("tcPr"))
    if tcpr is None:
        return False
    vm = tcpr.find(_q("vMerge"))
    return vm is not None and vm.get(_q("val"), "continue") != "restart"


def _footnote_bodies(document, styles: _Styles, converted: set[str]) -> dict[str, str]:
    """Word w:id -> text of each real footnote (separator notes skipped, the auto number dropped)."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype == RT_FOOTNOTES and not rel.is_external:
            part = rel.target_part
            break
    if part is None:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(part.blob, parser)
    reader = _Reader({}, styles)
    reader.converted = converted
    bodies: dict[str, str] = {}
    for fn in root.iter(_q("footnote")):
        if fn.get(_q("type")) not in (None, "normal"):
            continue
        wid = fn.get(_q("id"))
        paras = [reader.inline_text(p) for p in fn.iter(_q("p"))]
        bodies[wid] = " ".join(clean_text(t).replace("\n", " ") for t in paras if clean_text(t))
    return bodies


def _count_text(zf: zipfile.ZipFile, name: str, max_chars: int) -> None:
    """Stream the text nodes of the document and footnotes parts; raise as soon as they pass `max_chars`.

    Why a pre-pass: python-docx parses the whole part into memory before the
    walk could count anything; iterparse stops at the limit instead.
    """
    from index.errors import too_many_chars

    members = set(zf.namelist())
    main = "word/document.xml"
    try:
        rels = etree.fromstring(zf.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
        for rel in rels:
            if (rel.get("Type") or "").endswith("/officeDocument"):
                main = (rel.get("Target") or main).lstrip("/")
    except (KeyError, etree.XMLSyntaxError):
        pass
    total = 0
    for part in (main, "word/footnotes.xml"):
        if part not in members:
            continue
        with zf.open(part) as fh:
            for _, el in etree.iterparse(fh, events=("end",), tag=_q("t"), resolve_entities=False,
                                         no_network=True):
                total += len(el.text or "")
                el.clear()
                if total > max_chars:
                    raise too_many_chars(name, max_chars)


def load_docx(path: Path, source: str, max_chars: int | None = None) -> LoadedDocument:
    """Read a .docx into blocks (fmt "docx", no page numbers, explicit [^N] markers).

    ``max_chars``: refuse the file as soon as its text passes this many characters.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise LoaderError(f"Không tìm thấy tệp DOCX / DOCX file not found: {name}")
    if not zipfile.is_zipfile(path):
        raise LoaderError(f"Tệp DOCX bị hỏng hoặc không phải DOCX (không phải tệp zip) / "
                          f"corrupt or not a DOCX file (not a zip archive): {name}")
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            if bad is None and max_chars is not None:
                _count_text(zf, name, max_chars)
        if bad is not None:
            raise zipfile.BadZipFile(f"bad CRC for {bad}")
        document = docx.Document(str(path))
        styles_root = None
        try:
            styles_root = document.styles.element
        except Exception:  # a package without a styles part is still readable
            styles_root = None
        styles = _Styles(styles_root)
        converted: set[str] = set()
        reader = _Reader(_footnote_bodies(document, styles, converted), styles)
        reader.converted = converted
        reader.walk(document.element.body)
    except LoaderError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError, ValueError, OSError,
            EOFError) as exc:
        raise LoaderError(f"Tệp DOCX bị hỏng hoặc không đọc được / corrupt or unreadable DOCX file: "
                          f"{name} ({type(exc).__name__}: {exc})") from exc
    # footnotes never cited in the body: keep them, numbered after the cited ones
    for wid in reader.bodies:
        if wid not in reader.number:
            reader.ref(wid)
    reader.flush_footnotes()
    legacy = sorted(reader.converted)
    return LoadedDocument(source=source, blocks=reader.blocks, fmt="docx", has_pages=False,
                          explicit_markers=True, converted_from=legacy[0] if legacy else None,
                          notes=[_conversion_note(e) for e in legacy])


def _conversion_note(encoding: str) -> str:
    label = LABELS[encoding]
    return f"đã chuyển mã các đoạn phông {label} sang Unicode (runs in {label} fonts converted to Unicode)"
