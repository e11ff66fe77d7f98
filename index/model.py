"""Data shapes shared by loaders, the structure parser and the chunker.

Loaders turn a file into a flat list of `Block`s in reading order *as printed*
(body paragraphs, page-foot footnotes, page breaks).  The structure parser
(`index.structure`) turns those blocks into a `Report`: header metadata,
section tree, body paragraphs re-joined across page breaks, and footnotes
attached to the paragraphs that cite them.  The chunker turns a `Report`
into `Chunk`s.

Footnote references inside block text are written either as the canonical
inline marker ``[^N]`` (DOCX and PDF loaders know a reference for sure) or as
raw Unicode superscript digits (plain text extracted from a PDF/Word file),
which the parser resolves against the footnote bodies it finds.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds
PARA = "para"            # a body paragraph (or a line group such as a title)
HEADING = "heading"      # a paragraph the source itself marks as a heading (DOCX heading style)
FOOTNOTE = "footnote"    # a footnote body (page-foot text, or a DOCX footnote)
TABLE_ROW = "table_row"  # one table row rendered as text, cells joined by " | "
PAGE_BREAK = "page_break"  # an explicit page break (form feed, PDF page end)


@dataclass
class Block:
    """One paragraph-like unit as the source prints it."""

    text: str
    kind: str = PARA
    page: int | None = None
    # heading level when the source says so (DOCX "Heading 2" -> 2); None = unknown
    level: int | None = None
    # for FOOTNOTE blocks: the footnote's number/label as printed ("4");
    # None with `continues=True` for a footnote that carries on from the previous page
    footnote_id: str | None = None
    continues: bool = False


@dataclass
class LoadedDocument:
    """What a loader returns: blocks plus what the loader knows for sure."""

    source: str                     # file name as shown to users ("langson_ktxh_2023-01.txt")
    blocks: list[Block]
    fmt: str                        # "txt" | "md" | "docx" | "pdf"
    has_pages: bool = False         # True when Block.page numbers are real
    # True when footnote markers in the text are explicit "[^N]" markers
    explicit_markers: bool = False
    # what the loader changed or doubts, for ingest to tell the user ("Vietnamese (English)")
    notes: list[str] = field(default_factory=list)
    # legacy encoding the text was converted from: "tcvn3" | "vni" | "cp1258"; None = Unicode source
    converted_from: str | None = None
    ocr: bool = False                   # the text was read by OCR from page images
    # OCR: mean word confidence (0-100) per page number, and the pages under the confidence floor
    page_confidence: dict[int, float] = field(default_factory=dict)
    low_confidence_pages: list[int] = field(default_factory=list)


@dataclass
class Paragraph:
    """A body paragraph re-joined across page breaks, with its section path."""

    text: str                       # body text, footnote markers removed
    section_path: list[str]
    page: int | None
    footnote_ids: list[str] = field(default_factory=list)
    kind: str = "body"              # "body" | "task" | "recipients" | "signature" | "table"
    item: str | None = None         # task number for items of a NHIỆM VỤ list ("4")


@dataclass
class Footnote:
    id: str
    text: str
    page: int | None = None


@dataclass
class ReportMeta:
    """What a report is.  Issuer, level, province, period and plan fields come from
    `index.metadata.derive_metadata`; empty / None means unknown (never "no"), and `detected` says
    where each known field was read ("header" | "title" | "body" | "filename" | "user")."""

    title: str = ""
    period: str = ""                # "tháng 01/2023", "quý I/2023", "6 tháng đầu năm 2023", "năm 2023"
    period_kind: str = ""           # "month" | "quarter" | "half" | "year" | ""
    year: int | None = None
    month: int | None = None
    quarter: int | None = None
    plan_period: str = ""           # the period whose tasks the report sets ("tháng 02/2023")
    plan_month: int | None = None
    plan_year: int | None = None
    province: str = ""              # canonical name (index.places); a district's report: its province
    issuer: str = ""                # "UBND tỉnh Lạng Sơn", "Sở Tài chính tỉnh Nghệ An", "Cục Thống kê tỉnh ..."
    superior: str = ""              # the body above the issuer in the header ("UBND huyện Lục Ngạn"), or ""
    number: str = ""                # "Số: 12/BC-UBND" as written, or "" when blank
    date: str = ""                  # "ngày 30 tháng 01 năm 2023" as written
    signer: str = ""                # "Dương Xuân Huyền"
    signer_title: str = ""          # "PHÓ CHỦ TỊCH"
    level: str = ""                 # tinh | huyen | xa | so | cuc_thong_ke | bo | khac | "" (unknown)
    half: int | None = None         # 1 | 2 for a half-year report ("6 tháng đầu năm")
    cumulative_months: int | None = None   # figures from January over this many months ("10 tháng năm 2023")
    plan_kind: str = ""             # "month" | "quarter" | "half" | "year" | ""
    plan_quarter: int | None = None
    plan_half: int | None = None
    detected: dict[str, str] = field(default_factory=dict)   # field -> where it was read


@dataclass
class Report:
    source: str
    meta: ReportMeta
    paragraphs: list[Paragraph]
    footnotes: dict[str, Footnote]
    has_pages: bool = False


@dataclass
class Chunk:
    chunk_id: str
    source: str
    title: str
    period: str
    section_path: list[str]
    text: str                       # header + body (+ cited footnotes): embedded and cited
    body: str                       # body text alone
    footnotes: list[str]            # cited footnote texts ("4. Trong đó: ...")
    page: int | None
    ordinal: int
    doc_sha: str
    kind: str = "body"
    footnote_citers: list[str] = field(default_factory=list)   # per footnote: the body text that cites it
