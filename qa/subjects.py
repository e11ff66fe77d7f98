"""The things a question asks a figure of: "đàn vịt", "diện tích lạc", "bệnh nhân ung thư", "vốn FDI".

A sentence that matches a question's generic words ("tổng đàn … con", "diện tích … ha", "bao nhiêu")
but not the thing it asks about is not evidence: "Tổng đàn vịt của tỉnh là bao nhiêu con?" must not be
answered with "Tổng đàn trâu khoảng 67.800 con".  Idf weighting alone does not see this, because a
rare colloquial verb ("nhích", "rót", "chích") weighs as much as the rare thing asked about.  So the
answerer reads the things named in the question from this table and wants the quoted sentence (or
its section heading, or the sentence it continues) to name each of them, in the report's words or through the vocabulary bridge
("heo" meets "lợn", "bắp" meets "ngô").

The table holds domain vocabulary of Vietnamese socio-economic reports — livestock, crops, products,
diseases, indicators a report gives beside their siblings (school levels, health staff, kinds of
insurance, incidents) and indicator abbreviations — never a question's wording.  Left out on purpose: syllables
with a common other meaning in reports or questions ("cá" of "cá nhân", "điều" of "điều tra", "tiêu"
of "chỉ tiêu", "hồi" of "phục hồi", "lao" of "lao động", "hoa" of "hoa màu", "đậu" of "thi đậu",
"tả" of "mô tả") and syllables with no marks of their own, which a question typed without diacritics
cannot tell apart ("cam" / "cám", "than" / "thân", "ong" / "ông", "cua" / "của", "ngan" /
"ngàn").  Also left out: kinds that reports name by their members ("gia súc", "gia cầm", "cây ăn quả":
a sentence gives "đàn bò … đàn lợn") and vehicles, which reports call "phương tiện", "xe công", "xe".
Countries are named by two syllables or more ("Đức" alone is also "đạo đức", "Lào" is "Lào Cai",
"Anh" is a pronoun), except "Mỹ", which people say for "Hoa Kỳ" (the bridge) and which, typed with its
mark, other names keep whole ("Mỹ Tho", "mỹ phẩm" hold it).  A single syllable is recognised only as
typed with its marks; a question without diacritics names a thing by two syllables or more.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.vntext import canonical, fold_token, strip_diacritics, word_tokens

SUBJECTS: tuple[str, ...] = (
    # livestock and poultry
    "trâu", "bò", "bò sữa", "bò thịt", "lợn", "lợn nái", "lợn thịt", "heo", "dê", "cừu", "ngựa", "gà",
    "vịt", "ngỗng", "chim cút", "hươu", "thỏ",
    # fish and seafood
    "tôm", "tôm hùm", "cá tra", "cá basa", "nghêu", "ngao", "hàu", "mực",
    # crops and forest products
    "lúa", "ngô", "bắp", "khoai lang", "khoai tây", "khoai môn", "sắn", "mía", "chè", "cà phê",
    "hồ tiêu", "cao su", "hạt điều", "dừa", "thuốc lá", "lạc", "đậu tương", "đậu nành", "vừng", "rau",
    "vải thiều", "nhãn", "bưởi", "chuối", "dứa", "xoài", "thanh long", "sầu riêng", "cây hồi",
    "hoa hồi", "quế", "ớt", "thạch đen", "nấm", "chanh", "mít", "dưa hấu", "cà chua", "chè búp",
    "dược liệu", "hoa kiểng", "cây cảnh", "thủy sản",
    # products and goods
    "xi măng", "sắt thép", "thép", "than đá", "gạo", "phân bón", "gạch", "quần áo", "giày dép",
    "điện thoại", "máy vi tính", "linh kiện", "dệt may", "đồ gỗ", "bia", "nước máy", "xăng dầu",
    "dầu thô", "khí đốt", "clanhke", "thủy điện",
    # diseases
    "ung thư", "sốt xuất huyết", "tay chân miệng", "sởi", "bạch hầu", "ho gà", "covid", "hiv", "cúm",
    "thủy đậu", "viêm gan", "đái tháo đường", "tăng huyết áp", "dịch tả lợn châu phi",
    # indicators with siblings a report gives side by side: school levels, health staff, forms of
    # malnutrition, kinds of insurance, incidents ("tốt nghiệp THPT" is not "tốt nghiệp THCS")
    "mầm non", "tiểu học", "trung học cơ sở", "trung học phổ thông", "thcs", "thpt", "đại học", "cao đẳng",
    "sinh viên", "bác sĩ", "điều dưỡng", "dược sĩ", "hộ sinh", "giường bệnh", "tử vong mẹ", "tử vong sơ sinh",
    "tử vong trẻ em", "nhẹ cân", "thấp còi",
    "gầy còm", "bảo hiểm xã hội", "bảo hiểm y tế", "bhxh", "bhyt", "thất nghiệp", "ngân sách", "cháy",
    "cháy rừng", "cháy nổ", "đuối nước", "tai nạn lao động", "tai nạn giao thông", "hộ nghèo", "cận nghèo",
    "khách quốc tế", "khách nội địa",
    # enterprise events: "doanh nghiệp giải thể" is not the new ones, nor the new ones the capital raised
    "giải thể", "tạm ngừng", "phá sản", "thành lập",
    # sectors a budget's revenue is broken into: the state sector's is not the private one's
    "doanh nghiệp nhà nước", "ngoài quốc doanh",
    # school rooms: the temporary ones are not all rooms
    "phòng học tạm",
    # indicators named by their abbreviation
    "fdi", "oda", "grdp", "cpi", "iip", "pci",
)

# countries and markets a figure is of ("xuất khẩu sang Trung Quốc", "khách Hàn Quốc", "lao động đi Nhật
# Bản"): the total or another market's figure is not theirs.  A market is a part of a total, so the
# sentence must name it itself: the sentence before listing the partners ("Hàn Quốc 416 triệu USD …")
# does not make the next one's total ("4.418 dự án FDI còn hiệu lực") Korea's.
MARKETS: tuple[str, ...] = (
    "trung quốc", "hàn quốc", "nhật bản", "hoa kỳ", "đài loan", "thái lan", "campuchia", "singapore",
    "ấn độ", "liên bang nga", "châu âu", "hồng kông", "malaysia", "indonesia", "liên bang đức", "mỹ",
)
SUBJECTS = SUBJECTS + MARKETS

# school subjects, named after "môn" ("điểm trung bình môn Toán", "môn Ngữ văn"): a part of an exam's
# results, whose average over all subjects ("Điểm trung bình các môn thi đạt 6,52") is not theirs.  Only
# after "môn": "toán" alone is also "dự toán", "thanh toán", and "văn" is "văn hóa", "văn bản".
SCHOOL_SUBJECTS: tuple[str, ...] = (
    "toán", "ngữ văn", "văn", "tiếng anh", "ngoại ngữ", "vật lý", "vật lí", "hóa học", "hoá học", "sinh học",
    "lịch sử", "địa lý", "địa lí", "tin học", "giáo dục công dân", "công nghệ", "tiếng việt",
)


@lru_cache(maxsize=2)
def _syllables(table: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A table's names as syllables, longest first (so "bò sữa" is tried before "bò")."""
    return sorted({tuple(word_tokens(s)) for s in table}, key=len, reverse=True)


def _names() -> list[tuple[str, ...]]:
    return _syllables(SUBJECTS)


@lru_cache(maxsize=1)
def _names_by_first() -> dict[str, list[tuple[str, ...]]]:
    """The table's names by their first syllable's fold, longest first: a syllable can only start the
    names whose first syllable folds like it."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in _names():
        out.setdefault(fold_token(name[0]), []).append(name)
    return out


def named_subjects(question: str) -> list[tuple[int, int]]:
    """Token spans (start, end) of `word_tokens(question)` that name a thing of the table.

    The longest name at a position wins ("bò sữa" over "bò").  A syllable typed with its marks is
    matched as written; one typed without them matches by its fold, for names of two syllables or more
    (and for names that have no marks at all, such as "covid")."""
    words = word_tokens(question)
    folded = [fold_token(w) for w in words]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        n = next((len(name) for name in _names_by_first().get(folded[i], ()) if i + len(name) <= len(words) and
                  all(_same(words[i + j], folded[i + j], w, len(name)) for j, w in enumerate(name))), 0)
        start = i
        if not n and i and folded[i - 1] == "mon":
            # (after "môn" a school subject is one even typed without marks, with its "môn": "mon toan" is
            # not met by "toàn tỉnh")
            n = next((len(name) for name in _syllables(SCHOOL_SUBJECTS) if i + len(name) <= len(words) and
                      all(_same(words[i + j], folded[i + j], w, 2) for j, w in enumerate(name))), 0)
            if n and all(w == f for w, f in zip(words[i:i + n], folded[i:i + n])):
                start = i - 1
        if n:
            spans.append((start, i + n))
        i += n or 1
    return spans


def is_part(words: list[str]) -> bool:
    """Do these syllables (a span `named_subjects` found) name a part of a total: a country or market, a
    school subject?  The sentence must name a part itself, not the sentence before it."""
    folded = [fold_token(w) for w in words]
    return " ".join(folded[1:] if folded[0] == "mon" else folded) in _part_folds()


@lru_cache(maxsize=1)
def _part_folds() -> frozenset[str]:
    return frozenset(" ".join(fold_token(w) for w in word_tokens(m)) for m in MARKETS + SCHOOL_SUBJECTS)


def _same(word: str, folded: str, name_word: str, n: int) -> bool:
    if word != folded:                       # typed with marks: as written
        return word == name_word
    name_folded = fold_token(name_word)
    return folded == name_folded and (n > 1 or name_folded == name_word)


# the two sides of one account: a question about one side is not answered by a sentence giving only the
# other ("thu ngân sách … bao nhiêu % dự toán" is not "Tổng chi ngân sách … đạt 25,4% dự toán"); folded
_BUDGET = r"(?:ngan sach|nsnn|nsdp|nstw)"
OPPOSITE_SIDES: tuple[tuple[re.Pattern, re.Pattern], ...] = tuple(
    (re.compile(a), re.compile(b)) for a, b in (
        (r"\bthu\s+(?:noi dia\s+)?" + _BUDGET, r"\bchi\s+(?:thuong xuyen\s+|dau tu\s+)?" + _BUDGET),
        (r"\bchi\s+" + _BUDGET, r"\bthu\s+" + _BUDGET),
        (r"(?<!nhap )\bxuat khau", r"\bnhap khau"),
        (r"\bnhap khau", r"(?<!nhap )\bxuat khau(?! nhap)"),
    ))


# trade asked ("kim ngạch xuất nhập khẩu", "nhập khẩu … bao nhiêu"); budget revenue collected on it ("thu từ
# hoạt động xuất nhập khẩu 199,6 tỷ đồng") is another account
_TRADE = re.compile(r"\b(?:xuat|nhap) khau\b")
_DUTIES = re.compile(r"\bthu (?:tu )?(?:hoat dong )?(?:xuat )?(?:nhap )?khau\b|\bthue (?:xuat|nhap)")
_BUDGET_ASKED = re.compile(r"\b(?:ngan sach|nsnn|thue|thu tu|thu ngan)\b")


# trade named by a sentence or around it: "xuất khẩu", "xuất, nhập khẩu", "kim ngạch", "xuất sang Hoa Kỳ"
_TRADE_NAMED = re.compile(r"\b(?:xuat|nhap) khau\b|\bxuat,? nhap\b|\bkim ngach\b|\bxuat (?:sang|di)\b|\bnhap (?:tu|ve)\b")


_LABOUR_EXPORT = re.compile(r"\bxuat khau lao dong\b")


def trade_unnamed(folded_question: str, around: str) -> bool:
    """Is trade asked ("kim ngạch xuất khẩu thủy sản") of a sentence that, with its heading and the
    sentence before it (`around`, as written), names no trade at all ("Giá trị sản xuất nông, lâm nghiệp
    và thủy sản …")?  A product's production is not its exports; a breakdown under "Xuất nhập khẩu" is
    about them."""
    # ("xuất khẩu lao động", XKLĐ, is work abroad, not trade)
    if not _TRADE.search(_LABOUR_EXPORT.sub(" ", folded_question)) or _BUDGET_ASKED.search(folded_question):
        return False
    return not _TRADE_NAMED.search(strip_diacritics(canonical(around)))


def duties_for_trade(folded_question: str, folded_sentence: str) -> bool:
    """Does the sentence name exports or imports only as budget revenue ("thu từ hoạt động xuất nhập khẩu
    505 tỷ đồng") where the question asks the trade itself?"""
    if not _TRADE.search(folded_question) or _BUDGET_ASKED.search(folded_question):
        return False
    return bool(_DUTIES.search(folded_sentence)) and not _TRADE.search(_DUTIES.sub(" ", folded_sentence))


def other_side_only(folded_question: str, folded_sentence: str) -> bool:
    """Does the sentence give only the other side of an account the question asks one side of (budget
    revenue / spending, exports / imports)?  "Xuất nhập khẩu" names both sides."""
    for asked, other in OPPOSITE_SIDES:
        if asked.search(folded_question) and not other.search(folded_question) \
                and other.search(folded_sentence) and not asked.search(folded_sentence):
            return True
    return False
