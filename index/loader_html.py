"""Load a report published as a web page (.html/.htm from a provincial portal) into `Block`s.

Why not the page's whole text: a portal page wraps the report in menus,
breadcrumbs, sidebars of other news, share buttons and a footer, all of
which would be indexed as if the report said them.  So:

1. decode (BOM, <meta charset>, UTF-8, else the legacy Vietnamese encodings);
2. drop what is never content: scripts, styles, forms, iframes, <nav>,
   <aside>, page <header>/<footer>, ARIA navigation/banner/contentinfo
   landmarks, and elements whose id/class names a menu, sidebar, footer,
   breadcrumb, share bar, related-news list, comment box or cookie banner;
3. pick the article: the <article>/<main>/[role=main] with most text, else
   the element collecting the most paragraph text (a paragraph counts fully
   for its parent, half for its grandparent), link-heavy text discounted;
4. walk it in order: <h2>-<h6> -> HEADING (level 1-5), <h1> and other blocks
   -> PARA (<br> kept as a line break), each table row -> TABLE_ROW "a | b | c";
   <sup>1</sup> footnote references (and Word's "[1]" footnote anchors) become
   superscript digits, which the structure parser resolves like plain text.

lxml's HTML parser is used (already a dependency through python-docx); it
never fetches anything the page links to.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from index.errors import LoaderError
from index.model import HEADING, PARA, TABLE_ROW, Block, LoadedDocument

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form",
              "button", "input", "select", "textarea", "nav", "aside", "menu", "dialog", "map", "video",
              "audio", "head", "title", "link", "meta"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
               "alert"}
_JUNK = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu|topmenu|submenu|sidebar|side-bar|widget|footer|"
    r"breadcrumbs?|share|social|sharing|related|relate|tinlienquan|tin-lien-quan|othernews|other-news|"
    r"comments?|binhluan|cookie|banner|advert|ads|quangcao|login|search|timkiem|pagination|pager|tags?|"
    r"print|toolbar|hotline|copyright|top-bar|topbar|header-top|logo)(?:$|[\s_-])", re.IGNORECASE)
_MAIN_HINT = re.compile(r"(?:^|[\s_-])(?:content|article|post|entry|detail|noidung|chitiet|news-body|"
                        r"body-text|main)(?:$|[\s_-])", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
               "figure", "figcaption", "center", "header", "footer", "address", "hr", "fieldset", "details",
               "summary", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "tbody", "thead",
               "tfoot", "caption"}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTE_REF = re.compile(r"^\[?\s*(\d{1,3})\s*\]?$")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, path: Path) -> tuple[str, str | None]:
    """(text, legacy encoding or None): BOM, then <meta charset>, then UTF-8, then legacy Vietnamese."""
    from index.decoding import decode_text_encoding

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text_encoding(data, path)
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "ascii"):
            return unicodedata.normalize("NFC", data.decode(codec, errors="replace")), None
    return decode_text_encoding(data, path)


def _classes(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _is_junk(el, page_chars: int) -> bool:
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if not _JUNK.search(_classes(el)):
        return False
    # a class name is only a hint: never drop a wrapper holding most of the page's prose
    n = _text_len(el)
    return not (n > 0.5 * page_chars and _link_len(el) < 0.3 * n)


def _strip_junk(root) -> None:
    """Remove non-content subtrees in place (page-level header/footer too, not those inside an article)."""
    page_chars = _text_len(root)
    for el in list(root.iter()):
        if el.getparent() is None:
            continue
        if not isinstance(el.tag, str):                      # comments, processing instructions
            el.drop_tree()
        elif el.tag in ("header", "footer") and not any(a.tag in ("article", "main") for a in el.iterancestors()):
            el.drop_tree()
        elif _is_junk(el, page_chars):
            el.drop_tree()


def _text_len(el) -> int:
    return len(_SPACES.sub(" ", el.text_content()).strip())


def _link_len(el) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _main_content(root):
    """The element holding the article (see the module docstring)."""
    landmarks = [el for el in root.iter("article", "main") if _text_len(el) > 0]
    landmarks += [el for el in root.iter() if isinstance(el.tag, str) and (el.get("role") or "").lower() == "main"]
    if landmarks:
        return max(landmarks, key=lambda el: _text_len(el) - _link_len(el))
    scores: dict = {}
    for p in root.iter("p", "td", "pre", "li", "h2", "h3", "h4"):
        n = _text_len(p) - _link_len(p)
        if n < 20:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + n
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + n / 2
    for el in list(scores):
        if _MAIN_HINT.search(_classes(el)):
            scores[el] *= 1.25
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=scores.get)


_FOOTNOTE_BOX = re.compile(r"^_?ftn\d+$|footnote", re.IGNORECASE)


def _footnote_boxes(root, main) -> list:
    """Footnote bodies the page keeps outside the article (Word's "Save as web page" puts them after it)."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or main in el.iterancestors() or el is main:
            continue
        names = f"{el.get('id', '')} {el.get('class', '')} {el.get('style', '')}"
        if (_FOOTNOTE_BOX.search(el.get("id", "")) or "footnote" in names.lower()) and \
                not any(a in found for a in el.iterancestors()) and el not in main.iterancestors():
            found.append(el)
    return found


class _Walker:
    """Document-order walk producing blocks; inline text accumulates until a block boundary."""

    def __init__(self, max_chars: int | None = None, name: str = ""):
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.chars = 0
        self.depth = 0                                   # > 0 while reading a cell or heading as one line
        self.max_chars = max_chars
        self.name = name

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        if text:
            self.add(Block(text, PARA))

    def add(self, block: Block) -> None:
        self.chars += len(block.text)
        if self.max_chars is not None and self.chars > self.max_chars:
            from index.errors import too_many_chars
            raise too_many_chars(self.name, self.max_chars)
        self.blocks.append(block)

    def inline(self, el) -> str:
        """Text of an element as one line (cells, headings), references as superscripts."""
        saved, self.buf = self.buf, []
        self.depth += 1
        self._inline_children(el)
        self.depth -= 1
        text, self.buf = "".join(self.buf), saved
        return _SPACES.sub(" ", text).strip()

    def _inline_children(self, el) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.node(child)
            if child.tail:
                self.buf.append(child.tail)

    def node(self, el) -> None:
        tag = el.tag
        if tag == "br":
            self.buf.append(" " if self.depth else "\n")
        elif tag == "sup" or "footnotereference" in (el.get("class") or "").lower():
            ref = _FOOTNOTE_REF.match(el.text_content().strip())
            if ref:
                self.buf.append(ref.group(1).translate(_SUP))
            else:
                self._inline_children(el)
        elif self.depth:                                 # inside a cell or heading: all inline
            spaced = tag in _BLOCK_TAGS
            self.buf.append(" " if spaced else "")
            self._inline_children(el)
            self.buf.append(" " if spaced else "")
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            self.flush()
            text = self.inline(el)
            if text:
                self.add(Block(text, HEADING, level=int(tag[1]) - 1))
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag in _BLOCK_TAGS:
            self.flush()
            self._inline_children(el)
            self.flush()
        else:
            self._inline_children(el)

    def table(self, tbl) -> None:
        for tr in tbl.iter("tr"):
            if next(tr.iterancestors("table"), None) is not tbl:
                continue                                 # a nested table's row: read inside its cell
            cells = [self.inline(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            if any(cells):
                self.add(Block(" | ".join(cells), TABLE_ROW))


def load_html(path: Path, source: str, max_chars: int | None = None) -> LoadedDocument:
    """Read a saved web page: the article's headings, paragraphs and table rows (fmt "html")."""
    import lxml.html
    from lxml import etree

    path = Path(path)
    data = path.read_bytes()
    text, legacy = decode_html(data, path)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise LoaderError(f"{path.name}: trang HTML không đọc được (unreadable HTML: {exc})") from None
    _strip_junk(root)
    main = _main_content(root)
    walker = _Walker(max_chars, path.name)
    title = next((h for h in root.iter("h1") if main not in h.iterancestors()), None)
    if title is not None:                                # the article's title, printed above its body
        walker.node(title)
    walker.node(main) if main.tag in _BLOCK_TAGS else walker._inline_children(main)
    walker.flush()
    for box in _footnote_boxes(root, main):
        walker.node(box)
        walker.flush()
    from index.decoding import conversion_note
    return LoadedDocument(source=source, blocks=walker.blocks, fmt="html", has_pages=False,
                          explicit_markers=False, converted_from=legacy,
                          notes=[conversion_note(legacy)] if legacy else [])
