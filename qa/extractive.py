"""The offline answerer: pick the sentence(s) that answer, quote them with [n] markers.

No generative model is available offline, so the default answer is extractive:
every sentence of the retrieved chunks (body sentences and footnote sentences)
is scored by how much of the question's content it covers, weighted by term
rarity (BM25 idf), with a bonus for a sentence holding a number when the
question asks for a quantity (accent-aware per syllable; abbreviations and the
vocabulary bridge count for the question's phrases), plus its meaning: the
cosine of its stored vector (index/sentence_vectors.py) with the question's,
given by the caller as `similarity` (qa/pipeline.py).  Long sentences are cut to
the clauses that carry the answer.  We abstain when the calibrated confidence
of the best sentence (`Evidence` -> qa/calibration.json, fitted by
eval/calibrate.py) is under its threshold or its coverage under MIN_COVERAGE,
when only another period's figure is there (qa/periods.py), when the sentence
does not name the thing asked (a subject of qa/subjects.py, what a rate is of,
the part of a total, a qualifying number, the side of an account), when a
figure is asked and the sentence states none, when the text asks nothing in
words the reports use, when the question names a district or commune and the
sentence is another place's (such a sentence is ranked down too), when it asks of a name ("Tam Cốc")
that no passage found holds, when a count is asked and the sentence gives only rates or a change is
asked and it gives only a level, when another crop season is the sentence's, or when the question
names a province or period no report covers and the passage does not mention it.  A question about
the report itself ("Ai ký báo cáo?") is answered by the block it prints (qa/report_parts.py), and a
table row is quoted under its table's column heads.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from langchain_core.documents import Document

from index.abbreviations import expansion_terms, phrase_alternates
from index.chunking import report_line
from index.places import (find_mentions, local_units_in, named_local_units, names_own_place, names_place,
                          own_provinces)
from index.sentence_vectors import is_table_row, sentence_units
from index.vntext import (canonical, capitalised, fold_token, folded_terms, has_diacritics, nfc, question_keys,
                          strip_diacritics, word_tokens)

from .periods import (ANY_PERIOD, PeriodAsked, asked_year, asks_target, continues_before, is_target, month_only_title,
                      part_of_before, period_kind_of, states_month, states_target)
from .question import (ACCENTED_FILLERS, STOPWORDS, QuestionInfo, analyse, asks_plan, function_words,
                       asks_something, written_form)
from .retriever import is_task_section
from .report_parts import block_text, report_part_asked
from .results import Answer, Citation, abstention
from .subjects import duties_for_trade, is_part, named_subjects, other_side_only, trade_unnamed

SECOND_SENTENCE_COVERAGE = 0.30   # a second quoted sentence must cover this much of the question itself
PERIOD_MISMATCH_PENALTY = 0.15    # a month's figure asked, a cumulative one found (or the reverse)
# a sentence covering less than this share of the question's weight is never evidence, whatever the
# calibrated model says: on every gated set (dev and test splits) the rule drops 15 wrong answers
# (injections, questions about nothing the reports hold) and 13 right ones
MIN_COVERAGE = 0.20
HEADING_CONTEXT = 0.5        # weight of question terms found only in the section heading
FOOTNOTE_CONTEXT = 0.7       # ...or, for a footnote, in the body that cites it
NO_NUMBER_PENALTY = 0.25     # a quantity question answered by a sentence without any number
# a text that asks nothing (no question word, no quantity, no "?") is a search only in the reports' words:
# an instruction or chatter most of whose weight is in words no report uses is not answered with a quote
NOT_ASKED_UNKNOWN = 0.25
# a sentence none of whose own words is asked about (it meets the question only through its heading,
# the body citing it or its report's place and period) is not evidence — unless it is its passage's only
# one ("Chữ ký: Dương Xuân Huyền"), which its heading describes whole
OWN_WORDS_PENALTY = 0.25
SIMILARITY_WEIGHT = 1.0      # sentence ranking: coverage + this x (cosine - the best cosine)
LONG_SENTENCE = 320          # characters; longer sentences are cut to their best clauses
_DIGIT = re.compile(r"\d")
# the unit a question asks a figure in ("bao nhiêu tấn", "mấy phần trăm", "bao nhieu ha"): a sentence
# with figures but none in that unit's dimension states another quantity (hectares for tonnes).  The
# sentence's units are index.numbers' normalised ones ("tạ/ha" counts for both of its parts).
_ASKED = r"(?:bao nhi[eê]u|m[aấ]y)\s+(?:(?:ngh[iì]n|ng[aà]n|tri[eệ]u|v[aạ]n)\s+)?"
_DIMENSIONS = {
    "mass": (re.compile(_ASKED + r"(?:tấn|tạ|kg|kilôgam|tan)(?!\w)"), {"tấn", "tạ", "kg", "g"}),
    "area": (re.compile(_ASKED + r"(?:ha|héc[\s-]?ta|hecta|hec[\s-]?ta|m2|m²|km2|km²)(?!\w)"), {"ha", "m²", "km²"}),
    "percent": (re.compile(_ASKED + r"(?:phần trăm|phan tram|%)"), {"%"}),
    "volume": (re.compile(_ASKED + r"(?:mét khối|met khoi|m3|m³|khối)(?!\w)"), {"m³"}),
    # money: "bao nhiêu tiền", "bao nhiêu tỷ đồng", "mấy triệu USD" (not "bao nhiêu tỷ lệ")
    "money": (re.compile(r"(?:bao nhi[eê]u|m[aấ]y)\s+(?:(?:ngh[iì]n|ng[aà]n|tri[eệ]u|t[ỷỉ]|ty|ti)\s+)?"
                         r"(?:đồng|dong|usd|đô la|đô|tiền|tien)(?!\w)|(?:bao nhi[eê]u|m[aấ]y)\s+t[ỷỉ](?!\w)(?!\s*l[ệe])"),
              {"đồng", "USD"}),
}
UNIT_PENALTY = 0.25           # a figure asked in one unit answered by a sentence giving none in it
CHANGE_PENALTY = 0.25         # a change asked ("tăng bao nhiêu %") ranked against a sentence giving only a level
PLACE_PENALTY = 0.25          # a sentence of another district's or commune's report than the one asked
SUBJECT_PENALTY = 0.25        # a sentence that does not name the thing asked about ("vịt", "ung thư")
# the thing counted ("bao nhiêu cây lâm nghiệp", "mấy doanh nghiệp"): a sentence that prints a figure
# followed by it ("104,6 triệu cây lâm nghiệp") states that count
COUNTED_BONUS = 0.06          # per syllable of the counted noun found right after a figure (two at most)
_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+([a-z]+)(?:\s+([a-z]+))?")
_NOT_COUNTED = {"phan", "tram", "tien", "lan", "nghin", "ngan", "trieu", "ty", "van", "nam", "thang", "ngay",
                "la", "duoc", "thi", "vay", "the", "so", "con", "cai", "chiec", "nguoi", "nhieu",
                "mot", "moi"}      # "bao nhiêu một ký", "bao nhiêu mỗi tấn": a price per unit, not a count


# a count asked by its classifier alone ("bao nhiêu chiếc", "mấy con", "bao nhiêu người"): no counted noun
# to match, but a count still, which a sentence of percentages does not give
_COUNT_ASKED = re.compile(r"\b(?:bao nhieu|may)\s+(?:con|cai|chiec|nguoi)\b")


def counted_noun(folded_question: str) -> list[str]:
    """The (folded) syllables of what a question counts, after 'bao nhiêu' / 'mấy' (at most two)."""
    m = _COUNTED.search(folded_question)
    if not m or m.group(1) in _NOT_COUNTED:
        return []
    return [m.group(1)] + ([m.group(2)] if m.group(2) and m.group(2) not in STOPWORDS else [])


_CLASSIFIERS = {"vu", "luot", "ho", "can", "ngoi", "chiec", "lan", "ca", "cuoc", "dot", "loai"}


def counted_match(noun: list[str], folded_sentence: str) -> int:
    """How many syllables of the counted noun follow a figure in the sentence (0, 1 or 2); a classifier
    ("vụ", "lượt", "hộ") counts nothing alone: "312 vụ tai nạn" does not count fires ("bao nhiêu vụ cháy")."""
    for n in range(len(noun), 0, -1):
        if re.search(r"\d[\d.,]*\s+(?:(?:nghin|trieu|ty|van)\s+)?" + r"\s+".join(noun[:n]) + r"\b",
                     folded_sentence):
            return n - (noun[0] in _CLASSIFIERS)
    return 0


# a date or a document number asked ("đề ngày bao nhiêu", "công văn số mấy", "năm bao nhiêu"): the answer
# is a date or a number that states no quantity
_ASKS_DATE_OR_NUMBER = re.compile(r"\b(?:ngay|so|hieu|nam|thang|quy|lan thu)\s+(?:bao nhieu|may)\b")


_ADDITION_ASKED = re.compile(r"\b(?:them|tang|giam)\b")


def only_additions(noun: list[str], folded_sentence: str) -> bool:
    """Is every figure of the counted noun in the sentence an addition ("có thêm 24 xã đạt chuẩn")?"""
    found = list(re.finditer(r"(\S+\s+)?\d[\d.,]*\s+" + re.escape(noun[0]) + r"\b", folded_sentence))
    return bool(found) and all((m.group(1) or "").strip() == "them" for m in found)


def asks_date_or_number(folded_question: str) -> bool:
    """Does a (folded, lower-case) question ask for a date or a document number, not a quantity?"""
    return bool(_ASKS_DATE_OR_NUMBER.search(folded_question))


_MULTIPLIER_WORD = re.compile(r"^(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+", re.IGNORECASE)


def asked_dimensions(question_lower: str) -> list[str]:
    """Dimensions whose unit the question names right after 'bao nhiêu' / 'mấy'."""
    return [d for d, (asked, _) in _DIMENSIONS.items() if asked.search(question_lower)]


def figure_units(text: str) -> set[str] | None:
    """The units of the figures a text states (each part of "tạ/ha"), or None when it states none (only
    a year, a date or a document number)."""
    if not _DIGIT.search(text):
        return None
    from index.numbers import find_numbers, normalize_unit
    figures = [m for m in find_numbers(text) if m.kind in ("number", "percent", "ratio")]
    if not figures:
        return None
    units = {part for m in figures for part in m.unit.split("/")}
    # a table prints its units in a column of their own ("Than nguyên khai | Triệu tấn | 12,5")
    cells = (_MULTIPLIER_WORD.sub("", c.strip()) for c in text.split("|")) if "|" in text else ()
    return units | {part for c in cells if len(c) < 16 for part in normalize_unit(c).split("/") if part}


# a change asked ("giảm được bao nhiêu hộ nghèo", "tăng thêm mấy doanh nghiệp") and a sentence stating one
_ASKS_CHANGE = re.compile(r"\b(?:giam|tang)(?: duoc| them| len| xuong| di)? (?:bao nhieu|may)\b")
_ASKS_CHANGE_MARKED = re.compile(r"\b(?:giảm|tăng)(?: được| thêm| lên| xuống| đi)? (?:bao nhiêu|mấy)\b")
_STATES_CHANGE = re.compile(r"\b(?:giam|tang|thoat ngheo|ha|vuot|bang|so voi|chenh lech)\b")


def asks_change(question: str) -> bool:
    """Does the question ask by how much something rose or fell?  Accent-aware: "tặng bao nhiêu suất
    quà" gives, it does not rise; without marks "tang bao nhieu" is read as a rise."""
    text = canonical(question).lower()
    if has_diacritics(text):
        return bool(_ASKS_CHANGE_MARKED.search(text))
    return bool(_ASKS_CHANGE.search(strip_diacritics(text)))


def states_change(folded_sentence: str) -> bool:
    """Does the (folded) sentence state a change or a comparison, not only a level?"""
    return bool(_STATES_CHANGE.search(folded_sentence))


def only_rates(text: str) -> bool:
    """Are all the sentence's figures percentages (a rate, a share, a change), none a count or amount?
    A table row's figures are in the unit of its unit column ("Tỷ lệ hộ nghèo | % | 0 | 0,12")."""
    units = figure_units(text) or set()
    if is_table_row(text):
        return "%" in {c.strip() for c in text.split("|")} and units <= {"", "%"}
    return units == {"%"}


_PERIOD_LENGTHS = {"tháng", "quý", "năm"}
_DURATION_ASKED = re.compile(r"\b(?:bao nhieu|may)\s+(?:thang|quy|nam)\b")


def rates_and_periods_only(text: str) -> bool:
    """`only_rates`, where a period's length ("IIP 7 tháng tăng 11,7%") is when the rates are of, and a
    figure per unit ("năng suất sữa 22,5 kg/con/ngày") is a rate too: no count either."""
    if only_rates(text):
        return True
    if is_table_row(text) or not _DIGIT.search(text):
        return False
    from index.numbers import find_numbers
    figures = [m for m in find_numbers(text) if m.kind in ("number", "percent", "ratio")]
    return bool(figures) and all(m.kind == "percent" or m.unit == "%" or "/" in m.unit or m.unit in _PERIOD_LENGTHS
                                 for m in figures)


# what a count by "con", "cái", "chiếc" or "người" is not: households, places, time, weights, areas, lengths,
# money ("bao nhiêu con lợn" is not "9 hộ"; "bao nhiêu người" may be "4.265 lao động" or "12.000 lượt")
_OTHER_THAN_HEADS = {"hộ", "xã", "huyện", "ngày", "tháng", "năm", "vụ", "ha", "tấn", "tạ", "kg", "đồng", "USD", "km",
                     "m", "m²", "km²", "m³"}


def counted_otherwise(text: str) -> bool:
    """Asked a count by its classifier, does the sentence count only other things ("Các ổ dịch tập trung ở
    huyện Hương Khê (9 hộ) …; 11 xã qua 21 ngày không phát sinh lợn bệnh" for "bao nhiêu con lợn")?  A bare
    number, or one counted in anything else, may be the count asked."""
    if is_table_row(text) or not _DIGIT.search(text):
        return False
    from index.numbers import find_numbers
    figures = [m for m in find_numbers(text) if m.kind in ("number", "percent", "ratio")]
    return bool(figures) and all(m.kind == "percent" or m.unit == "%" or m.unit in _OTHER_THAN_HEADS
                                 for m in figures)


def has_quantity(text: str) -> bool:
    """True when a text states a figure (not only a year, date or document number)."""
    return figure_units(text) is not None


@dataclass
class Candidate:
    text: str
    doc_index: int             # position of its chunk in the retrieved list
    from_footnote: bool
    score: float = 0.0
    coverage: float = 0.0
    matched: set = field(default_factory=set)     # question terms in the sentence
    around: set = field(default_factory=set)      # ... found only in its heading / citing body
    has_figure: bool = False
    period_mismatch: bool = False
    similarity: float = 0.0                       # cosine of its embedding with the question's
    names_subjects: bool = True                   # it (or its heading) names every thing the question asks of
    in_unit_asked: bool = True                    # no unit asked ("bao nhiêu tấn"), or a figure in it is stated
    table_header: str = ""                        # a table row's column heads (its table's first row)


def _units(doc: Document) -> list[tuple[str, bool, str]]:
    """A chunk's sentences in `sentence_units` order: (sentence, from a footnote?, its context text).

    A body sentence's context is the sentence before it in its paragraph, a table row's the table's
    first row (its column heads: "Kế hoạch năm 2024 | Thực hiện quý I"), a footnote's the body text
    that cites it ("... đàn bò sữa 68.500 con⁽²⁾"; a store written before citers were kept gives the
    whole body instead).
    """
    md = doc.metadata
    body = md.get("body") or doc.page_content
    citers = md.get("footnote_citers") or []
    out = []
    header = ""                 # a table's first row, the context of the rows under it
    for line in body.split("\n"):
        if is_table_row(line):
            header = header or line.strip()
            out.append((line.strip(), False, header if line.strip() != header else ""))
            continue
        header = ""
        before = ""
        for s, _ in sentence_units(line, None):
            out.append((s, False, before))
            before = s
    for i, note in enumerate(md.get("footnotes") or []):
        context = citers[i] if i < len(citers) else body
        out += [(s, True, context) for s, _ in sentence_units("", [note])]
    return out


_QUARTER_FORMS = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "1": "i", "2": "ii", "3": "iii", "4": "iv"}


def _span_keys(keys: list[str], folded: list[str], a: int, b: int) -> set[str]:
    """A run of the question's syllables as its keys: each syllable's key and the folded bigrams inside."""
    return set(keys[a:b]) | {"b:" + x + "_" + y for x, y in zip(folded[a:b], folded[a + 1:b])}


def _content_run(folded: list[str], function: list[bool], start: int, most: int) -> int:
    """The end of the run of content syllables (at most `most`) from `start`: no function word, no number."""
    end = start
    while end < len(folded) and end < start + most and not function[end] and folded[end].isalpha():
        end += 1
    return end


def rate_of(folded: list[str], function: list[bool]) -> list[tuple[int, int]]:
    """Token spans of what a question asks a rate of: the content syllables (two at most) right after
    "tỷ lệ" ("tỷ lệ thất nghiệp" → "thất nghiệp"; "tỷ lệ giải ngân" → "giải ngân")."""
    spans = []
    for i in range(len(folded) - 2):
        if folded[i] == "ty" and folded[i + 1] == "le":
            start = i + 2
            # "tỷ lệ (được) công nhận tốt nghiệp", "tỷ lệ được tiêm chủng": the rate of the thing after the verb
            while folded[start:start + 2] == ["cong", "nhan"] or folded[start:start + 1] in (["duoc"], ["dat"]):
                start += 2 if folded[start] == "cong" else 1
            end = _content_run(folded, function, start, 2)
            if end > start:
                spans.append((start, end))
    return spans


def _rate_key(keys: list[str], folded: list[str], idf) -> str:
    """The key a rate's subject is met by: its rarest syllable, but "dân" for a rate of the population
    ("tỷ lệ người dân …" is met by "tỷ lệ dân số …", however rare "người" is in the store)."""
    if set(folded) <= {"nguoi", "dan"} and "dan" in folded:
        return keys[folded.index("dan")]
    return max(keys, key=idf)


_PERIOD_WORDS = {"thang", "quy", "nam", "nua", "dau", "cuoi", "ky", "dot"}


def part_asked(folded: list[str], function: list[bool]) -> list[tuple[int, int]]:
    """Token spans of a part the question asks of a total ("riêng các bệnh viện tư nhân", "riêng khu vực
    thành thị", "riêng ngân sách tỉnh"): the content syllables (four at most) after "riêng".  A period
    ("riêng tháng 10", "riêng quý III") is the period rules' (qa/periods.py); "sầu riêng" is a fruit."""
    spans = []
    for i, tok in enumerate(folded[:-1]):
        if tok != "rieng" or (i and folded[i - 1] == "sau"):
            continue
        start = i + 1
        while start < len(folded) and function[start]:
            start += 1                                  # "riêng các …", "riêng của …"
        if start >= len(folded) or folded[start] in _PERIOD_WORDS:
            continue
        end = _content_run(folded, function, start, 4)
        if end > start:
            spans.append((start, end))
    return spans


# a number after these is a period, a date, an ordinal or a level written another way in reports
# ("cấp 2" is "THCS"), not a qualifier the sentence must repeat
_PERIOD_BEFORE = {"thang", "quy", "nam", "ngay", "q", "lan", "dot", "khoa", "so", "hieu", "cap", "thu"}
_PERIOD_AFTER = {"thang", "nam", "ngay"}


def asked_numbers(words: list[str], folded: list[str]) -> list[int]:
    """Token positions of numbers the question asks about that are not a period, a date or a count asked
    for ("khách sạn 4 sao", "trẻ dưới 5 tuổi", "lớp 12", "trên 10.000 dân"): the sentence must hold them too."""
    out = []
    for i, (w, f) in enumerate(zip(words, folded)):
        if not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*|\d+", f) or len(f) == 4:   # a year
            continue
        prev = folded[i - 1] if i else ""
        nxt = folded[i + 1] if i + 1 < len(folded) else ""
        if prev in _PERIOD_BEFORE or nxt in _PERIOD_AFTER or prev.isdigit() or nxt.isdigit():
            continue
        out.append(i)
    return out


class Scorer:
    """Idf-weighted coverage of the question's terms (and bigrams) by a passage."""

    def __init__(self, info: QuestionInfo, idf, carried: QuestionInfo | None = None):
        self.info = info
        self.idf = idf
        self._cache: dict[str, set[str]] = {}
        self.weights: dict[str, float] = {}
        self._add(info, idf, 1.0, 0.5)
        if carried is not None:   # a follow-up carries the previous question's subject, at lower weight
            self._add(carried, idf, 0.4, 0.2, keep=True)
        self.total = sum(self.weights.values()) or 1.0
        # place and period the question names: a passage from a report of that place and
        # period answers for them even when its sentence does not repeat them
        texts = list(info.provinces)
        texts += [f"tháng {m}" + (f" năm {y}" if y else "") for m, y in info.months]
        texts += [f"năm {y}" for y in info.years]
        self.constraint_terms: set[str] = set()
        for t in texts:
            words = word_tokens(t)
            folded = [fold_token(w) for w in words]
            self.constraint_terms |= {"a:" + w for w in words} | set(folded_terms(folded))

        # a place named in another form ("TP.HCM", "Sài Gòn", "xứ Lạng"): a report of that place meets
        # those syllables as it meets the canonical name (not a partner mention: "phối hợp với tỉnh X")
        self.place_forms: dict[str, set[str]] = {}
        composed = nfc(info.text)                  # find_mentions' spans are in the NFC text
        for m in find_mentions(composed):
            if not m.partner:
                span_keys = set(question_keys(composed[m.start:m.end])[0])
                self.place_forms.setdefault(m.province, set()).update(span_keys)
                self.constraint_terms |= span_keys
        # phrases of the question that the abbreviation table or the vocabulary bridge knows:
        # (the question's keys they make up, their other forms as folded runs)
        words = word_tokens(info.text)
        folded = [fold_token(w) for w in words]
        keys, _ = question_keys(info.text)
        # names the question writes with capitals ("Krông Pắc", "Gia Viễn", "Cục Thống kê"): the report's
        # issuer or title answers for them, like a named province
        caps = capitalised(info.text)
        if caps and not (len(caps) > 1 and caps[1]):
            caps[0] = False        # a capital opening the question is the sentence's, not a name's
        self.name_terms = {k for k, cap in zip(keys, caps) if cap} if len(caps) == len(keys) else set()
        if self.name_terms:   # ... and a name's inner word pairs ("b:krong_pac"), which its report holds whole
            self.name_terms |= {f"b:{folded[i]}_{folded[i + 1]}" for i in range(len(caps) - 1)
                                if caps[i] and caps[i + 1]}
        # names of two syllables or more that are not the question's province ("Tam Cốc", "Bái Đính",
        # "Lao Bảo"): each as its syllables, which a retrieved passage or its report must hold
        self.names: list[set[str]] = []
        if caps and len(caps) == len(keys):
            places = {fold_token(w) for p in info.provinces + local_units_in(info.text) for w in word_tokens(p)}
            caps = [c and len(f) > 1 and f not in places for c, f in zip(caps, folded)]
            caps[0] = False                     # the question's first word is capitalised as a sentence's
            i = 0
            while i < len(keys):
                j = i
                while j < len(keys) and caps[j]:
                    j += 1
                run = {k for k in keys[i:j] if k in self.weights}
                if j - i >= 2 and run and not set(keys[i:j]) & self.constraint_terms:
                    # … and its other syllables: "Cát Bi" is not held by a report that has "cát" (sand)
                    # and no "bi" (not as a pair: "Quà Tết Chủ tịch nước" runs two names together)
                    self.names.append(run)
                i = max(j, i + 1)
        # the things the question asks a figure of (qa/subjects.py): each as its keys and inner bigrams
        spans = named_subjects(info.text) if len(keys) == len(words) else []
        parts = [(a, b) for a, b in spans if is_part(words[a:b])]
        self.subjects = [_span_keys(keys, folded, a, b) for a, b in spans if (a, b) not in parts]
        # … and the one it counts ("bao nhiêu giường bệnh"), which the sentence itself must name: a heading
        # "Mạng lưới và giường bệnh" does not make a count of hospitals one of beds
        self.counted_subjects = [_span_keys(keys, folded, a, b) for a, b in spans
                                 if folded[max(a - 2, 0):a] == ["bao", "nhieu"] or folded[max(a - 1, 0):a] == ["may"]]
        # a rate asked ("tỷ lệ thất nghiệp", "tỷ lệ hộ nghèo"): what it is a rate of is a subject too;
        # the report's rate of something else is not its answer
        if len(keys) == len(words):
            function = function_words(info.text)
            # (its rarest syllable: "tỷ lệ người dân" is met by "tỷ lệ dân số")
            self.subjects += [{_rate_key(keys[a:b], folded[a:b], idf)} for a, b in rate_of(folded, function)]
        # the things and rates asked may be named by the sentence before in the paragraph ("vụ lúa Thu Đông
        # … gieo sạ 98.450 ha. Tính đến ngày 25/11, nông dân đã thu hoạch 71.320 ha"); a part, a name or a
        # qualifying number must be the sentence's own
        self.topic_subjects = len(self.subjects)
        if len(keys) == len(words):
            # a part asked of a total ("riêng các bệnh viện tư nhân"): the total is not its answer
            self.subjects += [{max(keys[a:b], key=idf)} for a, b in part_asked(folded, function)]
            # a number that qualifies the thing asked ("4 sao", "dưới 5 tuổi") must be the sentence's too
            self.subjects += [{keys[i]} for i in asked_numbers(words, folded)]
        # a country or market, a school subject is a part of a total too ("dự án FDI của nhà đầu tư Hàn
        # Quốc", "điểm trung bình môn Toán")
        self.subjects += [_span_keys(keys, folded, a, b) for a, b in parts]
        self.phrases = [(_span_keys(keys, folded, a, b), others)
                        for a, b, others in phrase_alternates(folded)]

    def _add(self, info: QuestionInfo, idf, unigram: float, bigram: float, keep: bool = False) -> None:
        """The question's content syllables, accent-aware (`question_keys`), and its folded bigrams."""
        keys, _ = question_keys(info.text)
        weighted = [(k, unigram * idf(k)) for k, function in zip(keys, function_words(info.text))
                    if not function and not (k.startswith("a:") and k[2:] in ACCENTED_FILLERS)]
        # a bigram no chunk holds ("heo_o", "duoc_tam") can be covered by no passage: it says only that
        # the question words things its own way, so it would lower every sentence's coverage alike
        unknown = idf("\x00")
        weighted += [("b:" + b, bigram * idf("b:" + b)) for b in info.bigrams if idf("b:" + b) < unknown - 1e-9]
        for key, w in weighted:
            if keep:
                self.weights.setdefault(key, w)
            else:
                self.weights[key] = max(self.weights.get(key, 0.0), w)

    def terms_of(self, text: str) -> set[str]:
        """A passage's terms: accented syllables, folded syllables and bigrams; and the question's
        phrases whose other form (abbreviation, expansion, bridged word) the passage holds whole."""
        words = word_tokens(text)
        toks = [fold_token(w) for w in words]
        terms = {"a:" + w for w in words} | set(folded_terms(toks))
        # a quarter in Roman numerals or in digits is one quarter ("quý III" = "quý 3")
        for i in range(len(toks) - 1):
            other = _QUARTER_FORMS.get(toks[i + 1]) if toks[i] == "quy" else None
            if other:
                terms |= {"f:" + other, "b:quy_" + other} | \
                         ({"b:" + other + "_" + toks[i + 2]} if i + 2 < len(toks) else set())
        if self.phrases:
            runs = " " + " ".join(toks) + " "
            for own, others in self.phrases:
                if any(" " + " ".join(o) + " " in runs for o in others):
                    terms |= own
        return terms

    def names_subjects(self, text: str, context: str = "", before: str = "") -> bool:
        """Does the sentence, or its context (its section heading, and the sentence it continues: "Riêng
        quý III …"), name every thing the question asks of (in the report's words or through the
        vocabulary bridge)?  The sentence before it in its paragraph (`before`) may name the things
        and rates asked, not the parts, names or numbers."""
        if not before:
            return self._names_all(self.subjects, text, context)
        topic = self.subjects[:self.topic_subjects]
        return self._names_all(topic, text, context + " " + before) and \
            self._names_all(self.subjects[self.topic_subjects:], text, context)

    def names_counted(self, text: str, before: str = "") -> bool:
        """Does the sentence (or the one it continues, or a table row's column heads) name the thing counted?"""
        return self._names_all(self.counted_subjects, text, before)

    def _names_all(self, things: list[set[str]], text: str, around: str) -> bool:
        if not things:
            return True
        present = self.terms_of(text) | (self._shared_terms(around) if around else set())
        if not all(keys <= present for keys in things):
            # an abbreviation of the passage names its expansion's things: "thu NSNN" names "ngân sách"
            present |= expansion_terms([fold_token(w) for w in word_tokens(text + " " + around)])
        return all(keys <= present for keys in things)

    def _shared_terms(self, text: str) -> set[str]:
        """terms_of for texts every sentence of a chunk shares (heading, body, report header): once each."""
        if text not in self._cache:
            self._cache[text] = self.terms_of(text)
        return self._cache[text]

    def coverage(self, text: str, context: str = "", report_header: str = "",
                 context_weight: float = 0.5) -> tuple[float, set[str]]:
        """Share of the question's weight found in `text`; terms found only in `context` count half.

        Place/period terms also count when the passage's report header (title | place | period) has them.
        """
        score, matched, _around = self.coverage_parts(text, context, report_header, context_weight)
        return score, matched

    def coverage_parts(self, text: str, context: str = "", report_header: str = "",
                       context_weight: float = 0.5, report_province: str = "",
                       own: set[str] | None = None) -> tuple[float, set[str], set[str]]:
        """(coverage, question terms in the text, question terms found only in the context).

        `own`, when given, receives the question terms the text holds itself (not through its report's
        place, period or issuer)."""
        present = self.terms_of(text)
        if own is not None:
            own.update(t for t in self.weights if t in present)
        if report_header:
            present |= self._shared_terms(report_header) & (self.constraint_terms | self.name_terms)
        if report_province:
            present |= self.place_forms.get(report_province, set())
        matched = {t for t in self.weights if t in present}
        score = sum(self.weights[t] for t in matched)
        around: set[str] = set()
        if context:
            context_terms = self._shared_terms(context)
            around = {t for t in self.weights if t not in matched and t in context_terms}
            score += context_weight * sum(self.weights[t] for t in around)
        return score / self.total, matched, around


# a table column of results: "Thực hiện 2024", "Ước TH 6 tháng", "Kết quả"
_RESULT_COLUMN = re.compile(r"\b(?:thuc hien|uoc th|uoc dat|ket qua|th \d|luy ke)\b")


def _clauses_about(clauses: list[str], scorer: "Scorer") -> list[str]:
    """The clauses of a sentence listing several things that are about the thing asked: the one naming it
    and those after it that name no other thing; [] when the sentence is about one thing only."""
    about, on = [], False
    for clause in clauses:
        if scorer.names_subjects(clause, ""):
            on = True
        elif named_subjects(clause):
            on = False
        if on:
            about.append(clause)
    return about if len(about) < len(clauses) else []


def named_without_figure(sentence: str, scorer: "Scorer", count_asked: bool = False) -> bool:
    """Does the sentence name a thing asked only after its last figure?  A figure of it is stated in the
    part (",", ";") naming it or after it: "…, chôm chôm 48,5 ha, còn lại là cam sành, sầu riêng và cây ăn
    trái khác." names durian with no area, and "Còn 16 hồ sơ trễ hạn, chủ yếu thuộc lĩnh vực đất đai" gives
    no count of land files; "đàn trâu, bò 45.000 con" gives the list's figure, and "Đàn bò sữa tập trung
    tại …; năng suất sữa bình quân 22,5 kg/con/ngày" goes on about it.  When a count is asked, a share is
    not its figure ("… tập trung tại thị xã Kỳ Anh …, chiếm 58,6% tổng số ca" gives no count of Kỳ Anh's
    cases).  A thing the sentence does not name itself (its heading does) is not judged here."""
    if not scorer.subjects:
        return False
    parts = [p for p in re.split(r"[;,]\s+", sentence) if p.strip()]
    # a sentence of shares only is left to the rule refusing rates for a count (select's "no_figure")
    count_asked = count_asked and not only_rates(sentence)
    for keys in scorer.subjects:
        naming = [i for i, p in enumerate(parts) if keys <= scorer.terms_of(p)]
        if naming and not any(figure_units(p) is not None and not (count_asked and only_rates(p))
                              for p in parts[naming[0]:]):
            return True
    return False


def _best_clauses(sentence: str, scorer: Scorer, info: QuestionInfo) -> str:
    """Cut a long sentence to the fewest clauses that still hold every question term it matched.

    Greedy cover: take the clause carrying the most not-yet-covered weight until the
    clauses together match what the whole sentence matched (at most three).
    """
    parts = [p.strip() for p in re.split(r";\s+", sentence) if p.strip()]
    if len(parts) < 2:
        return sentence
    _, wanted = scorer.coverage(sentence)
    clause_terms = [scorer.coverage(p)[1] for p in parts]
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < 3:
        gains = [(sum(scorer.weights[t] for t in terms - covered)
                  + (0.01 if info.wants_quantity and has_quantity(parts[i]) else 0.0), i)
                 for i, terms in enumerate(clause_terms) if i not in chosen]
        gain, best = max(gains)
        if gain <= 0.01 and chosen:
            break
        chosen.append(best)
        covered |= clause_terms[best]
        if wanted <= covered:
            break
    chosen.sort()
    out = parts[chosen[0]]
    for prev, i in zip(chosen, chosen[1:]):
        out += ("; " if i == prev + 1 else " ... ") + parts[i]
    return out


@dataclass
class Evidence:
    """What the answer/abstain decision reads of the best sentence (see FEATURES)."""
    coverage: float
    top_term: float            # the question's most specific term is in the sentence (or its context)
    unknown_missing: float     # share of the question's weight in terms no report has, left uncovered
    known_missing: float       # the largest share of one term that reports do have, left uncovered
    quantity: float            # +1 a figure for a quantity question, -1 none, 0 not a quantity question
    rank: float                # 1 / (1 + rank of its passage)
    period_mismatch: float     # month asked, sentence only cumulative (or the reverse)
    margin: float              # lead over the best other sentence
    similarity: float = 0.0    # its embedding's cosine with the question's (0 without vectors)
    similarity_lead: float = 0.0  # its cosine minus the best cosine of any other sentence

    def vector(self) -> list[float]:
        return [getattr(self, name) for name in FEATURES]


FEATURES = ("coverage", "top_term", "unknown_missing", "known_missing", "quantity", "rank", "period_mismatch",
            "margin", "similarity", "similarity_lead")
CALIBRATION = Path(__file__).with_name("calibration.json")


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The fitted answer/abstain model (eval/calibrate.py writes it from the dev splits)."""
    return json.loads(CALIBRATION.read_text(encoding="utf-8"))


def confidence_of(evidence: Evidence, model: dict | None = None) -> float:
    """Probability that quoting this sentence answers the question (logistic model over FEATURES)."""
    model = model or calibration()
    z = model["bias"] + sum(w * getattr(evidence, name) for name, w in zip(model["features"], model["weights"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _evidence(best: Candidate, runner_up: Candidate | None, others: list[Candidate], scorer: Scorer,
              idf) -> Evidence:
    unknown = idf("\x00")                       # the idf a term no chunk holds gets
    covered = best.matched | best.around
    unigrams = {k: w for k, w in scorer.weights.items() if not k.startswith("b:")
                and k not in scorer.constraint_terms}
    total = sum(unigrams.values()) or 1.0
    # the question's most specific terms (ties all count: "đàn" and "vịt" may weigh alike)
    top_weight = max(unigrams.values(), default=0.0)
    tops = [k for k, w in unigrams.items() if w >= top_weight - 1e-9]
    missing = {k: w for k, w in unigrams.items() if k not in covered}
    unknown_missing = sum(w for k, w in missing.items() if idf(k) >= unknown - 1e-9) / total
    known = [w for k, w in missing.items() if idf(k) < unknown - 1e-9]
    info = scorer.info
    return Evidence(
        coverage=best.coverage,
        top_term=1.0 if all(t in covered for t in tops) else 0.0,
        unknown_missing=unknown_missing,
        known_missing=max(known, default=0.0) / total,
        quantity=(1.0 if best.has_figure else -1.0) if info.wants_quantity else 0.0,
        rank=1.0 / (1 + best.doc_index),
        period_mismatch=1.0 if best.period_mismatch else 0.0,
        margin=best.score - (runner_up.score if runner_up else 0.0),
        similarity=best.similarity,
        similarity_lead=best.similarity - max((c.similarity for c in others), default=best.similarity),
    )


_OWN_NAME_UNKNOWN = ("huyen", "xa")     # levels whose own unit is named by the issuer


def unheld_names(scorer: Scorer, docs: list[Document], quoted: Document | None = None) -> list[set[str]]:
    """The names the question asks of ("Tam Cốc", "Lao Bảo") that no retrieved passage holds, nor its
    report's issuer, the body above the issuer or its title: a figure found is another name's.

    A district's or commune's report whose issuer is unknown (its header cut off) may be the name asked
    ("Krông Pắc" of a report saying only "toàn huyện"): when the passage `quoted` is of one, unknown never
    excludes.  Another report's passage is not thereby the name's."""
    if not scorer.names:
        return []
    md = quoted.metadata if quoted is not None else {}
    if quoted is not None and not (md.get("issuer") or "").strip() and (md.get("level") or "") in _OWN_NAME_UNKNOWN:
        return []
    held: set[str] = set()
    for doc in docs:
        md = doc.metadata
        texts = [doc.page_content, md.get("body") or "", *(md.get("footnotes") or []),
                 md.get("issuer") or "", md.get("superior") or "", md.get("title") or ""]
        held |= scorer._shared_terms(" ".join(texts))
    return [n for n in scorer.names if not n <= held]


_TOTAL_OPENING = re.compile(r"^(?:[-+•]\s*)?(?:tong|toan|tinh chung|cong|chung)\b")


def topic_before(folded: str, before: str) -> str:
    """The sentence before, when it may name what this one gives a figure of ("Vụ lúa Thu Đông … gieo sạ
    98.450 ha. Tính đến ngày 25/11, nông dân đã thu hoạch 71.320 ha"): not when this one opens with a
    total ("Tổng sản lượng nuôi trồng …" after the shrimp's area), nor when the one before lists several
    things ("đàn trâu …, đàn bò …, đàn lợn …. Sản lượng thịt hơi …" is no one animal's)."""
    if not before or _TOTAL_OPENING.match(folded) or len(named_subjects(before)) > 1:
        return ""
    return before


_EXCLUDED = re.compile(r"\b(?:chưa|không) (?:bao gồm|kể|tính)\b[^,;:()]*", re.IGNORECASE)
_IN_WHICH = re.compile(r"\btrong đó\b", re.IGNORECASE)


# the pieces of a clause that label one figure each ("làm chết 1 người, bị thương 2 người")
_PIECE_BREAK = re.compile(r"[,:()]")
_FIGURE = re.compile(r"\d")


def part_in_other_period(text: str, period: PeriodAsked, scorer: Scorer, md: dict) -> bool:
    """Does the sentence give the thing asked only for another period than the one asked?  "Trong quý
    II cấp 4.920 giấy …; lũy kế 6 tháng cấp 8.640 giấy, trong đó cấp lần đầu 2.315 giấy" gives no first-time
    certificates of quý II; "Xảy ra 2 vụ tai nạn, làm chết 1 người, bị thương 2 người; lũy kế 8 tháng 11 vụ,
    làm chết 5 người" gives no injured of the 8 months.  Clauses (split at ";") take their period as
    `PeriodAsked.other_clauses` reads it.  A clause of another period owns what it breaks out after "trong
    đó" and the label of each figure but the sentence's first (that one names the topic all clauses share:
    "Khách du lịch đến tỉnh tháng Chín ước 2,18 triệu lượt"); a question word of weight (half the heaviest
    or more) owned only by clauses of another period, and in no clause of the period asked, is such a part."""
    if not (period.kind or period.quarters or period.spans):
        return False
    weights = {k: w for k, w in scorer.weights.items() if k not in scorer.constraint_terms}
    if not weights:
        return False
    heavy = {k for k, w in weights.items() if w >= 0.5 * max(weights.values())}
    clauses = re.split(r";\s+", text)
    others = period.other_clauses([strip_diacritics(canonical(c)) for c in clauses],
                                  md.get("period_kind") or "", md.get("year"))
    asked_terms, asked_labels, other_labels, other_parts = set(), set(), [], set()
    first_figure = True
    for clause, other in zip(clauses, others):
        labels = []
        for piece in _PIECE_BREAK.split(clause):
            figure = _FIGURE.search(piece)
            if figure:
                if first_figure:
                    asked_terms |= scorer.terms_of(piece[:figure.start()])     # the topic, everyone's
                else:
                    labels.append(scorer.terms_of(piece[:figure.start()]))
                first_figure = False
        if other:
            split = _IN_WHICH.split(clause, maxsplit=1)
            if len(split) == 2:
                other_parts |= scorer.terms_of(split[1])
            other_labels += labels
        else:
            asked_terms |= scorer.terms_of(clause)
            asked_labels |= set().union(*labels)
    # a label the period asked shares is the same measure said shorter ("diện tích thiệt hại 7,6 ha; riêng
    # quý II … thiệt hại 5,2 ha"), not a part of its own
    for label in other_labels:
        if not label & asked_labels:
            other_parts |= label
    return bool(heavy & other_parts - asked_terms)


def _line_before(lines: list[str], sentence: str) -> str:
    """The (folded) text of the sentence's paragraph line before it."""
    for line in lines:
        at = line.find(sentence)
        if at >= 0:
            return strip_diacritics(canonical(line[:at]))
    return ""


def places_asked(question: str, docs: list[Document]) -> set[str]:
    """The districts, towns, wards and communes the question names ("xã Tân Lập", "huyện Hưng Nguyên",
    or "Krông Pắc", the issuer of an ingested report)."""
    if not docs:
        return set()
    return set(docs[0].metadata.get("asked_places") or []) | set(local_units_in(question)) | \
        set(named_local_units(question, (d.metadata.get("issuer") for d in docs)))


# "theo báo cáo năm 2024 của xã An Thạnh, huyện Mỏ Cày Nam": the places that name the report's issuer
_LEVEL = r"(?:tinh|thanh pho|tp|thi xa|huyen|quan|xa|phuong|thi tran)\b"
_REPORT_OF = re.compile(r"\bbao cao\b[^,.;?()]{0,40}\bcua\s+[^?.;]*?(?=,(?!\s*" + _LEVEL + r")|[?.;(]|$)")
_WARD_LEVEL = re.compile(r"\b(?:(?<!thi )xa|phuong|thi tran)\s+$")     # "thị xã" is a district-level town


def provinces_asked_of_another(question: str) -> set[str]:
    """The provinces a question asks a figure of when it names another as its source ("Theo báo cáo … của
    Sở Công Thương Đồng Tháp, kim ngạch xuất khẩu gạo của tỉnh An Giang …" asks An Giang's, from a Đồng
    Tháp report); empty when it names no source apart from them."""
    composed = nfc(question)
    folded = strip_diacritics(canonical(composed))
    spans = [m.group(0) for m in _REPORT_OF.finditer(folded)]
    if not spans:
        return set()
    named, sources = set(), set()
    for m in find_mentions(composed):
        if m.partner:
            continue
        named.add(m.province)
        if any(strip_diacritics(canonical(composed[m.start:m.end])) in span for span in spans):
            sources.add(m.province)
    return named - sources if sources else set()


def another_provinces(asked: set[str], md: dict, text: str) -> bool:
    """A sentence of a report of a known province other than the ones asked, naming none of them itself."""
    own = md.get("province")
    if not asked or not own or own in asked:
        return False
    return not own_provinces(nfc(text)) & asked


# read as typed: "cá Hà Nội" is fish; "toan tinh", typed without marks, is still the whole
_WHOLE_BEFORE = re.compile(r"(?<!\w)(?:toàn|toan|cả|ca)\s+(?:(?:tỉnh|tinh|thành phố|thanh pho|tp)\W*)?$")
_WHOLE_NAMED = re.compile(r"\b(?:toan|ca)\s+(?:tinh|thanh pho|tp)\b")


def whole_provinces_asked(question: str) -> set[str]:
    """The provinces a question asks the whole of: "bình quân toàn thành phố Hà Nội", "cả tỉnh Quảng Nam"."""
    composed = nfc(question)
    out = set()
    for m in find_mentions(composed):
        said = composed[m.start:m.end].lower()
        before = composed[max(0, m.start - 24):m.start].lower()
        lead = re.match(r"(?:tỉnh|tinh|thành phố|thanh pho|tp)\b\W*", said)      # "TP. Hồ Chí Minh" is one mention
        if not m.partner and _WHOLE_BEFORE.search(before + (lead.group(0) if lead else "")):
            out.add(m.province)
    return out


def part_of_whole_asked(asked: set[str], md: dict, text: str) -> bool:
    """A sentence of a district's or commune's report, asked the whole of its province, that names neither
    the province nor its whole ("toàn tỉnh"): the part's figure (Sơn Tây's 68,4% is not Hà Nội's average).
    A district named like its province ("thành phố Hà Tĩnh") speaks of itself when asked its whole."""
    if not asked or md.get("level") not in ("huyen", "xa") or md.get("province") not in asked:
        return False
    if any(names_place(md.get("issuer") or "", p) for p in asked):
        return False
    if _WHOLE_NAMED.search(strip_diacritics(canonical(text))):
        return False
    return not own_provinces(nfc(text)) & asked


# a part of the total named by its place: "…; trong đó Phú Quốc đón 5.612.800 lượt", ", riêng thành phố
# Phú Quốc đón …" (a name: two capitalised syllables, not an acronym like "FDI")
_PLACE_PART = re.compile(r"(?:[Tt]rong đó|[Rr]iêng)\s*:?\s+(?:(?:tại|ở)\s+)?(?:(?:thành phố|TP\.?|huyện|thị xã|quận|"
                         r"xã|phường|thị trấn)\s+)?[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+")


def thing_only_in_place_part(text: str, scorer: "Scorer") -> bool:
    """Asked the whole province, does the sentence name a thing asked only in a part of it named by its
    place ("Tính chung 11 tháng, tổng lượt khách … 8,46 triệu lượt; trong đó Phú Quốc đón 5.612.800 lượt, …
    với 1.184.600 lượt khách quốc tế" gives Phú Quốc's foreign visitors, not the province's)?"""
    if not scorer.subjects:
        return False
    clauses = re.split(r";\s+|,\s+(?=" + _PLACE_PART.pattern + ")", text)
    parts = [bool(_PLACE_PART.match(c)) for c in clauses]
    if not any(parts):
        return False
    for keys in scorer.subjects:
        naming = [i for i, c in enumerate(clauses) if keys <= scorer.terms_of(c)]
        if naming and all(parts[i] for i in naming):
            return True
    return False


def _narrowest(named: set[str], question: str) -> set[str]:
    """Of the places a question names, the narrowest: "phường Quan Hoa, quận Cầu Giấy" asks Quan Hoa's
    figure, which the district's total or another ward's is not."""
    if len(named) < 2 or not question:
        return named
    folded = strip_diacritics(canonical(question))
    wards, sources = set(), set()
    for u in named:
        at = folded.find(strip_diacritics(canonical(u)))
        if at > 0 and _WARD_LEVEL.search(folded[:at]):
            wards.add(u)
        if any(m.start() < at < m.end() for m in _REPORT_OF.finditer(folded)):
            sources.add(u)
    # "huyện Ba Vì … theo báo cáo của thị xã Sơn Tây": the report's own place names the source, not the
    # place asked
    named = (named - sources) or named
    return (wards & named) or named


def other_place(named: set[str], md: dict, text: str, question: str = "") -> bool:
    """A sentence of a report of another place than every one asked, not naming one itself: another
    place's figure (of a ward named with its district, the ward's).  A report whose issuer is unknown
    (its header block cut off, a scan's first lines lost) may be the place's own, so it is never ruled
    out."""
    if not named or not md.get("issuer"):
        return False
    # (not the office above it: a commune's report does not give "toàn huyện Mỏ Cày Nam"'s figure)
    own = md["issuer"] + " | " + (md.get("title") or "")
    return not any(names_place(own, u) or names_own_place(text, u) for u in _narrowest(named, question))


def _block_asked(question: str, docs: list[Document]) -> dict | None:
    """A question about the report itself ("Ai ký báo cáo?") answered by its block, quoted as printed
    (qa/report_parts.py); None when it asks something else or no block of that kind was found."""
    part = report_part_asked(question)
    if not part or not docs or docs[0].metadata.get("constraint_unmet"):
        return None                       # a place or period no report covers: not this report's block
    found = next((i for i, d in enumerate(docs) if d.metadata.get("kind") == part
                  and d.metadata.get("period_fit", "exact") == "exact"), None)   # its own period's report
    if found is None:
        return None
    text = block_text(docs[found].metadata.get("body") or docs[found].page_content)
    return {"abstained": False, "quotes": [(text, found, False)], "confidence": 1.0, "reason": None,
            "evidence": None}


def select(question: str, docs: list[Document], idf, carried_question: str | None = None,
           threshold: float | None = None, similarity=None) -> dict:
    """Choose the answer sentences; return {'abstained', 'quotes': [(text, doc_index, in_footnote)],
    'confidence', 'reason', 'evidence'}.

    Sentences are ranked by coverage of the question (accent-aware, abbreviations and the
    vocabulary bridge on the passage side), with a figure for a quantity question and the right
    period kind (a month's figure for a month, the cumulative one for "10 tháng", "lũy kế").  The
    best one is quoted only when the calibrated confidence reaches the threshold.
    """
    threshold = calibration()["threshold"] if threshold is None else threshold
    question = written_form(question)          # "được nhiêu ha" asks "bao nhiêu ha"
    block = _block_asked(question, docs)
    if block is not None:
        return block
    info = analyse(question)
    carried = analyse(carried_question) if carried_question else None
    scorer = Scorer(info, idf, carried)
    plan_asked = asks_plan(info)
    wants_result = info.wants_quantity and not plan_asked
    period = PeriodAsked.of(info, plan_asked)
    named_year = asked_year(info)
    noun = counted_noun(info.folded.lower())
    dims = asked_dimensions(canonical(question).lower())
    named_places = places_asked(question, docs)
    provinces_elsewhere = provinces_asked_of_another(question)
    wholes_asked = whole_provinces_asked(question)
    whole_asked = bool(wholes_asked or _WHOLE_NAMED.search(info.folded.lower()))
    change_asked = asks_change(question)
    # the question with its bridged phrases' report terms ("mua hàng từ nước ngoài" asks "nhập khẩu")
    asked_with_bridge = " ".join([info.folded] + [" ".join(o) for _, others in scorer.phrases for o in others])
    # a count asked by its classifier alone ("bao nhiêu con lợn"; not "bao nhiêu vụ, mấy người")
    heads_asked = bool(_COUNT_ASKED.search(info.folded.lower())) and not dims and not noun
    count_asked = bool(noun) and not dims or heads_asked
    duration_asked = bool(_DURATION_ASKED.search(info.folded.lower()))
    level_asked = bool(noun) and not change_asked and not _ADDITION_ASKED.search(info.folded)
    excluding = bool(re.search(r"\b(?:chua|khong) (?:bao gom|ke|tinh)\b", info.folded.lower()))
    target_asked = info.wants_quantity and asks_target(info.folded.lower())
    cands: list[Candidate] = []
    units: list[tuple[str, str]] = []      # (last heading, sentence) of each candidate, for `similarity`
    for di, doc in enumerate(docs):
        md = doc.metadata
        heading = " ".join(md.get("section_path") or [])
        # the report's own names: its issuer and the office above it ("UBND huyện Mỏ Cày Nam" over a xã)
        header = report_line(md.get("title", ""), md.get("province", ""), md.get("period", "")) + \
            " " + (md.get("issuer") or "") + " " + (md.get("superior") or "")
        units_of_doc = _units(doc)
        body_lines = (md.get("body") or doc.page_content).split("\n") if period.seasons else []
        for text, is_fn, before in units_of_doc:
            # a sentence's section heading speaks for it ("1.2. ... cửa khẩu"); a footnote's
            # context is also the body that cites it ("Sản lượng ... xi măng⁵" -> "Xi măng: 65 nghìn tấn"),
            # and a sentence's the one it continues ("… 312 vụ tai nạn giao thông. Riêng quý III xảy ra 104 vụ")
            folded = strip_diacritics(canonical(text))          # canonical: lower case, one tone placement
            row_of = before if before and is_table_row(text) else ""      # the table's column heads
            folded_heads = strip_diacritics(canonical(row_of)) if row_of else ""
            continues = bool(before) and (is_fn or bool(row_of) or continues_before(folded))
            part_before = bool(before) and not continues and part_of_before(folded)
            context = heading + (" " + before if continues or part_before else "")
            own: set[str] = set()
            # what a sentence leaves out is not what it is about: "Vốn NSTW chưa bao gồm chương trình mục tiêu
            # quốc gia …: 1.516,6 tỷ đồng" does not give the national programmes' capital
            # (unless the question leaves it out too: "vốn trung ương (không kể chương trình MTQG)")
            cov, matched, around = scorer.coverage_parts(text if excluding else _EXCLUDED.sub(" ", text),
                                                         context, header,
                                                         FOOTNOTE_CONTEXT if is_fn else HEADING_CONTEXT,
                                                         md.get("province") or "", own=own)
            stated = figure_units(text)
            if stated is not None and "%" in row_of:
                stated = stated | {"%"}       # a column of rates ("So cùng kỳ (%)", "% KH") holds percents
            # (a period's length alone, "Số liệu quý II, 6 tháng là số ước tính", states no quantity, unless
            # a duration is asked: "mất bao nhiêu tháng")
            figure = stated is not None and (duration_asked or not stated <= _PERIOD_LENGTHS)
            if info.wants_quantity and not figure:
                cov -= NO_NUMBER_PENALTY      # a quantity question needs a figure
                # a note on a figure's source reads the figure's sentence as its context: it must not
                # outrank that sentence (unless a date or number is asked: "công văn đề ngày bao nhiêu")
                if is_fn and not asks_date_or_number(info.folded):
                    cov -= NO_NUMBER_PENALTY
            in_unit = not (figure and dims and not any(stated & _DIMENSIONS[d][1] for d in dims))
            if in_unit and dims and scorer.subjects and ";" in text:
                # the clause naming the thing asked holds a figure in the unit asked: "cà phê 412,7 nghìn
                # tấn …; rau quả (sầu riêng, thanh long) đạt 512,3 triệu USD" gives no tonnes of thanh long
                about = _clauses_about(re.split(r";\s+", text), scorer)
                if about:
                    in_unit = any((figure_units(c) or set()) & _DIMENSIONS[d][1] for c in about for d in dims)
            if in_unit and dims and named_places and ";" in text:
                # … and so must the clause naming the place asked: "huyện Can Lộc gieo cấy 8.950 ha, năng
                # suất đạt 65,2 tạ/ha; huyện Thạch Hà gieo cấy 8.430 ha" gives no yield of Thạch Hà
                clauses = re.split(r";\s+", text)
                about = [c for c in clauses if any(names_place(c, u) for u in _narrowest(named_places, question))]
                if about and len(about) < len(clauses):
                    in_unit = any((figure_units(c) or set()) & _DIMENSIONS[d][1] for c in about for d in dims)
            if not in_unit:
                cov -= UNIT_PENALTY
            if change_asked and not states_change(folded):
                cov -= CHANGE_PENALTY        # "tăng bao nhiêu phần trăm": a level is not the change asked
            elif level_asked and only_additions(noun, folded):
                cov -= CHANGE_PENALTY        # "có bao nhiêu xã nông thôn mới": "có thêm 24 xã" is the year's
                #                              addition, not the number there is
            # ("Lũy kế đến nay, toàn tỉnh có 4.418 dự án FDI" reads its thing from the sentence before, not
            # the parts that one lists: "… Hàn Quốc 416 triệu USD")
            subjects_ok = (scorer.names_subjects(text, heading, before) if part_before else
                           scorer.names_subjects(text, context, "" if continues else topic_before(folded, before))) \
                and not other_side_only(info.folded, folded) \
                and not duties_for_trade(asked_with_bridge, folded) \
                and not trade_unnamed(asked_with_bridge, f"{heading} {before} {text}") \
                and scorer.names_counted(text, before if continues else "") \
                and not (info.wants_quantity and figure
                         and named_without_figure(text, scorer, count_asked=bool(noun) and not dims))
            if not own - scorer.constraint_terms and len(units_of_doc) > 1:
                cov -= OWN_WORDS_PENALTY     # nothing asked is in the sentence itself, only around it
            if not subjects_ok:
                cov -= SUBJECT_PENALTY
            if named_places and other_place(named_places, md, text, question):
                cov -= PLACE_PENALTY         # "Nam Đàn" asked: the province's figure is not the district's
            elif another_provinces(provinces_elsewhere, md, text) or part_of_whole_asked(wholes_asked, md, text) \
                    or (whole_asked and thing_only_in_place_part(text, scorer)):
                cov -= PLACE_PENALTY         # An Giang's figure asked of a Đồng Tháp report, Hà Nội's of Sơn Tây's
            # a footnote, "Cùng thời gian, …", "Trong đó: …": read in the period of what it continues
            folded_before = strip_diacritics(canonical(before)) if continues else ""
            # (a footnote's season is not judged: it has no paragraph line of its own)
            line_before = None if is_fn else _line_before(body_lines, text) if period.seasons else ""
            mismatch = period.other_period(folded, folded_before, md.get("period_kind") or "", md.get("year"),
                                           line_before, md.get("period_kind") == "year"
                                           or md.get("cumulative_months") == 12, md.get("title") or "",
                                           md.get("period_kind") == "month"
                                           and month_only_title(md.get("title") or ""))
            mismatch = mismatch or (";" in text and not is_fn and not row_of
                                    and part_in_other_period(text, period, scorer, md))
            # a month asked: a table row's figures are its columns' periods; columns of the year, the quarter
            # or the plan ("Ước thực hiện năm 2024 | Kế hoạch năm 2025") give no month's figure
            if row_of and period.kind == "month" and not mismatch:
                mismatch = not states_month(folded_heads + " " + folded, period_kind_of(folded_heads), period.months)
            # a result asked ("đã giải ngân được bao nhiêu"): a target or a task is not its figure
            # (a table of results beside the plan, "Thực hiện 2024 | Kế hoạch 2025", is not a task)
            task_section = not is_fn and is_task_section(md.get("section_path") or [], md)
            in_tasks = task_section and not _RESULT_COLUMN.search(folded_heads)
            mismatch = mismatch or (wants_result and (in_tasks or (not is_fn and is_target(folded))))
            # a plan's figure asked ("Kế hoạch 2025 … bao nhiêu DN thành lập mới"): a result is not it
            mismatch = mismatch or (target_asked and not (task_section or states_target(folded, folded_heads)))
            # a task list is its plan period's ("Nhiệm vụ năm 2023" of a 2022 report): not the year asked
            mismatch = mismatch or (in_tasks and named_year is not None
                                    and md.get("plan_year") not in (None, named_year))
            score = cov + 0.04 / (1 + di) + (0.05 if info.wants_quantity and figure else 0.0) \
                - (PERIOD_MISMATCH_PENALTY if mismatch else 0.0)
            if noun and figure:
                score += COUNTED_BONUS * counted_match(noun, folded)
            cands.append(Candidate(text, di, is_fn, score, cov, matched, around, figure, mismatch,
                                   names_subjects=subjects_ok, in_unit_asked=in_unit, table_header=row_of))
            units.append(((md.get("section_path") or [""])[-1], text))
    if not cands:
        return {"abstained": True, "quotes": [], "confidence": 0.0, "reason": "no_passages", "evidence": None}
    if similarity is not None:
        sims = similarity(units)
        top = max(sims)
        for c, sim in zip(cands, sims):
            c.similarity = float(sim)
            c.score += SIMILARITY_WEIGHT * (sim - top)
    # a sentence naming the things asked outranks any that does not, however much more it covers: the
    # season's total area is not the cassava's ("Diện tích sắn vụ Đông Xuân …"); and then one with a figure
    # in the unit asked ("bao nhiêu phần trăm dân có thẻ BHYT": "bao phủ BHYT đạt 98,7%", not "cấp 72.540 thẻ")
    cands.sort(key=lambda c: (not c.names_subjects, not c.in_unit_asked, -c.score))
    best = cands[0]
    runner_up = next((c for c in cands[1:] if c.text != best.text), None)
    evidence = _evidence(best, runner_up, [c for c in cands if c.text != best.text], scorer, idf)
    confidence = confidence_of(evidence)
    unmet = docs[0].metadata.get("constraint_unmet") or {}
    reason = None
    if unheld_names(scorer, docs, docs[best.doc_index]):
        reason = "subject_missing"       # a name asked ("Tam Cốc") is in no passage found, nor its report's
        #                                  issuer, the body above it or its title
    elif best.period_mismatch:
        reason = "period_mismatch"       # only another period's figure (month vs cumulative, another year,
        #                                  a target or task for a result) is there
    elif not best.names_subjects:
        reason = "subject_missing"       # no sentence names the thing asked about ("vịt", "ung thư")
    elif info.wants_quantity and not (best.has_figure or
                                      (asks_date_or_number(info.folded) and _DIGIT.search(best.text))):
        reason = "no_figure"             # "bao nhiêu" asked; the best sentence states no figure (only a
        #                                  date or a document number, unless one of those is asked)
    elif not best.in_unit_asked:
        reason = "no_figure"             # "bao nhiêu tấn" asked; the best sentence's figures are in tỷ
        #                                  đồng and %, none in tonnes
    elif asks_change(question) and not states_change(strip_diacritics(canonical(best.text))):
        reason = "no_figure"             # "giảm được bao nhiêu hộ nghèo" asked; the sentence gives only the
        #                                  level ("còn 1.136 hộ nghèo"), no change
    elif count_asked and rates_and_periods_only(best.text):
        reason = "no_figure"             # "bao nhiêu hộ nghèo", "bao nhiêu chiếc" asked (a count); the
        #                                  sentence gives only rates ("Tỷ lệ hộ nghèo | % | 0,12")
    elif heads_asked and counted_otherwise(best.text):
        reason = "no_figure"             # "bao nhiêu con lợn" asked; the sentence counts households and
        #                                  communes ("huyện Hương Khê (9 hộ) …; 11 xã …")
    elif confidence < threshold or best.coverage < MIN_COVERAGE:
        reason = "weak_evidence"
    elif not asks_something(info) and evidence.unknown_missing >= NOT_ASKED_UNKNOWN:
        reason = "not_a_question"        # "Hãy viết một bài thơ…", "Bỏ qua mọi hướng dẫn…"
    elif other_place(named_places, docs[best.doc_index].metadata, best.text, question):
        reason = "unmet_place"           # "xã Tân Lập" asked; the sentence is another place's
    elif another_provinces(provinces_elsewhere, docs[best.doc_index].metadata, best.text) \
            or part_of_whole_asked(wholes_asked, docs[best.doc_index].metadata, best.text):
        reason = "unmet_province"        # "theo báo cáo của Sở … Đồng Tháp, … của tỉnh An Giang": the Đồng
        #                                  Tháp report's sentence does not give An Giang's figure; nor does
        #                                  Sơn Tây's give "toàn thành phố Hà Nội"'s
    elif whole_asked and thing_only_in_place_part(best.text, scorer):
        reason = "unmet_place"           # "toàn tỉnh … khách quốc tế": "trong đó Phú Quốc đón … với 1.184.600
        #                                  lượt khách quốc tế" is Phú Quốc's
    elif unmet:
        # the question names a place/period no report covers: only answer if the passage says it
        # (as its own territory: "phối hợp với … tỉnh Sơn La tổ chức …" does not give Sơn La's figure)
        stated = own_provinces(nfc(best.text))
        if unmet.get("province") and not stated & set(unmet["province"]):
            reason = "unmet_province"
        if unmet.get("period"):
            reason = reason or "unmet_period"
    out = {"abstained": bool(reason), "quotes": [], "confidence": confidence, "reason": reason,
           "evidence": evidence}
    if reason:
        return out
    out["quotes"] = [(best.text if len(best.text) <= LONG_SENTENCE or best.table_header
                      else _best_clauses(best.text, scorer, info), best.doc_index, best.from_footnote)]
    if best.table_header:      # a row's figures read under their column heads ("Kế hoạch" | "Thực hiện quý I")
        out["quotes"].insert(0, (best.table_header, best.doc_index, False))
    # a second sentence when it adds terms the first lacks and is nearly as good
    for c in cands[1:4]:
        if c.text == best.text or c.period_mismatch:
            continue
        if c.score >= 0.85 * best.score and (c.matched - best.matched) and c.coverage >= SECOND_SENTENCE_COVERAGE:
            out["quotes"].append((c.text if len(c.text) <= LONG_SENTENCE else _best_clauses(c.text, scorer, info),
                                  c.doc_index, c.from_footnote))
            break
    return out


def format_answer(quotes: list[tuple[str, int, bool]], docs: list[Document]) -> tuple[str, list[int]]:
    """Answer text with [n] markers, and the retrieved-doc indices cited (in marker order)."""
    cited: list[int] = []
    parts = []
    for text, di, is_fn in quotes:
        if di not in cited:
            cited.append(di)
        n = cited.index(di) + 1
        md = docs[di].metadata
        path = md.get("section_path") or []
        where = f"mục {path[-1]}" if path else "phần đầu văn bản"
        lead = f"chú thích, {where}" if is_fn else where
        parts.append(f"“{text.rstrip()}” [{n}] ({lead})")
    if len(parts) == 1:
        return "Theo báo cáo: " + parts[0], cited
    return "Theo báo cáo:\n" + "\n".join("- " + p for p in parts), cited


def extractive_answer(question: str, docs: list[Document], idf, carried: str | None = None,
                      threshold: float | None = None, similarity=None) -> Answer:
    """The offline answer: quoted sentences with [n] markers, or an abstention with its reason."""
    picked = select(question, docs, idf, carried_question=carried, threshold=threshold, similarity=similarity)
    confidence = round(picked["confidence"], 4)
    if picked["abstained"]:
        return abstention("extractive", picked.get("reason"), confidence)
    text, cited = format_answer(picked["quotes"], docs)
    return Answer(text, False, "extractive",
                  [Citation.from_document(i + 1, docs[di]) for i, di in enumerate(cited)],
                  confidence=confidence)
