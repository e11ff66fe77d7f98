"""What a question asks about: its content terms, and the place and period it names.

Officials write "tháng 1", "tháng 01/2023", "quý I", "tỉnh Cao Bằng" — or type it
all without accents.  A named place or period that no ingested report covers is
the commonest way a question falls outside the reports, so the retriever and
the answerer both need to know it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.places import find_provinces
from index.vntext import canonical, folded_tokens, has_diacritics, nfc, strip_diacritics, word_tokens

# function words of questions, folded (no diacritics)
STOPWORDS = set("""
bao nhieu la gi nao co duoc cua trong cac nhung va voi cho o tai thi sao khong hay hoac da
may nhu the ai dau khi ve theo bao cao mot nay do kia ra len vao den tu tren duoi hon
hay cho biet xin vui long ban hoi neu ke liet tom tat cu the gom bang bao gio luc
con vay the ra sao thi sao the nao nhu the nao
phan tram so luong muc tang hay giam
""".split())

# STOPWORDS as written with their marks.  A syllable typed with marks is a function word only in one
# of these forms: "sổ đỏ", "đá", "dầu", "máy", "chợ", "lương", "thẻ" fold to stopwords ("so do", "da",
# "dau", "may", "cho", "luong", "the") but are what the question asks about.  So is a syllable typed
# without marks in a question that has them elsewhere ("cho vay": "vay" is the loan, not "vậy").
MARKED_STOPWORDS = set("""
bao nhiêu là gì nào có được của trong các những nhưng và với cho ở tại thì sao không hay hãy hoặc đã
mấy như thế ai đâu khi về theo báo cáo một này nay đó do kia ra lên vào đến từ trên dưới hơn biết xin
vui lòng bạn hỏi nếu kể liệt tóm tắt cụ thể gồm bằng giờ lúc con còn vậy phần trăm số lượng mức tăng
giảm so đầu
""".split())


def function_words(text: str) -> list[bool]:
    """For each syllable of `word_tokens(text)`: is it a function word (STOPWORDS)?

    Accent-aware: in a question typed with diacritics every syllable is judged as written
    (MARKED_STOPWORDS); only a question typed wholly without them falls back to the folded list.
    """
    if has_diacritics(text):
        return [w in MARKED_STOPWORDS for w in word_tokens(text)]
    return [f in STOPWORDS for f in folded_tokens(text)]


# colloquial words that carry no content, matched as typed with their marks (folded they would
# hide content words: "tới" folds like "tội", "tầm" like "tâm"); bigrams with them still count
ACCENTED_FILLERS = set("""
tới tầm chừng khoảng rồi vừa làm giữa cuối lấy hả hôm cái mà riêng hết đi lại đang tính mỗi bị phải
nhỉ ạ ơi à vậy nào chứ đâu ấy nè luôn cũng đã sẽ nữa chỉ thế được nhiêu ngoái hiện nay
""".split())

QUANTITY_CUES = ("bao nhieu", "may ", "ty le", "phan tram", "muc", "so luong", "tong so", "uoc dat",
                 "dat bao", "tang bao", "giam bao", "gia tri", "kinh phi", "doanh thu", "san luong")

_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|nam|-)\s*(\d{4}))?")
_MONTH_SLASH = re.compile(r"\b(\d{1,2})/(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
# "năm 2023-2024" (a crop season, a school year) spans two years: it names neither alone
_YEAR = re.compile(r"\bnam\s+(\d{4})\b(?!\s*[-–]\s*\d{4})")
# a year typed alone, as people do ("Hà Tĩnh 2024 …", "Sang 2025 …", "hồi 2023"): 19xx/20xx not a horizon or
# a plan's year ("đến 2030", "kế hoạch 2022", "giai đoạn 2021"), nor part of a
# date, a span ("2023-2024"), a number ("2.024") or a period already read ("quý 1/2024", "năm 2024")
_BARE_YEAR = re.compile(r"(?<![\d/.,:–-])(?<!nam )(?<!den )(?<!toi )(?<!hoach )(?<!doan )(?<!nhin )(?<!\d )(?<!- )(?<!– )\b((?:19|20)\d\d)\b(?![\d/.,]\d|\s*[-–]\s*\d)")
_FOLLOWUP = re.compile(r"^(con|the con|vay con|con ve|vay|the)\b|(thi sao|the nao|ra sao)\s*\??$")
# typed without diacritics: month words that cannot be anything else after "thang"
# ("thang sau" may be "tháng sau", next month; "thang nam" may be "tháng năm 2023")
_FOLDED_MONTH_WORDS = {"muoi mot": 11, "muoi hai": 12, "muoi": 10, "gieng": 1, "chap": 12, "mot": 1, "hai": 2,
                       "ba": 3, "tu": 4, "bon": 4, "bay": 7, "tam": 8, "chin": 9}
_FOLDED_MONTH = re.compile(r"\bthang\s+(" + "|".join(sorted(_FOLDED_MONTH_WORDS, key=len, reverse=True))
                           + r")\b(?:\s*(?:/|nam|-)?\s*(\d{4}))?")


def month_words_named(folded: str) -> set[int]:
    """The months a folded text names in words ("tháng Mười" → 10, "tháng Giêng" → 1)."""
    return {_FOLDED_MONTH_WORDS[m.group(1)] for m in _FOLDED_MONTH.finditer(folded)}


_FOLDED_QUARTER_WORDS = re.compile(r"\bquy\s+(mot|hai|ba|bon|tu)\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_FOLDED_CUMUL = re.compile(r"(?<![\d/])\b(\d{1,2}|sau|chin)\s+thang\b(?!\s*\d)(?!\s+(?:toi|qua|nua|truoc|sau|lien))"
                           r"(?:\s+(dau|cuoi))?(?:\s+nam)?(?:\s*(\d{4}))?")
_FOLDED_HALF = re.compile(r"\b(?:nua|ban nien)\s*(dau|cuoi)?\s*nam(?:\s*(\d{4}))?")
_CUMULATIVE_CUE = re.compile(r"\b(?:tu dau nam|tu dau \d{4}|luy ke|tinh chung|cong don)\b")
# a month named as the end of a span or as a date: figures "up to" it, not the month's own
# ("đến tháng 6/2024", "tới hết tháng 9", "cuối tháng 9", "tính đến 20/11/2023")
UP_TO_MONTH = re.compile(r"\b(?:(?:den|toi)\s+(?:het\s+|cuoi\s+|giua\s+)?|cuoi\s+)thang\s+(\d{1,2})\b")
# ... with the month in words ("cuối tháng sáu", "đến hết tháng Mười"): after "cuối" / "đến" a month word
# cannot be "tháng sau" (next month) or "tháng năm" (the month of a year)
_UP_TO_WORDS = {**_FOLDED_MONTH_WORDS, "nam": 5, "sau": 6}
_UP_TO_MONTH_WORD = re.compile(r"\b(?:(?:den|toi)\s+(?:het\s+|cuoi\s+|giua\s+)?|cuoi\s+)thang\s+("
                               + "|".join(sorted(_UP_TO_WORDS, key=len, reverse=True)) + r")\b")
# a target or plan asked: every report of the year restates the year's plan ("đạt 34% kế hoạch năm")
_PLAN_CUE = re.compile(r"\b(?:muc tieu|ke hoach|chi tieu|du toan|du kien|phan dau|nhiem vu|giai phap"
                       r"|phuong huong|trong tam)\b")
_FUTURE_CUE = re.compile(r"\b(?:sẽ|định|phải|sắp|dự định|tiếp tục|đẩy mạnh|chuẩn bị|triển khai)\b")
_FOLDED_FUTURE_CUE = re.compile(r"\b(?:du dinh|tiep tuc|day manh|chuan bi|trien khai)\b")


def asks_plan(info: "QuestionInfo") -> bool:
    """The question may be answered by a task list: it asks for plans, targets or what will be done
    ("nhiệm vụ", "kế hoạch", "sẽ", "tiếp tục" …), or it asks for no figure at all.  A question for a
    figure without such a cue asks for a result ("thu ngân sách quý II đạt bao nhiêu")."""
    return bool(_PLAN_CUE.search(info.folded) or _FUTURE_CUE.search(canonical(info.text))
                or _FOLDED_FUTURE_CUE.search(info.folded) or not info.wants_quantity)


_Q_QUARTER = re.compile(r"\bq([1-4])(?:\s*/\s*(\d{4}))?\b")
_FROM_JANUARY = re.compile(r"\btu thang (?:0?1|gieng|mot)\b(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?\s*(?:den|toi|-|–)\s*"
                           r"(?:het |cuoi )?thang (\d{1,2})\b")
_WHOLE_YEAR = re.compile(r"\b(?:ca nam|tron nam|12 thang)\b(?:\s*(\d{4}))?")


@dataclass
class QuestionInfo:
    text: str
    folded: str
    terms: list[str]                      # folded content syllables
    bigrams: list[str]
    provinces: list[str] = field(default_factory=list)
    months: list[tuple[int, int | None]] = field(default_factory=list)   # (month, year|None)
    quarters: list[tuple[int, int | None]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)                       # written "năm YYYY"
    wants_quantity: bool = False
    is_followup: bool = False
    # issue 12
    halves: list[tuple[int, int | None]] = field(default_factory=list)   # (1|2, year|None): "6 tháng đầu năm"
    cumulative: list[tuple[int | None, int | None]] = field(default_factory=list)
    # ^ (months from January|None, year|None): "10 tháng năm 2023", "9 tháng", "từ đầu năm" (None: to the month named)
    is_cumulative: bool = False           # asks for figures from January ("lũy kế", "từ đầu năm", "N tháng")
    date_months: list[tuple[int, int]] = field(default_factory=list)     # months read from dates ("16/01/2023")
    up_to_months: list[int] = field(default_factory=list)   # months named as a span's end ("đến tháng 6")

    @property
    def asks_month(self) -> bool:
        """The question asks for one month's own figure: it names a month other than as a date or
        as the end of a span ("tháng 10/2023", not "đến 20/10/2023" nor "đến hết tháng 9")."""
        dated = {m for m, _ in self.date_months} | set(self.up_to_months)
        return any(m not in dated for m, _ in self.months)

    @property
    def named_years(self) -> list[int]:
        """Every year the question names, in any form ("năm 2022", "tháng 10/2023", "quý I/2024")."""
        ys = list(self.years)
        for _, y in self.months + self.quarters + self.halves + self.cumulative:
            if y and y not in ys:
                ys.append(y)
        return ys

    @property
    def names_period(self) -> bool:
        return bool(self.months or self.quarters or self.halves or self.cumulative or self.named_years)


def _add(lst: list, item) -> None:
    if item not in lst:
        lst.append(item)


def _read_periods(info: QuestionInfo, question: str, folded: str) -> None:
    """Months, quarters, halves and cumulative spans: digits or words, with or without diacritics."""
    if has_diacritics(question):
        from index.metadata import _expressions
        exprs = _expressions(question, lenient_words=True)
        for e in exprs:
            if e.kind == "month":
                _add(info.months, (e.value, e.year))
            elif e.kind == "quarter":
                _add(info.quarters, (e.value, e.year))
            elif e.kind == "half":
                _add(info.halves, (e.value, e.year))
            elif e.kind == "cumul":
                _cumul(info, e.value, e.edge, e.year)
        # a year written after the period ("tháng Mười năm 2023" is read whole; "quý 1, năm 2024" is not)
    else:
        for m in _MONTH.finditer(folded):
            month = int(m.group(1))
            if 1 <= month <= 12 and not re.search(r"\bngay\s*\d*\s*$", folded[:m.start()]):
                year = int(m.group(2)) if m.group(2) else None
                _add(info.months, (month, year))
        for m in _FOLDED_MONTH.finditer(folded):
            _add(info.months, (_FOLDED_MONTH_WORDS[m.group(1)], int(m.group(2)) if m.group(2) else None))
        for m in _QUARTER.finditer(folded):
            q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1), None) or int(m.group(1))
            _add(info.quarters, (q, int(m.group(2)) if m.group(2) else None))
        for m in _FOLDED_QUARTER_WORDS.finditer(folded):
            q = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4}[m.group(1)]
            _add(info.quarters, (q, int(m.group(2)) if m.group(2) else None))
        for m in _FOLDED_HALF.finditer(folded):
            _add(info.halves, (2 if m.group(1) == "cuoi" else 1, int(m.group(2)) if m.group(2) else None))
        for m in _FOLDED_CUMUL.finditer(folded):
            if re.search(r"(?:\bthang|\bngay\s*\d*)\s*$", folded[:m.start()]):
                continue
            n = {"sau": 6, "chin": 9}.get(m.group(1)) or int(m.group(1))
            if 2 <= n <= 12:
                _cumul(info, n, {"dau": "đầu", "cuoi": "cuối"}.get(m.group(2) or ""), int(m.group(3)) if m.group(3) else None)
    # a year written once for the period before it: "tháng 7 năm 2023" is read whole above; "quý 1, năm 2024"
    if info.years:
        y = info.years[0]
        info.months = [(m, yy or y) for m, yy in info.months] if len(set(info.years)) == 1 else info.months
        info.quarters = [(q, yy or y) for q, yy in info.quarters] if len(set(info.years)) == 1 else info.quarters
        info.halves = [(h, yy or y) for h, yy in info.halves] if len(set(info.years)) == 1 else info.halves
        info.cumulative = [(n, yy or y) for n, yy in info.cumulative] if len(set(info.years)) == 1 else info.cumulative
    span = _FROM_JANUARY.search(folded)
    if span and 2 <= int(span.group(1)) <= 12:
        # "từ tháng 1 tới tháng 9 năm 2025": the months added up since January, not two months
        n = int(span.group(1))
        years = {y for m, y in info.months if m in (1, n) and y}
        info.months = [(m, y) for m, y in info.months if m not in (1, n)]
        _cumul(info, n, None, years.pop() if len(years) == 1 else None)
    whole = _WHOLE_YEAR.search(folded)
    if whole and not any(n == 12 for n, _ in info.cumulative):
        # "cả năm 2022": the whole year's figures
        _cumul(info, 12, None, int(whole.group(1)) if whole.group(1) else (info.years[0] if info.years else None))
    if _CUMULATIVE_CUE.search(folded):
        info.is_cumulative = True
        if not info.cumulative:
            # "lũy kế đến tháng 7": figures from January to the month named (None: to the report's month)
            if info.months:
                info.cumulative = [(m, y) for m, y in info.months]
                info.months = []
            else:
                info.cumulative = [(None, info.years[0] if info.years else None)]


def _cumul(info: QuestionInfo, n: int, edge: str | None, year: int | None) -> None:
    if edge == "cuối":
        if n == 6:
            _add(info.halves, (2, year))
        elif n == 3:
            _add(info.quarters, (4, year))
        return
    info.is_cumulative = True
    if n == 12:
        _add(info.cumulative, (12, year))
        return
    _add(info.cumulative, (n, year))
    if n == 6:
        _add(info.halves, (1, year))


# the period a figure is compared with, not the one asked: "so với tháng 12", "so với cùng kỳ năm 2022",
# "so với tháng Giêng năm ngoái", "so với năm 2021" (folded, lower case)
_BASELINE = re.compile(r"\bso voi\s+(?:cung ky\s+)?(?:thang|quy|nam|ky)\s+[^\s,;?.]+(?:\s+nam\s+[^\s,;?.]+)?")
# the period a target covers, not the one asked: "tháng 1 mới được mấy phần trăm chỉ tiêu cả năm" asks
# about January ("đạt 6,6% kế hoạch" is January's figure against the year's plan)
TARGET_SPAN = re.compile(r"\b(?:chi tieu|ke hoach|du toan|muc tieu)\s+(?:ca|tron)\s+nam\b")


def without_baseline(question: str) -> str:
    """The question without the period it compares with ("… tháng này so với tháng 12 tăng hay giảm"
    asks about this month, not December) or a target's ("… chỉ tiêu cả năm"): the periods left are the
    ones asked."""
    text = nfc(question)
    folded = strip_diacritics(text).lower()
    if len(folded) != len(text):            # a letter folded to two: leave the question whole
        return question
    keep = [True] * len(text)
    for m in list(_BASELINE.finditer(folded)) + list(TARGET_SPAN.finditer(folded)):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
    return "".join(c for c, k in zip(text, keep) if k)


# "nhiêu" alone, as people say and type "bao nhiêu" ("được nhiêu ha rồi?", "Nhiêu tiền?"): with its mark
# only ("nhieu" is also "nhiều", many), and capitalised only opening the question ("kênh Nhiêu Lộc" is a name)
_ELIDED_HOW_MANY = re.compile(r"(?<!\w)(nhiêu|^\s*Nhiêu)(?!\w)")


def written_form(question: str) -> str:
    """The question with the spoken shortenings a report's reader understands written out: "được nhiêu ha"
    asks "bao nhiêu ha" (a quantity, in hectares)."""
    def expand(m: re.Match) -> str:
        before = composed[:m.start()].rstrip().lower()
        if re.search(r"(?<!\w)bao$", before):
            return m.group(0)
        word = m.group(1).strip()
        return m.group(1)[:len(m.group(1)) - len(word)] + ("Bao nhiêu" if word[0] == "N" else "bao nhiêu")
    composed = nfc(question)
    return _ELIDED_HOW_MANY.sub(expand, composed) if _ELIDED_HOW_MANY.search(composed) else question


def analyse(question: str) -> QuestionInfo:
    question = written_form(question)
    folded = strip_diacritics(canonical(question))
    folded = re.sub(r"\s+", " ", folded).strip()
    # periods and years are read without the compared-with period
    asked = without_baseline(question)
    asked_folded = re.sub(r"\s+", " ", strip_diacritics(canonical(asked))).strip()
    toks = folded_tokens(question)
    function = function_words(question)
    content = [t for t, f in zip(toks, function) if not f]
    bigrams = [a + "_" + b for a, b, fa, fb in zip(toks, toks[1:], function, function[1:]) if not (fa and fb)]
    info = QuestionInfo(text=question, folded=folded, terms=content, bigrams=bigrams)
    info.provinces = find_provinces(question)
    info.years = [int(y) for y in _YEAR.findall(asked_folded)]
    info.years += [y for y in (int(v) for v in _BARE_YEAR.findall(asked_folded)) if y not in info.years]
    _read_periods(info, asked, asked_folded)
    for m in _Q_QUARTER.finditer(asked_folded):                 # "Q1/2024"
        _add(info.quarters, (int(m.group(1)), int(m.group(2)) if m.group(2) else None))
    info.up_to_months = [int(m.group(1)) for m in UP_TO_MONTH.finditer(asked_folded)] + \
        [_UP_TO_WORDS[m.group(1)] for m in _UP_TO_MONTH_WORD.finditer(asked_folded)]
    if not info.months:
        for m in _MONTH_SLASH.finditer(asked_folded):
            month = int(m.group(1))
            if re.search(r"\b(?:quy\s+|q)$", asked_folded[:m.start()]):
                continue                                      # "quý 1/2024" is a quarter
            if (month, int(m.group(2))) in info.cumulative:
                continue                                      # "từ tháng 1 đến tháng 9/2025": the span's end
            if 1 <= month <= 12:
                info.months.append((month, int(m.group(2))))
                if re.search(r"\d/\s*$", asked_folded[:m.start()]):
                    info.date_months.append((month, int(m.group(2))))
    info.wants_quantity = any(c in folded + " " for c in QUANTITY_CUES)
    info.is_followup = bool(_FOLLOWUP.search(folded)) and len(content) <= 6
    return info


# the marks of a question or a search, folded: a question word, a quantity asked, "?"
_ASKS = re.compile(r"\?|\b(?:bao nhieu|may|nao|gi|ai|dau|sao|khong|chua|ha|nhi|bao gio|the|ty le|so luong|tong so"
                   r"|muc|cho biet|liet ke)\b")


def asks_something(info: "QuestionInfo") -> bool:
    """Is the text a question or a request for something ("… bao nhiêu?", "Cho biết …", "dư nợ tín dụng
    tháng 1" — a search typed as the report's words counts too, see `qa/extractive.py`)?"""
    return bool(_ASKS.search(info.folded.lower())) or info.wants_quantity


# how a report's period meets what a question names, best first
EXACT, COVERS, PLAN, UNKNOWN, NO = "exact", "covers", "plan", "unknown", "no"
_FIT_ORDER = {EXACT: 0, COVERS: 1, PLAN: 2, UNKNOWN: 3, NO: 4}


def _span(meta: dict) -> set[int] | None:
    """The months a report's own period covers (None when its kind is unknown)."""
    kind = meta.get("period_kind")
    if kind == "month" and meta.get("month"):
        return {meta["month"]}
    if kind == "quarter" and meta.get("quarter"):
        q = meta["quarter"]
        return set(range(3 * q - 2, 3 * q + 1))
    if kind == "half" and meta.get("half"):
        return set(range(1, 7)) if meta["half"] == 1 else set(range(7, 13))
    if kind == "year":
        return set(range(1, 13))
    return None


def _cumulative_of(meta: dict) -> int | None:
    if meta.get("cumulative_months"):
        return meta["cumulative_months"]
    if meta.get("period_kind") == "year":
        return 12
    if meta.get("period_kind") == "half" and meta.get("half") == 1:
        return 6
    return None


def period_fit(info: QuestionInfo, meta: dict) -> str:
    """How a report (by registry meta) meets the period a question names: EXACT, COVERS, PLAN, UNKNOWN or NO.

    The rules, for a question that names several periods the best fit of any:

    - Month ("tháng 7", "tháng Mười/2023"): EXACT for that month's report; COVERS for a quarter, half or
      year report whose period contains it; PLAN for the report whose task list plans for it, unless
      the question asks for a result (a figure, with no cue of plans or tasks: `asks_plan`; the same
      below).  A monthly
      report's *cumulative* figures do NOT cover a plain month question: "tháng 7" asks for July's own
      figures, and an October report's "10 tháng năm 2023" adds July to nine other months without
      stating it — so it is NO, and the question abstains when no report covers July.
    - Cumulative ("7 tháng năm 2023", "lũy kế đến tháng 7", "từ đầu năm", "9 tháng"): figures from
      January over N months.  EXACT for a report whose cumulative figures span exactly N months (or,
      its span unread, the month-N report); COVERS for a report whose cumulative figures run from
      January past month N ("10 tháng năm 2023" covers months 1..10 for such questions), ranked after
      an exact one; "từ đầu năm" without N: any report with cumulative figures.
    - Quarter ("quý I", "quý 1/2024", "3 tháng đầu năm"): EXACT for the quarter's report or one with
      3q months of cumulative figures ("9 tháng" for quý III); COVERS for a month inside it, a half or
      year containing it; PLAN for a report planning that quarter.
    - Half ("6 tháng đầu năm", "nửa đầu năm 2024", "6 tháng cuối năm"): EXACT for the half's report
      (or 6 months of cumulative figures for the first half); COVERS for a month inside it or the year
      report; PLAN for a report planning it.
    - Year alone ("năm 2022", no finer period named; targets such as "đến năm 2030" do not count):
      EXACT for that year's annual report; COVERS for any report of that year or of the next one (the
      next year's reports carry the year's results: a January report closes the previous year, and
      every report compares with "cùng kỳ năm trước"); PLAN for a report planning that year, unless the
      question asks for a result (a 2022 report's plan for 2023 holds no 2023 figure).
    - The whole year's target or plan ("mục tiêu / kế hoạch / dự toán cả năm 2024"): COVERS for any
      report of that year, since each restates the year's plan.
    - A year written with a finer period must match the report's year; a finer period without a year
      matches any year.
    - UNKNOWN when the report's period (or, for a year question, its year) was not read: unknown is
      never a "no".
    """
    kind, year = meta.get("period_kind") or "", meta.get("year")
    pyear = meta.get("plan_year")
    span = _span(meta)
    cumul = _cumulative_of(meta)
    if not kind and year is None:
        return UNKNOWN
    best = NO
    # a report's task list answers for a later period unless the question asks for a result:
    # "thu ngân sách quý II đạt bao nhiêu" is not answered by "phấn đấu quý II thu ..."
    plan_asked = asks_plan(info)

    def better(fit: str) -> None:
        nonlocal best
        if _FIT_ORDER[fit] < _FIT_ORDER[best]:
            best = fit

    def year_ok(qy: int | None, ry: int | None = year) -> bool | None:
        if qy is None:
            return True
        if ry is None:
            return None
        return qy == ry

    def judge(ok: bool | None, fit: str) -> None:
        better(fit if ok else (UNKNOWN if ok is None else NO))

    for qm, qy in info.months:
        ok = year_ok(qy)
        if span is None:
            judge(ok if ok is False else None, UNKNOWN)
        elif kind == "month" and meta.get("month") == qm:
            judge(ok, EXACT)
        elif kind != "month" and qm in span:
            judge(ok, COVERS)
        elif (qm, qy) in info.date_months and year is not None and (year, max(span)) >= (qy, qm):
            better(COVERS)     # a date before the report's period ends: a document the report may cite
        if plan_asked and meta.get("plan_month") == qm and year_ok(qy, pyear) is not False:
            better(PLAN)
    for qn, qy in info.cumulative:
        ok = year_ok(qy)
        if qn == 12 and _PLAN_CUE.search(info.folded) and year is not None:
            judge(ok, COVERS)          # the year's target or plan ("mục tiêu cả năm 2024"): any report of the year
            continue
        if qn is None:
            if cumul:
                judge(ok, EXACT)
            elif span is None:
                judge(ok if ok is False else None, UNKNOWN)
            else:
                judge(ok, COVERS)      # "từ đầu năm": the report's own period, its cumulative span unread
            continue
        if cumul == qn or (cumul is None and kind == "month" and meta.get("month") == qn):
            judge(ok, EXACT)
        elif cumul is not None and cumul > qn:
            judge(ok, COVERS)
        elif span is None:
            judge(ok if ok is False else None, UNKNOWN)
    for qq, qy in info.quarters:
        ok = year_ok(qy)
        months = set(range(3 * qq - 2, 3 * qq + 1))
        if meta.get("quarter") == qq or cumul == 3 * qq and kind == "quarter":
            judge(ok, EXACT)
        elif span is None:
            judge(ok if ok is False else None, UNKNOWN)
        elif span & months and (kind == "month" or months <= span):
            judge(ok, COVERS)
        if plan_asked and meta.get("plan_quarter") == qq and year_ok(qy, pyear) is not False:
            better(PLAN)
    for qh, qy in info.halves:
        ok = year_ok(qy)
        months = set(range(1, 7)) if qh == 1 else set(range(7, 13))
        if meta.get("half") == qh or (qh == 1 and cumul == 6):
            judge(ok, EXACT)
        elif span is None:
            judge(ok if ok is False else None, UNKNOWN)
        elif span <= months or months <= span:
            judge(ok, COVERS)
        if plan_asked and meta.get("plan_half") == qh and year_ok(qy, pyear) is not False:
            better(PLAN)
    if not (info.months or info.cumulative or info.quarters or info.halves):
        for qy in period_years(info):
            if year is None:
                better(UNKNOWN)
            elif qy == year:
                better(EXACT if kind == "year" else COVERS)
            elif qy == year - 1:
                better(COVERS)
            elif qy == pyear and plan_asked:
                better(PLAN)
    return best


def period_years(info: QuestionInfo) -> list[int]:
    """Years a question asks about as its period: "năm 2022", not a target ("đến năm 2030", "giai đoạn
    2021 - 2025", "tầm nhìn 2050")."""
    out = []
    for m in _YEAR.finditer(info.folded):
        if re.search(r"\b(?:den|toi|tam nhin|giai doan|tu|truoc|sau|ke tu)\s*$", info.folded[:m.start()]):
            continue
        y = int(m.group(1))
        if y not in out:
            out.append(y)
    return out


def names_period(info: QuestionInfo) -> bool:
    """Does the question name a period a report can be checked against?"""
    return bool(info.months or info.cumulative or info.quarters or info.halves or period_years(info))


def period_matches(info: QuestionInfo, meta: dict) -> tuple[bool | None, bool]:
    """(covers, plan_only): does a report (by registry meta) cover the period the question names?

    `covers` is True (known to cover), False (known not to) or **None: the report's period is
    unknown** — a caller must keep such a report as a candidate, never exclude it (issue 12; before,
    this returned a plain bool and an unread period counted as "no").  `plan_only`: it covers the
    period only through its task list ("nhiệm vụ trọng tâm tháng 02").  See `period_fit` for the rules.
    """
    if not names_period(info):
        return True, False
    fit = period_fit(info, meta)
    if fit in (EXACT, COVERS):
        return True, False
    if fit == PLAN:
        return True, True
    if fit == UNKNOWN:
        return None, False
    return False, False
