"""How a sentence's period meets the question's: a month's own figure or the months added up, which
month, which span, which quarter, which year, a result or a target.

Reports give several periods in one paragraph ("Tháng Mười … tăng 5%; tính chung 10 tháng … tăng 7%",
"Cùng kỳ năm 2024, …", "phấn đấu đến hết tháng 6 …"), and a figure of the wrong one quoted with its
citation is the most convincing wrong answer there is.  The answerer (qa/extractive.py) reads the
question once into a `PeriodAsked` and asks it of every candidate sentence whether it gives another
period's figure; such a sentence is ranked down and, if it is still the best, the answer abstains
("period_mismatch").  Sentences are read folded (no diacritics, lower case, one tone placement).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.vntext import canonical, strip_diacritics

from .question import TARGET_SPAN, UP_TO_MONTH, QuestionInfo, month_words_named


_CUMULATIVE = re.compile(r"\b(luy ke|tinh chung|cong don|tu dau nam|(?<!thang )\d{1,2} thang( dau nam| nam| qua)?\b"
                         r"|nua dau nam|ca nam)")
_MONTHLY = re.compile(r"\b(trong thang|thang (\d{1,2}|nay|bao cao)\b)")
# a target or forecast, not a result: "phấn đấu đến hết tháng 6 giải ngân đạt 20%", "dự kiến cả năm đạt";
# only when it comes before the sentence's first figure ("hiện có 168 hộ nghèo; phấn đấu ..." is a result)
_TARGET = re.compile(r"^\D*\b(phan dau|du kien)\b")


# a sentence opening on its own year ("Năm 2022, …", "Cùng kỳ năm 2024, …") gives that year's figure
_LEADING_YEAR = re.compile(r"^[-+•(\d)\s]*(?:cung ky |trong |rieng )?nam (\d{4})\b")
_YEAR_IN = re.compile(r"\b(19\d\d|20\d\d)\b")
# a year named as the one compared with or the base of prices: "so với vụ chiêm xuân năm 2016", "cùng kỳ
# năm 2023", "theo giá so sánh năm 2010", "so với thời điểm 31/12/2023", "đạt 72,6% (quý I/2023 là 58,4%)"
_COMPARED_YEAR = re.compile(r"\b(?:so voi|so sanh|cung ky)\b(?:\s+[^\s\d;,.]+){0,4}?\s+(?:\d{1,2}/){0,2}(19\d\d|20\d\d)\b"
                            r"|\((?:[^()\d]*?\s)?(?:[ivx]+/|\d{1,2}/){0,2}(19\d\d|20\d\d)\b[^()]*\)")


# the months a half-year's or year's report adds up: a sentence of it naming no span gives them
# ("Xảy ra 4 vụ tai nạn giao thông" in a year report is the year's, not "6 tháng đầu năm"'s)
_OWN_SPAN = {"year": 12, "half": 6}
_NAMES_SPAN = re.compile(r"(?<!thang )(?<!\d/)\b(?:\d{1,2}|sau|chin) thang\b|\bquy\s+(?:iv|iii|ii|i|[1-4])\b"
                         r"|\b(?:ca|tron) nam\b|\bnua (?:dau|cuoi) nam\b")


def asked_year(info: QuestionInfo) -> int | None:
    """The one year a question names (in "năm 2024", "tháng 5/2023", "quý I/2024" …), else None."""
    years = set(info.years) | {y for group in (info.months, info.quarters, info.halves, info.cumulative)
                               for _, y in group if y}
    return years.pop() if len(years) == 1 else None


def names_other_year(folded: str, year: int, report_year: int | None) -> bool:
    """The sentence gives another year's figure than the one asked: it opens on another year, or its
    report is of another year and it does not name the one asked (a 2025 report's "cà phê 107.650 ha"
    is not the 2024 area, though the 2025 report covers 2024 by its comparisons)."""
    lead = _LEADING_YEAR.match(folded)
    if lead:
        return int(lead.group(1)) != year        # "Cùng kỳ năm 2024, …": the sentence's own year
    named = {m.group(1) for m in _YEAR_IN.finditer(folded)}
    # a year named as the one compared with is not the figure's: "tăng 5% so với năm 2022" gives the
    # report year's figure, "Kết quả rà soát hộ nghèo năm 2022 …" gives 2022's
    compared_at = {m.start(1) if m.group(1) else m.start(2) for m in _COMPARED_YEAR.finditer(folded)}
    own = {m.group(1) for m in _YEAR_IN.finditer(folded) if m.start(1) not in compared_at}
    if str(year) in own:
        return False
    if own:
        return True                      # its own years are others
    if str(year) in named:
        # the year asked only as the one compared with: another year's figure, unless the sentence gives
        # that year's figure too ("so với năm 2023 (98,86%)", "năm 2023: 62,8 triệu đồng")
        return not re.search(rf"\b{year}\b\s*(?:\(\s*\d|:\s*\d|la\s+\d)", folded)
    return report_year is not None and report_year != year


# a sentence that continues the one before it, in its period: "Cùng thời gian, có 1.618 doanh nghiệp giải thể"
_BACK_REFERENCE = re.compile(r"^[-+•\s]*(cung thoi gian|cung trong thoi gian|trong thoi gian (nay|tren|do)|"
                             r"trong do|tuong tu)\b")
# what the sentence before it gave, in another period of its own: "Riêng quý III xảy ra 104 vụ", "Tính
# chung 6 tháng xảy ra 87 vụ", "Lũy kế 10 tháng đạt …" (its words are the sentence before's, its period its own)
_PART_OF = re.compile(r"^[-+•\s]*(rieng|tinh chung|luy ke|cong don|tinh tu dau nam|tu dau nam|ca nam)\b")
_SENTENCE_MONTH = re.compile(r"(?<!so voi )(?<!voi )\bthang\s+(\d{1,2})\b(?!\s*thang)")


def _names_other_month(folded: str, asked: set[int]) -> bool:
    """The (folded) sentence gives some month's figure and not the asked month's ("Riêng tháng 3, thu
    ngân sách đạt ..." for a question about February).  A month it compares with ("so với tháng 9")
    does not count."""
    named = {int(m.group(1)) for m in _SENTENCE_MONTH.finditer(folded)}
    named = {m for m in named if 1 <= m <= 12}
    return bool(named) and not (named & asked)


# "riêng tháng 10": the month alone is asked, so only a sentence stated for a month answers it
_MONTH_ALONE = re.compile(r"\brieng\s+(?:trong\s+|cua\s+)?thang\b")


def states_month(folded: str, kind: str, asked: set[int]) -> bool:
    """Is a (folded) sentence a month's figure: of the month kind ("trong tháng", "tháng 10 ước đạt"),
    or naming an asked month in digits or words ("tháng Mười")?"""
    named = {int(m.group(1)) for m in _SENTENCE_MONTH.finditer(folded)} | month_words_named(folded)
    return kind == "month" or bool(named & asked)


# a quarter after the first asked on its own ("quý III", not "tính tới quý III", "từ đầu năm tới hết quý III"):
# a sentence adding up the months since January ("Tính chung 9 tháng, …") gives the span, not the quarter
_UP_TO_QUARTER = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?quy\b")
_QUARTER_IN = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)\b")


# a span of months added up that a sentence states: "9 tháng", "6 tháng đầu năm", "sáu tháng" (not "tháng 9")
_SPAN_IN = re.compile(r"(?<!thang )(?<!\d/)\b(\d{1,2}|sau|chin)\s+thang\b(?!\s*(?:\d|toi|qua|truoc|lien))")
_SPAN_WORDS = {"sau": 6, "chin": 9}


def asked_spans(info: QuestionInfo) -> set[int]:
    """The months a cumulative question adds up: "10 tháng" -> 10, "6 tháng đầu năm" / "nửa đầu năm" -> 6."""
    spans = {n for n, _ in info.cumulative if n}
    spans |= {6 for h, _ in info.halves if h == 1}
    return spans


_QUARTER_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "mot": 1, "hai": 2, "ba": 3,
                   "bon": 4, "tu": 4}


def names_other_span(folded: str, spans: set[int]) -> bool:
    """The (folded) sentence adds up another span of months than the one asked ("9 tháng" for "6 tháng đầu
    năm") and not the one asked too, or gives a quarter's figure and no span ("IIP quý II ước tăng 8,53%"
    for "6 tháng đầu năm"; the first quarter is the first three months; a year asked may be read from a
    quarter's report, which states the year's plan beside the quarter)."""
    named = {int(m.group(1)) if m.group(1).isdigit() else _SPAN_WORDS[m.group(1)] for m in _SPAN_IN.finditer(folded)}
    named = {n for n in named if 2 <= n <= 12}
    if named:
        return not (named & spans)
    if 12 in spans:
        return False                     # the whole year: a quarter's report gives its plan beside the quarter
    quarters = {_QUARTER_NUMBER[m.group(1)] for m in _QUARTER_IN.finditer(folded)}
    return bool(quarters) and not (1 in quarters and 3 in spans)


def leads_with_month_clause(folded: str) -> bool:
    """In a month's report, does the (folded) sentence open with a clause of figures that names no period,
    before a cumulative one ("Xảy ra 1 vụ cháy nhà dân, thiệt hại ước 120 triệu đồng; lũy kế 8 tháng xảy ra
    3 vụ")?  That clause is the month's, so the sentence gives both periods."""
    m = _CUMULATIVE.search(folded)
    if not m:
        return False
    head = folded[:m.start()]
    return bool(re.search(r"\d", head)) and not ANY_PERIOD.search(head) and bool(re.search(r"[;,]\s*$", head))


def period_kind_of(folded: str) -> str:
    """"cumulative" when a (folded) text speaks only of months added up, "month" only of one month,
    "" of neither or both ("tháng Mười tăng 5%; tính chung 10 tháng tăng 7%")."""
    cumulative = bool(_CUMULATIVE.search(folded))
    unbounded = UP_TO_MONTH.sub(" ", folded)          # "đến cuối tháng 6" is a date, not a month
    monthly = bool(_MONTHLY.search(unbounded) or month_words_named(unbounded))       # "Tháng Chín ước …"
    if cumulative == monthly:
        return ""
    return "cumulative" if cumulative else "month"


# a period that names the report, not the figure: "theo báo cáo tháng 11/2023", "trong báo cáo quý I"
_REPORT_PERIOD = re.compile(r"\b(?:theo|trong|cua|o|tai) (?:ban )?bao cao (?:(?:tinh hinh )?(?:kinh te - xa hoi |kt-xh )?)"
                            r"(?:thang \d{1,2}(?:/\d{4})?|quy [ivx\d]+(?:/\d{4})?|\d{1,2} thang(?: dau nam)?|nam \d{4})"
                            r"(?: nam \d{4})?")
_MID_MONTH_SPAN = re.compile(r"\btu giua thang \d{1,2}(?:/\d{4})? (?:toi|den) giua thang \d{1,2}\b")
ANY_PERIOD = re.compile(r"\b(?:thang|quy|nam \d{4}|luy ke|tu dau nam|cong don|tinh chung)\b")


@dataclass
class PeriodAsked:
    """The period a question asks for, as the candidate sentences are judged against it."""
    kind: str = ""                       # "month", "cumulative" or "" (neither asked)
    months: set = field(default_factory=set)      # months named ("tháng 10")
    spans: set = field(default_factory=set)       # months added up ("10 tháng", "6 tháng đầu năm")
    month_alone: bool = False            # "riêng tháng 10"
    quarter_alone: bool = False          # "quý III", not "tới hết quý III"
    year: int | None = None              # the one year named, unless plans are asked
    seasons: set = field(default_factory=set)     # crop seasons named ("he thu"): another's is another period
    quarters: set = field(default_factory=set)    # quarters named ("quý I" -> 1)
    school_year: str = ""                # "2023-2024" of "năm học 2023-2024", "niên khóa 2023 - 2024"
    year_alone: bool = False             # a year asked and no month, quarter, half or span of it

    @classmethod
    def of(cls, info: QuestionInfo, plan_asked: bool) -> "PeriodAsked":
        if _MID_MONTH_SPAN.search(info.folded) or (_REPORT_PERIOD.search(info.folded) and
                                                     not ANY_PERIOD.search(_REPORT_PERIOD.sub(" ", info.folded))):
            # "Theo báo cáo tháng 11/2023, … bao nhiêu cây xăng?": the period picks the report (the
            # retriever's filter), and any of its figures answers; "từ giữa tháng 1 tới giữa tháng 2" is
            # the span a monthly report's figures run over ("Từ ngày 17/01 đến 15/02/2023 …"), not a month
            return cls(year=None if plan_asked else asked_year(info),
                       seasons=set(seasons_named(info.folded.lower())))
        asked = TARGET_SPAN.sub(" ", info.folded)       # "… chỉ tiêu cả năm" is the target's year, not asked
        kind = "cumulative" if _CUMULATIVE.search(asked) or info.is_cumulative else \
            ("month" if info.asks_month else "")
        return cls(
            kind=kind,
            months={m for m, _ in info.months},
            spans=asked_spans(info) if kind == "cumulative" else set(),
            month_alone=kind == "month" and bool(_MONTH_ALONE.search(info.folded)),
            quarter_alone=any(q >= 2 for q, _ in info.quarters) and not info.is_cumulative
            and not _CUMULATIVE.search(asked) and not _UP_TO_QUARTER.search(info.folded),
            year=None if plan_asked else asked_year(info),
            seasons=set(seasons_named(info.folded.lower())),
            quarters={q for q, _ in info.quarters},
            school_year=school_year_named(info.folded),
            year_alone=bool(info.years) and not (info.months or info.quarters or info.halves or info.cumulative),
        )

    def other_period(self, folded: str, folded_before: str, report_kind: str, report_year: int | None,
                     folded_line_before: str | None = "", report_whole_year: bool = False,
                     report_title: str = "", report_month_only: bool = False) -> bool:
        """Does the sentence give another period's figure than the one asked?  `folded_before` is the
        sentence it continues (a footnote's citing sentence, "Cùng thời gian, …"), "" when it stands alone;
        `report_kind` and `report_year` are its report's period kind ("month", "quarter", …) and year;
        `folded_line_before` is its paragraph line before it (the season that paragraph opened on), None for
        a footnote, whose season is not judged; `report_month_only` says the report is one month's and adds
        up no months (its title names a month and no span), so a sentence naming no span gives the month's."""
        kind = period_kind_of(folded) if self.kind else ""
        if kind == "cumulative" and report_kind == "month" and leads_with_month_clause(folded):
            kind = ""        # "Xảy ra 1 vụ cháy …, thiệt hại 120 triệu đồng; lũy kế 8 tháng 3 vụ": both
        if self.kind and not kind and folded_before:
            kind = period_kind_of(folded_before)
        # a month asked: a sentence of a quarter's, half-year's or year's report that names no month gives
        # that longer period's figure, not the month's ("Tháng Chín ước …; quý III ước …" names it)
        longer = self.kind == "month" and report_kind in ("quarter", "half", "year") \
            and not states_month(folded, kind, self.months)
        # a quarter asked: a half-year's or year's report sentence naming no quarter gives the longer
        # period's figure ("6 tháng giải quyết việc làm cho 5.126 lao động" is not quý I's)
        longer = longer or (bool(self.quarters) and report_kind in ("half", "year")
                            and not self._names_quarter(folded + " " + folded_before))
        # a year asked of a report that adds up the whole year (December's, the year's): a sentence of
        # the month alone ("Tháng Mười Hai có 612 DN thành lập mới") is not the year's figure
        longer = longer or (self.year_alone and self.year is not None and report_whole_year
                            and period_kind_of(folded) == "month"
                            and not re.search(rf"\bnam {self.year}\b|\b(?:ca|tron) nam\b", folded))
        if self.school_year and other_school_year(self.school_year, folded + " " + folded_before, report_title):
            return True
        return bool(self.kind and kind and kind != self.kind) or longer \
            or (self.month_alone and not states_month((folded + " " + folded_before).strip(), kind, self.months)) \
            or (self.quarter_alone and self._running_total(folded, folded_before)) \
            or (self.kind == "month" and _names_other_month(folded, self.months)) \
            or (bool(self.spans) and names_other_span(folded, self.spans)) \
            or (bool(self.spans) and _OWN_SPAN.get(report_kind, 0) not in self.spans | {0}
                and not _NAMES_SPAN.search(folded + " " + folded_before)) \
            or (bool(self.spans) and report_month_only
                and not (_NAMES_SPAN.search(folded + " " + folded_before)
                         or _CUMULATIVE.search(folded + " " + folded_before)
                         or _TO_DATE.search(folded + " " + folded_before))) \
            or (self.year is not None and names_other_year(folded + " " + folded_before, self.year, report_year)) \
            or (folded_line_before is not None and other_season(self.seasons, folded, folded_line_before))

    def other_clauses(self, folded_clauses: list[str], report_kind: str, report_year: int | None) -> list[bool]:
        """Which clauses of one sentence (split at ";", folded) give another period's figures than the one
        asked.  A clause takes the period it names, or the one before it.  In a month's report, a first
        clause of figures naming no period before a cumulative one is the month's ("Xảy ra 2 vụ …, bị
        thương 2 người; lũy kế 8 tháng 11 vụ"); beside a clause naming the quarter asked, a clause naming a
        month or a span of months is theirs ("tháng Chín ước 2,18 triệu lượt …; quý III ước 7,46 triệu")."""
        whole = "; ".join(folded_clauses)
        other = self.kind == "cumulative" and report_kind == "month" and leads_with_month_clause(whole)
        quarter_beside = self.quarter_alone and any(self._names_quarter(c) for c in folded_clauses)
        out = []
        for folded in folded_clauses:
            if ANY_PERIOD.search(folded):
                other = self.other_period(folded, "", report_kind, report_year) or (
                    quarter_beside and not self._names_quarter(folded)
                    and bool(period_kind_of(folded) or _SENTENCE_MONTH.search(folded)))
            out.append(other)
        return out

    @staticmethod
    def _running_total(folded: str, folded_before: str) -> bool:
        """Is the sentence (or, naming no period itself, the one it continues: "Tính chung 6 tháng ước đạt
        59.736 tỷ đồng. Trong đó: … du lịch lữ hành 186 tỷ đồng") a running total naming no quarter?"""
        if not period_kind_of(folded) and not _QUARTER_IN.search(folded) and folded_before:
            folded = folded_before
        return not _QUARTER_IN.search(folded) and period_kind_of(folded) == "cumulative"

    def _names_quarter(self, folded: str) -> bool:
        """The sentence names a quarter asked (or, for quý I, its three months)."""
        named = {_QUARTER_NUMBER[m.group(1)] for m in _QUARTER_IN.finditer(folded)}
        first_three = 1 in self.quarters and re.search(r"\b(?:3|ba) thang\b", folded)
        return bool(named & self.quarters or first_three)


# a running total named by its end or its share of the year's plan: "đến hết ngày 30/06/2024 ước đạt 3.562 tỷ
# đồng", "tính đến nay", "đạt 46,4% kế hoạch", "bằng 52% dự toán"
_TO_DATE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?(?:ngay|thang|nay|thoi diem)\b|\btinh den\b"
                      r"|\b(?:ke hoach|du toan)\b")


def month_only_title(title: str) -> bool:
    """Does a report's title name a month and no months added up ("Tình hình kinh tế - xã hội tháng 8,
    nhiệm vụ trọng tâm tháng 9 năm 2025"; not "tháng Mười Một và 11 tháng năm 2024")?  Such a report's
    sentences naming no span give the month's figures, whatever running totals its body adds."""
    folded = strip_diacritics(canonical(title)).lower()
    names_month = bool(_SENTENCE_MONTH.search(folded) or month_words_named(folded))
    return names_month and not (_NAMES_SPAN.search(folded) or _CUMULATIVE.search(folded))


def is_target(folded: str) -> bool:
    """A target or a forecast, not a result ("phấn đấu …", "dự kiến …" before the first figure)."""
    return bool(_TARGET.search(folded))


# a plan's own figure asked, not a result against it: "Kế hoạch năm 2024 … là bao nhiêu", "Chỉ tiêu thu
# ngân sách …", "đặt mục tiêu …" (not "đạt bao nhiêu % kế hoạch", nor "vốn kế hoạch … đã giải ngân")
_ASKS_TARGET = re.compile(r"^(?:[^,?:]*[,:]\s*)?(?:chi tieu|ke hoach|muc tieu|du toan)\b"
                          r"|\b(?:dat|de ra|dat ra|giao)\s+(?:chi tieu|muc tieu)\b")
_RESULT_ASKED = re.compile(r"\b(?:da|duoc)\s+(?:giai ngan|tieu|hoan thanh|thuc hien)\b|\bgiai ngan\b"
                           r"|(?:phan tram|%|ty le)\s*(?:so voi\s*)?(?:ke hoach|chi tieu|du toan)")
# a sentence stating a plan's figure: the plan word, then its figure ("Kế hoạch thu hút vốn FDI năm 2023 của
# thành phố là 2,0 tỷ USD", "dự toán 3.200 tỷ đồng"); "đạt 42,7% kế hoạch năm và tăng 18,2%" is a result
_STATES_TARGET = re.compile(r"\b(?:ke hoach|chi tieu|muc tieu|du toan)\b(?:[^;.\d%]|nam \d{4}){0,80}?(?:\bla|:)\s*\d"
                            r"|\b(?:ke hoach|chi tieu|muc tieu|du toan)(?: (?:nam|ca nam))?(?: \d{4})?\s+\d")
# ("Chỉ tiêu" heading a table's first column names its indicators, not a plan)
_PLAN_COLUMN = re.compile(r"\b(?:ke hoach|kh|muc tieu|du toan)\b")


def asks_target(folded_question: str) -> bool:
    """Does the (folded, lower-case) question ask a plan's or target's own figure?"""
    return bool(_ASKS_TARGET.search(folded_question)) and not _RESULT_ASKED.search(folded_question)


def states_target(folded: str, folded_heads: str = "") -> bool:
    """Does the (folded) sentence state a target: "phấn đấu …", a plan word with its figure, or a table row
    under a plan column ("Kế hoạch 2025")?  (A task section's sentences are targets too; the caller knows.)"""
    return is_target(folded) or bool(_STATES_TARGET.search(folded)) or bool(_PLAN_COLUMN.search(folded_heads))


def continues_before(folded: str) -> bool:
    """Does the (folded) sentence continue the one before it, in its period ("Cùng thời gian, …")?"""
    return bool(_BACK_REFERENCE.match(folded))


def part_of_before(folded: str) -> bool:
    """Is the (folded) sentence a part of what the one before it gave, in its own period ("Riêng quý III …")?"""
    return bool(_PART_OF.match(folded))


# crop seasons: a season's figures are not another's ("vụ Hè Thu" is not answered with "Vụ Đông Xuân …")
_SEASON = re.compile(r"\b(dong xuan|he thu|thu dong|chiem xuan|xuan he)\b|\bvu (mua|dong)\b(?! xuan)")


_SCHOOL_YEAR = re.compile(r"\b(?:nam hoc|nien khoa)\s+(\d{2}(?:\d{2})?)\s*[-–]\s*(\d{2}(?:\d{2})?)\b")
_SCHOOL_YEAR_AND_FIGURE = re.compile(r"\b(?:nam hoc|nien khoa)\s+(\d{2,4})\s*[-–]\s*(\d{2,4})\s*\(\s*\d")
_COMPARED_SCHOOL_YEAR = re.compile(r"\b(?:so voi|so sanh|cung ky|truoc|\()[^.;]{0,25}?\bnam hoc\s+(\d{2,4})\s*[-–]\s*(\d{2,4})")


def _school_year(a: str, b: str) -> str:
    a = int(a) + (2000 if len(a) == 2 else 0)
    b = int(b) + (2000 if len(b) == 2 else 0)
    return f"{a}-{b}"


def school_year_named(folded: str) -> str:
    """The school year a (folded) question names ("năm học 2023-2024", "năm học 23-24"), or ""."""
    m = _SCHOOL_YEAR.search(folded.lower())
    return _school_year(m.group(1), m.group(2)) if m else ""


def other_school_year(asked: str, folded: str, report_title: str) -> bool:
    """A school year asked, and the sentence is another's: it names only others as its own (not
    "so với năm học 2022-2023"), or names none in a report whose title is of another school year."""
    named = {_school_year(a, b) for a, b in _SCHOOL_YEAR.findall(folded)}
    if any(_school_year(a, b) == asked for a, b in _SCHOOL_YEAR_AND_FIGURE.findall(folded)):
        return False       # "so với năm học 2022-2023 (892 em, …)" gives that one's figure too
    own = named - {_school_year(a, b) for a, b in _COMPARED_SCHOOL_YEAR.findall(folded)}
    if own:
        return asked not in own
    if asked in named:
        return True        # only compared with: another's figure
    titled = {_school_year(a, b) for a, b in _SCHOOL_YEAR.findall(strip_diacritics(canonical(report_title)))}
    return bool(titled) and asked not in titled     # the report's own, or the one it plans


def seasons_named(folded: str) -> list[str]:
    """The crop seasons a (folded) text names, in order ("dong xuan", "he thu", "mua" …)."""
    return [m.group(1) or m.group(2) for m in _SEASON.finditer(folded)]


def other_season(asked: set[str], folded_sentence: str, folded_line_before: str) -> bool:
    """A season asked, and the sentence speaks of another: it names another and not the one asked, or
    it names none and the last season its paragraph named before it is another ("Vụ Đông Xuân
    2023-2024, tổng diện tích … Diện tích lúa đạt 25.512,4 ha …")."""
    if not asked:
        return False
    own = seasons_named(folded_sentence)
    if own:
        return not asked & set(own)
    earlier = seasons_named(folded_line_before)
    return bool(earlier) and earlier[-1] not in asked
