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
from index.vntext import canonical, folded_tokens, strip_diacritics

# function words of questions, folded (no diacritics)
STOPWORDS = set("""
bao nhieu la gi nao co duoc cua trong cac nhung va voi cho o tai thi sao khong hay hoac da
may nhu the ai dau khi ve theo bao cao mot nay do kia ra len vao den tu tren duoi hon
hay cho biet xin vui long ban hoi neu ke liet tom tat cu the gom bang bao gio luc
con vay the ra sao thi sao the nao nhu the nao
phan tram so luong muc tang hay giam
""".split())

QUANTITY_CUES = ("bao nhieu", "may ", "ty le", "phan tram", "muc", "so luong", "tong so", "uoc dat",
                 "dat bao", "tang bao", "giam bao", "gia tri", "kinh phi", "doanh thu", "san luong")

_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|nam|-)\s*(\d{4}))?")
_MONTH_SLASH = re.compile(r"\b(\d{1,2})/(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b")
_FOLLOWUP = re.compile(r"^(con|the con|vay con|con ve|vay|the)\b|(thi sao|the nao|ra sao)\s*\??$")


@dataclass
class QuestionInfo:
    text: str
    folded: str
    terms: list[str]                      # folded content syllables
    bigrams: list[str]
    provinces: list[str] = field(default_factory=list)
    months: list[tuple[int, int | None]] = field(default_factory=list)   # (month, year|None)
    quarters: list[tuple[int, int | None]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    wants_quantity: bool = False
    is_followup: bool = False


def analyse(question: str) -> QuestionInfo:
    folded = strip_diacritics(canonical(question))
    folded = re.sub(r"\s+", " ", folded).strip()
    toks = folded_tokens(question)
    content = [t for t in toks if t not in STOPWORDS]
    bigrams = [a + "_" + b for a, b in zip(toks, toks[1:]) if not (a in STOPWORDS and b in STOPWORDS)]
    info = QuestionInfo(text=question, folded=folded, terms=content, bigrams=bigrams)
    info.provinces = find_provinces(question)
    for m in _MONTH.finditer(folded):
        month = int(m.group(1))
        if 1 <= month <= 12:
            year = int(m.group(2)) if m.group(2) else None
            if year is None:
                ym = _YEAR.search(folded[m.end():m.end() + 12])
                year = int(ym.group(1)) if ym else None
            info.months.append((month, year))
    if not info.months:
        for m in _MONTH_SLASH.finditer(folded):
            month = int(m.group(1))
            if 1 <= month <= 12:
                info.months.append((month, int(m.group(2))))
    for m in _QUARTER.finditer(folded):
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1), None) or int(m.group(1))
        info.quarters.append((q, int(m.group(2)) if m.group(2) else None))
    info.years = [int(y) for y in _YEAR.findall(folded)]
    info.wants_quantity = any(c in folded + " " for c in QUANTITY_CUES)
    info.is_followup = bool(_FOLLOWUP.search(folded)) and len(content) <= 6
    return info


def period_matches(info: QuestionInfo, meta: dict) -> tuple[bool, bool]:
    """(covers, plan_only): does a report (by registry meta) cover the months the question names?

    A monthly report covers its own month and, for its task list, the month it plans for.
    """
    if not info.months and not info.quarters:
        return True, False
    month, year = meta.get("month"), meta.get("year")
    pmonth, pyear = meta.get("plan_month"), meta.get("plan_year")
    for qm, qy in info.months:
        if month == qm and (qy is None or qy == year):
            return True, False
        if meta.get("period_kind") == "quarter" and meta.get("quarter") and \
                (qm - 1) // 3 + 1 == meta.get("quarter") and (qy is None or qy == year):
            return True, False
        if meta.get("period_kind") in ("year", "half") and (qy is None or qy == year):
            return True, False
    for qm, qy in info.months:
        if pmonth == qm and (qy is None or qy == pyear):
            return True, True
    for qq, qy in info.quarters:
        if meta.get("quarter") == qq and (qy is None or qy == year):
            return True, False
        if month and (month - 1) // 3 + 1 == qq and (qy is None or qy == year):
            return True, False
    return False, False
