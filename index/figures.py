"""Figure extraction for the journalists' "figure search" table.

A report sentence such as

    Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt
    250 triệu USD, đạt 6,6% kế hoạch, tăng 108,3% so với cùng kỳ

states one figure (250 triệu USD) about one metric, followed by comparison
phrases.  Journalists search these as rows: value, unit, metric, comparison,
sentence.  This module turns sentences into such rows with shallow,
explainable heuristics over the number mentions of :mod:`index.numbers`.

Rules, and why:

* The sentence is cut into *segments* at ``, ; : ( )`` (not at a decimal
  comma).  A figure's **metric** is the text before it in its segment, with
  connectors ("trong đó", "và") and verbs of reporting ("ước đạt", "là",
  "khoảng") trimmed: Vietnamese states the metric first.
* When that leaves nothing, the metric falls back, in order, to: the label
  before a colon ("đàn lợn: 179.600 con"), the noun phrase after the unit
  ("2.128 ha rau" -> "rau"), the metric of the previous figure in a list
  ("làm rõ 23 vụ, 30 đối tượng"), or the preceding segment ("tổng mức lưu
  chuyển..., ước đạt 2.187 tỷ đồng").
* A percentage (or a "tăng/giảm N" delta) whose segment starts with a
  comparison verb (tăng, giảm, đạt, bằng, ...) is a **comparison** of the
  previous figure, not a figure of its own.  Number-less phrases such as
  "bằng cùng kỳ năm trước" or "tương đương cùng kỳ" attach the same way.
  Comparisons are joined with "; ".
* A standalone percentage ("tỷ lệ khám phá án đạt 93,33%") is a figure; a
  share ("chiếm tỷ lệ 8,92%", "(chiếm 25,17%)") is a figure whose metric is
  "tỷ lệ " + the previous figure's metric.
* Dates, document numbers, years, section numbers, ordinals ("lần thứ 15",
  "đợt 1", "Quốc lộ 18") and numbers that end a proper name ("Hồ Sơn 1") are
  skipped.
* Ratios ("08/10 xã") are kept as figures: value = numerator (8), the
  denominator in ``denominator``, ``value_high`` None, unit "xã".  Journalists
  quote the numerator ("8 xã đạt chuẩn") and the denominator is context.
  The idiom "24/24 giờ" (around the clock) is skipped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from index.numbers import (
    KIND_NUMBER,
    KIND_PERCENT,
    KIND_RATIO,
    NumberMention,
    find_numbers,
)

__all__ = ["Figure", "extract_figures", "extract_figures_from_text", "split_sentences"]


@dataclass
class Figure:
    """One reported figure, ready for the figure-search table.

    ``value_text`` is the figure exactly as printed, without the unit noun: "418,1 tỷ",
    "15/55", "1.000 - 1.200", "trên 40%", "gần 2 nghìn".  ``value`` is the number it
    denotes (multiplier applied: "418,1 tỷ" -> 418100000000.0) when it denotes one; a
    range has ``value`` None and ``value_low``/``value_high``; a ratio has ``value`` None
    and ``numerator``/``denominator``.  ``unit`` is the unit as printed after the number
    and its multiplier ("đồng", "USD", "con", "%", "xe/ngày"; a glued multiplier stays in
    it: "60,5" + "TrKw/h"), ``base_unit`` its normalised form, ``scaled`` the value (or the
    low end, or the numerator) in the base unit.
    """

    value: float | None
    value_text: str
    raw: str                        # the whole mention as written: "250 triệu USD", "108,3%", "08/10 xã"
    unit: str
    base_unit: str                  # "USD", "%", "kWh", "" if unknown
    scaled: float
    metric: str                     # the noun phrase the figure measures
    comparison: str                 # "đạt 6,6% kế hoạch; tăng 108,3% so với cùng kỳ" or ""
    sentence: str
    kind: str = KIND_NUMBER         # "number" | "percent" | "ratio"
    value_low: float | None = None  # a range's ends ("1.000 - 1.200 xe/ngày")
    value_high: float | None = None
    numerator: float | None = None  # a ratio's terms ("15/55 cuộc")
    denominator: float | None = None
    qualifier: str = ""             # "trên", "hơn", "gần", "dưới", ... as printed before the number
    multiplier: float = 1.0
    counted: str = ""               # noun phrase after the unit ("khách du lịch")
    start: int = 0                  # offsets of ``raw`` in ``sentence``
    end: int = 0

    @property
    def label(self) -> str:
        """Metric plus what is counted, for display ("thu hút – khách du lịch")."""
        if self.counted and self.counted != self.metric:
            return f"{self.metric} – {self.counted}" if self.metric else self.counted
        if not self.metric and self.unit and self.unit[0].isalpha():
            return self.unit        # "gồm 110 xã": what is counted is the unit itself
        return self.metric


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

def _strip_superscripts(t: str) -> str:
    """Drop footnote markers ("ha¹" -> "ha") but keep "m²", "m³", "km²"."""
    out = []
    i = 0
    for m in re.finditer(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", t):
        keep = (m.start() >= 1 and t[m.start() - 1] == "m"
                and (m.start() < 2 or not t[m.start() - 2].isalpha() or t[m.start() - 2] == "k")
                and len(m.group()) == 1 and m.group() in "²³")
        out.append(t[i:m.start()])
        if keep:
            out.append(m.group())
        i = m.end()
    out.append(t[i:])
    return "".join(out)


_STRIP = " \t,;:.-–"


def _tidy(t: str) -> str:
    """Collapse spaces, drop footnote markers, edge punctuation and unbalanced parentheses."""
    t = re.sub(r"\s+", " ", _strip_superscripts(t)).strip(_STRIP)
    while True:
        n = t
        if n.startswith(")") or (n.startswith("(") and n.count("(") > n.count(")")):
            n = n[1:].strip(_STRIP)
        if n.endswith("(") or (n.endswith(")") and n.count(")") > n.count("(")):
            n = n[:-1].strip(_STRIP)
        if n == t:
            return t
        t = n


_LEADING = re.compile(
    r"^(?:trong đó có|trong đó|cụ thể là|cụ thể|bao gồm|gồm có|gồm|và|với|còn|riêng|"
    r"đã|hiện nay|đến nay|trong tháng(?:\s+\d+)?(?=\s))(?![^\W\d_])[\s,:]*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"[\s,]*(?<![^\W\d_])(?:ước tính đạt|ước đạt|ước thực hiện|ước tính|ước|đạt được|đạt|được|là|"
    r"khoảng|gần|hơn|trên|có|gồm|bao gồm|đến|tới|lên|đối với|với|và|tại|của|cho|về|thêm|"
    r"tăng|giảm|bằng|ở mức|mức|tương ứng|chiếm|dao động từ|dao động|từ)$",
    re.IGNORECASE,
)


def _clean_metric(t: str) -> str:
    """Trim connectors and reporting verbs around a metric phrase."""
    t = _tidy(t)
    while True:
        n = _LEADING.sub("", t, count=1) if _LEADING.match(t) else t
        n = _TRAILING.sub("", n, count=1)
        n = _tidy(n)
        if n == t:
            return t
        t = n


_COMP_KW = (r"tăng thêm|giảm đi|tăng|giảm|đạt tỷ lệ|đạt|bằng|vượt|cao hơn|thấp hơn|"
            r"tương đương|nhiều hơn|ít hơn|gấp")
_COMP_LEAD = re.compile(r"^(?:ước\s+)?(?:chỉ\s+)?(?P<kw>" + _COMP_KW + r")(?:\s+khoảng)?$", re.IGNORECASE)
_DELTA_KW = {"tăng", "giảm", "tăng thêm", "giảm đi", "nhiều hơn", "ít hơn"}
_OWN_COMP = re.compile(r"(?:^|\s)(?P<kw>tăng|giảm|bằng)$", re.IGNORECASE)
_SHARE_LEAD = re.compile(r"^chiếm(?:\s+(?:tỷ lệ|tỉ lệ|tỷ trọng|khoảng))?$", re.IGNORECASE)
_NUMBERLESS_COMP = re.compile(
    r"^(?:ước\s+)?(?:bằng|tương đương|tăng|giảm|cao hơn|thấp hơn|xấp xỉ)(?![^\W\d_])"
    r".*(?:cùng kỳ|so với|kế hoạch|dự toán|tháng trước|năm trước)",
    re.IGNORECASE,
)
_COUNTED_STOP = re.compile(
    r"(?<![^\W\d_])(?:và|với|cho|của|trong đó|so với|là"
    r"|(?:đạt|tăng|giảm|bằng|chiếm)(?=\s+(?:\d|so với|cùng kỳ|kế hoạch|dự toán)))(?![^\W\d_])"
    r"|\d",
    re.IGNORECASE,
)
_ORDINAL_WORDS = {"thứ", "lần", "đợt", "khóa", "khoá", "lộ", "kỳ", "phường", "tổ", "đội", "khu", "km"}
_TRAILING_COMPARISON = re.compile(
    r"\s+(?:tăng|giảm|bằng|đạt|tương đương)(?![^\W\d_]).*$", re.IGNORECASE)


@dataclass
class _Seg:
    start: int
    end: int
    before: str          # separator before the segment ("" at sentence start)


def _quiet_parens(s: str, figure_starts: list[int]) -> set[int]:
    """Offsets of "(" and ")" around a remark holding no figure ("(IIP)", "(theo giá so sánh 2010)").

    Such a remark belongs to the label around it, so it does not cut the sentence.
    """
    quiet: set[int] = set()
    for m in re.finditer(r"\(([^()]*)\)", s):
        inner = m.group(1)
        if not any(m.start() < p < m.end() for p in figure_starts) and not _NUMBERLESS_COMP.match(inner.strip()):
            quiet.update((m.start(), m.end() - 1))
    return quiet


def _segments(s: str, figure_starts: list[int] | None = None) -> list[_Seg]:
    """Cut a sentence at , ; : ( ) (a comma between digits is a decimal comma; parentheses only
    around a figure or a comparison)."""
    quiet = _quiet_parens(s, figure_starts) if figure_starts is not None else set()
    segs: list[_Seg] = []
    start, before = 0, ""
    for m in re.finditer(r"[;:()]|(?<!\d),|,(?!\d)", s):
        if m.start() in quiet:
            continue
        segs.append(_Seg(start, m.start(), before))
        start, before = m.end(), m.group()
    segs.append(_Seg(start, len(s), before))
    return segs


def _label_before(s: str, colon: int) -> str:
    """The label a colon introduces, back to the previous , ; : (parentheses kept)."""
    depth = 0
    j = colon - 1
    while j >= 0:
        c = s[j]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (c in ";:" or (c == "," and not (
                0 < j < len(s) - 1 and s[j - 1].isdigit() and s[j + 1].isdigit()))):
            break
        j -= 1
    return s[j + 1:colon]


def _counted(s: str, start: int, limit: int) -> tuple[str, int]:
    """Noun phrase right after a figure ("lượt khách du lịch" -> "khách du lịch").

    Returns the phrase (at most 8 words) and where it stops, so the next
    figure's metric starts there.
    """
    chunk = s[start:limit]
    stop = _COUNTED_STOP.search(chunk)
    end = start + (stop.start() if stop else len(chunk))
    words = _tidy(s[start:end]).split()
    return _clean_metric(" ".join(words[:8])), end


def _prev_word_cased(s: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)[^\S\n]*$", s[:pos])
    return m.group(1) if m else ""


def _skip(m: NumberMention, s: str, seg: _Seg) -> bool:
    """Numbers that are not statistics: ordinals, name suffixes, "24/24 giờ"."""
    if m.kind == KIND_RATIO:
        return m.value == m.denominator == 24 and m.unit == "giờ"
    w = _prev_word_cased(s, m.start)
    if m.multiplier == 1.0 and m.kind == KIND_NUMBER and w.lower() in _ORDINAL_WORDS:
        return True  # "đợt 1 năm 2023", "lần thứ 15"
    if not m.is_bare:
        return False
    if w.lower() == "số":
        return True
    # "Hồ Sơn 1", "Na Dương 3": a capitalised word right before, not starting the segment
    seg_text = s[seg.start:m.start].strip()
    return bool(w) and w[0].isupper() and seg_text != w


# bounds printed before a number change what it says ("trên 40%" is not "40%"); "khoảng",
# "ước" only soften it and stay out of value_text (as in "khoảng 1.000 - 1.200 xe/ngày")
_QUALIFIER = re.compile(
    r"(?<![^\W\d_])(?P<q>chưa đến|chưa tới|không quá|tối thiểu|tối đa|trên|hơn|gần|dưới|ngót|"
    r"xấp xỉ|trên dưới)[^\S\n]+$", re.IGNORECASE)
_RANGE_NUM = re.compile(r"\d+(?:[.,]\d+)*(?:[^\S\n]*[-–—][^\S\n]*|[^\S\n]+đến[^\S\n]+)\d+(?:[.,]\d+)*",
                        re.IGNORECASE)
_MULT_WORD = re.compile(r"(nghìn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỷ|ngàn\s+tỉ|nghìn|ngàn|triệu|tỷ|tỉ|trăm)(?![^\W\d_])",
                        re.IGNORECASE)
# durations, periods and levels are not statistics: "5 năm 2021 - 2025", "9 tháng", "3 cấp", "93 năm Ngày
# thành lập Đảng"
_NOT_QUANTITY_UNITS = {"năm", "tháng", "quý", "tuần", "cấp"}


def _denoted(num: float, mult: float) -> float:
    """num × mult without binary noise (418,1 tỷ -> 418100000000.0, not ...99.99994)."""
    if mult == 1.0:
        return num
    from decimal import Decimal
    return float(Decimal(repr(num)) * Decimal(repr(mult)))


def _value_parts(s: str, m: NumberMention, qualifier: str) -> tuple[str, str, float]:
    """(value_text, unit as printed, multiplier folded into value_text) of a mention."""
    if m.kind == KIND_RATIO:
        num_part = m.num_raw
    elif m.is_range:
        r = _RANGE_NUM.match(s, m.start)
        num_part = r.group() if r else m.num_raw
    else:
        num_part = m.num_raw
    suffix = s[m.start + len(num_part):m.end]
    lead = (qualifier + " ") if qualifier else ""
    if m.kind == KIND_PERCENT:
        return lead + num_part + "%", "%", 1.0
    rest = suffix.strip()
    mm = _MULT_WORD.match(rest)
    if mm and m.multiplier != 1.0:
        unit = re.sub(r"\s+", " ", rest[mm.end():]).strip()
        return lead + num_part + " " + re.sub(r"\s+", " ", mm.group()), unit, m.multiplier
    return lead + num_part, re.sub(r"\s+", " ", rest), 1.0


def _qualifier_before(s: str, pos: int, floor: int) -> tuple[str, int]:
    """A bound word right before ``pos`` (not before ``floor``): (word as printed, its start)."""
    q = _QUALIFIER.search(s[floor:pos])
    if not q:
        return "", pos
    return q.group("q"), floor + q.start("q")


def _not_a_quantity(m: NumberMention, s: str, qualifier: str) -> bool:
    """Durations, levels, "trên 1 ha" (per hectare): numbers that measure nothing."""
    if m.unit in _NOT_QUANTITY_UNITS and m.kind == KIND_NUMBER:
        return True
    if qualifier.lower() == "trên" and m.value == 1 and not m.is_range and m.multiplier == 1.0 and m.unit:
        return True    # "giá trị thu được trên 1 ha đất": a rate's denominator
    return False


# --------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------

_VERB_START = re.compile(
    r"^(?:ước|đạt|tăng|giảm|bằng|chiếm|đã|được|có|là|thực hiện|trong đó|trong tháng|tính|lũy kế|"
    r"luỹ kế|cộng dồn|đến|từ|tại|qua|so với|hiện nay|tháng|năm|quý|ngoài ra|bên cạnh đó|nhìn chung|nhờ|do|"
    r"theo|trong|sau|trước|khi|nếu|riêng)(?![^\W\d_])", re.IGNORECASE)
_COMP_ANYWHERE = re.compile(r"(?<![^\W\d_])(?:tăng|giảm|đạt|bằng|chiếm|so với)(?![^\W\d_])", re.IGNORECASE)
_MEASURE_AFTER_WITH = re.compile(
    r"^.*?(?<![^\W\d_])(?:với|có)\s+(?=(?:tổng\s+)?(?:số tiền|số vốn|giá trị|kinh phí|diện tích|vốn|"
    r"quy mô|số lượng|tổng số tiền|tổng kinh phí|tổng vốn|tổng giá trị|tổng diện tích)(?![^\W\d_]))",
    re.IGNORECASE)


def _label_start(segs: list[_Seg], i: int, s: str) -> int | None:
    """Where the label of segment i starts when it began before a comma, else None.

    A list item's label can hold commas: "; chi chương trình mục tiêu quốc gia, chương trình mục
    tiêu và các nhiệm vụ khác 52 tỷ đồng", "sản xuất giường, tủ, bàn, ghế giảm 9,2%", "khu vực
    nông, lâm nghiệp và thủy sản tăng 4,08%".  Segments before a comma join the label when they
    hold no digit and no verb, and either open a list item (after ";" or ":") or are a few words.
    """
    cur = _tidy(s[segs[i].start:segs[i].end])
    if _VERB_START.match(cur):
        return None
    j = i
    while j > 0 and segs[j].before == ",":
        prev = segs[j - 1]
        text = _tidy(s[prev.start:prev.end])
        if (not text or re.search(r"\d", text) or _VERB_START.match(text) or _NUMBERLESS_COMP.match(text)
                or _COMP_ANYWHERE.search(text)):
            break
        words = len(text.split())
        if prev.before in (";", ":") and words <= 12:
            return prev.start
        idiom = re.search(r"(?<![^\W\d_])nông$", text, re.I) and re.match(r"lâm(?![^\W\d_])", _tidy(
            s[segs[j].start:segs[j].end]), re.I)    # "nông, lâm nghiệp"
        if idiom:
            return prev.start
        if words > 4 or prev.before == "":
            break
        j -= 1
    return None     # a comma list ending at a figure ("15/55 cuộc thanh tra, kiểm tra, ...") is that figure's


_CUMULATIVE_ONLY = re.compile(
    r"(?:tính chung|lũy kế|luỹ kế|cộng dồn|tính từ đầu năm|từ đầu năm)(?:\s+(?:từ đầu năm|đến nay|\d+\s+tháng"
    r"(?:\s+đầu năm)?(?:\s+năm\s+\d{4})?))?", re.IGNORECASE)
_PERIOD_TAIL = re.compile(
    r"\s+(?:(?:ước\s+)?(?:thực hiện\s+)?(?:trong\s+)?tháng(?:\s+(?:\d+(?:/\d{4})?|này|[A-ZĐ]\w+))?"
    r"(?:\s+năm\s+\d{4})?)$", re.IGNORECASE)


def _measure_after_with(metric: str) -> str:
    """"cá nhân với số tiền nộp ngân sách" -> "số tiền nộp ngân sách": the figure measures the noun after "với"."""
    return _MEASURE_AFTER_WITH.sub("", metric, count=1) if metric else metric


def extract_figures(sentence: str) -> list[Figure]:
    """All figures stated in one sentence, with metric and comparison."""
    s = unicodedata.normalize("NFC", sentence or "")
    found = [m for m in find_numbers(s) if m.kind in (KIND_NUMBER, KIND_PERCENT, KIND_RATIO)]
    segs = _segments(s, [m.start for m in found])

    def seg_of(pos: int) -> int:
        for i, g in enumerate(segs):
            if g.start <= pos < g.end:
                return i
        return len(segs) - 1

    mentions = []
    quals: dict[int, tuple[str, int]] = {}   # mention start -> (bound word, where it starts)
    for m in found:
        seg = segs[seg_of(m.start)]
        q = _qualifier_before(s, m.start, seg.start)
        if not _skip(m, s, seg) and not _not_a_quantity(m, s, q[0]):
            mentions.append(m)
            quals[m.start] = q

    figures: list[Figure] = []
    # working state kept off the dataclass so asdict(Figure) stays flat
    comps: dict[int, list[str]] = {}   # id(figure) -> comparison phrases
    leads: dict[int, str] = {}         # id(figure) -> metric from the words before it
    last: Figure | None = None
    last_seg = -10
    consumed = 0

    for i, seg in enumerate(segs):
        in_seg = [m for m in mentions if seg.start <= m.start < seg.end]
        if not in_seg:
            txt = _tidy(s[seg.start:seg.end])
            if last is not None and _NUMBERLESS_COMP.match(txt):
                comps[id(last)].append(txt)
                last_seg = i
            continue
        for k, m in enumerate(in_seg):
            if m.start < consumed:
                continue  # inside a comparison phrase already taken
            lead_start = max(seg.start, consumed)
            qualifier, q_start = quals[m.start]
            q_start = max(q_start, lead_start)
            lead = _tidy(s[lead_start:q_start])
            limit = in_seg[k + 1].start if k + 1 < len(in_seg) else seg.end

            cm = _COMP_LEAD.match(lead)
            if cm and last is not None and (m.kind == KIND_PERCENT or cm.group("kw").lower() in _DELTA_KW
                                              or (cm.group("kw").lower() == "gấp" and m.unit == "lần")):
                kw_pos = s.find(cm.group("kw"), lead_start)
                kw_pos = lead_start if kw_pos < 0 or kw_pos > m.start else kw_pos
                # "ước đạt ..." keeps the whole lead
                if lead.lower().startswith("ước"):
                    kw_pos = s.lower().find("ước", lead_start)
                comps[id(last)].append(_tidy(s[kw_pos:seg.end]))
                last_seg = i
                consumed = seg.end
                continue

            value_text, unit, folded = _value_parts(s, m, qualifier)
            counted, counted_end = _counted(s, m.end, limit)
            if m.is_bare and not counted and m.kind != KIND_RATIO:
                continue   # a number with neither unit nor counted noun measures nothing we can name
            fig = Figure(
                value=None if (m.is_range or m.kind == KIND_RATIO) else _denoted(m.value, folded),
                value_text=value_text, raw=(s[q_start:m.end] if qualifier else m.raw), unit=unit,
                base_unit=m.unit, scaled=m.scaled, metric="", comparison="", sentence=s, kind=m.kind,
                value_low=_denoted(m.value, folded) if m.is_range else None,
                value_high=_denoted(m.value_high, folded) if m.is_range and m.value_high is not None else None,
                numerator=m.value if m.kind == KIND_RATIO else None,
                denominator=m.denominator, qualifier=qualifier, multiplier=m.multiplier,
                start=q_start if qualifier else m.start, end=m.end,
            )
            comps[id(fig)] = []
            consumed = counted_end

            if m.kind == KIND_PERCENT and _SHARE_LEAD.match(lead):
                base = re.sub(r"^(?:tổng số|số)\s+", "", leads[id(last)] or last.metric, flags=re.I) if last else ""
                metric = ("tỷ lệ " + base).strip() if not base.lower().startswith("tỷ lệ") else base
                leads[id(fig)] = metric
            else:
                own = _OWN_COMP.search(lead)
                if own:
                    kw_pos = s.rfind(own.group("kw"), lead_start, m.start)
                    comps[id(fig)].append(_tidy(s[kw_pos:seg.end]))
                    consumed = seg.end
                    counted = ""
                metric = _clean_metric(lead)
                if metric and lead_start == seg.start and seg.before == ",":
                    # "; chi chương trình mục tiêu quốc gia, chương trình mục tiêu và ... 52 tỷ đồng":
                    # the label began before the comma
                    head = _label_start(segs, i, s)
                    if head is not None and not any(head <= x.start < seg.start for x in mentions):
                        metric = _clean_metric(s[head:q_start])
                if last is not None and _CUMULATIVE_ONLY.fullmatch(metric):
                    # "...trong tháng ước đạt 27,9 nghìn tấn; tính chung 10 tháng đạt 276,4 nghìn tấn"
                    base = _PERIOD_TAIL.sub("", leads.get(id(last)) or last.metric).strip()
                    if base and not _CUMULATIVE_ONLY.fullmatch(base):
                        metric = f"{base} {metric}"
                metric = _measure_after_with(metric)
                if not metric and seg.before == ":":
                    metric = _clean_metric(_label_before(s, seg.start - 1))
                leads[id(fig)] = metric
                if not metric and counted:
                    metric = counted
                if not metric and last is not None and last_seg >= i - 1:
                    metric = leads[id(last)]
                    leads[id(fig)] = metric
                if not metric and i > 0 and not any(segs[i - 1].start <= x.start < segs[i - 1].end
                                                    for x in mentions):
                    prev = _TRAILING_COMPARISON.sub("", _tidy(s[segs[i - 1].start:segs[i - 1].end]))
                    metric = _clean_metric(prev)
                    leads[id(fig)] = metric
            fig.metric = metric
            fig.counted = counted
            figures.append(fig)
            last, last_seg = fig, i

    for f in figures:
        f.comparison = "; ".join(c for c in comps[id(f)] if c)
    return figures


_ABBREVIATIONS = {"tp", "tx", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "p", "q", "th.s", "v.v", "ô", "b"}
_LIST_MARKER = re.compile(r"^\s*(?:[IVXLCDM]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\.$")


def _starts_new_paragraph(line: str) -> bool:
    c = line[0]
    return c.isupper() or c.isdigit() or c in "⁰¹²³⁴⁵⁶⁷⁸⁹•-–*+(\"“'"


def split_sentences(text: str) -> list[str]:
    """Split report text into sentences.

    A line break ends a sentence when the next line starts like a paragraph
    (capital, digit, footnote marker, bullet); otherwise lines are joined, so
    hard-wrapped PDF text stays whole.  Within a paragraph, split on ". "
    (or "!", "?", "…") followed by a capital or digit; ";" is not a boundary.
    No split after abbreviations ("TP. Lạng Sơn") or list markers ("1.1.",
    "II."); "HK.Km", "tấn.Km" and decimals have no space after the dot.
    """
    text = unicodedata.normalize("NFC", text or "")
    paras: list[str] = []
    for line in text.split("\n"):
        st = line.strip()
        if not st:
            if paras and paras[-1]:
                paras.append("")
            continue
        if paras and paras[-1] and not _starts_new_paragraph(st):
            paras[-1] += " " + st
        else:
            paras.append(st)
    out: list[str] = []
    for p in paras:
        if p:
            out.extend(_split_paragraph(p))
    return out


def _split_paragraph(p: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?…])\s+", p):
        nxt = p[m.end():m.end() + 2].lstrip("\"“'([")
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
            continue
        piece = p[start:m.start()]
        if _LIST_MARKER.match(piece):
            continue  # "1.1. Sản xuất ..." stays one sentence
        w = re.search(r"([^\s]+)\.$", piece)
        if w and w.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        parts.append(piece.strip())
        start = m.end()
    tail = p[start:].strip()
    if tail:
        parts.append(tail)
    return [x for x in parts if x]


def extract_figures_from_text(text: str) -> list[Figure]:
    """Figures of every sentence of ``text``, in reading order."""
    figs: list[Figure] = []
    for sent in split_sentences(text):
        figs.extend(extract_figures(sent))
    return figs
