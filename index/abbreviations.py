"""Abbreviations of Vietnamese administrative writing, so "CCCD" finds "căn cước công dân" and back.

Reports abbreviate heavily (UBND, HĐND, CCCD, BHXH, KT-XH); officials ask in full
words, journalists type the abbreviation.  Lexical search and the answerer's
coverage both read a text with, beside its own syllables, the other form of every
abbreviation or expansion it contains — on the text side only, so the question is
taken as typed and either form of it meets either form in the report.

Only abbreviations that mean one thing in these reports are listed: two-letter
ones that could be several words ("KH", "HS", "TT") are left out on purpose.
The same mechanism reads the vocabulary bridge (index/vocabulary.py: people's
words <-> the report's terms).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from .vntext import folded_terms, folded_tokens, word_tokens

# as written in reports -> the words it stands for
ABBREVIATIONS: dict[str, str] = {
    # bodies and offices
    "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân", "MTTQ": "mặt trận tổ quốc",
    "MTTQVN": "mặt trận tổ quốc Việt Nam", "BCĐ": "ban chỉ đạo", "BCH": "ban chấp hành",
    "VKSND": "viện kiểm sát nhân dân", "TAND": "tòa án nhân dân", "CAND": "công an nhân dân",
    "QĐND": "quân đội nhân dân", "ĐBQH": "đại biểu quốc hội", "TW": "trung ương",
    "TTXVN": "thông tấn xã Việt Nam", "PT-TH": "phát thanh truyền hình", "KBNN": "kho bạc nhà nước",
    "QLTT": "quản lý thị trường", "CSGT": "cảnh sát giao thông", "TP": "thành phố",
    "ĐVHC": "đơn vị hành chính", "LLVT": "lực lượng vũ trang", "CBCCVC": "cán bộ công chức viên chức",
    # departments
    "GD&ĐT": "giáo dục và đào tạo", "GDĐT": "giáo dục và đào tạo",
    "LĐ-TB&XH": "lao động thương binh và xã hội", "LĐTBXH": "lao động thương binh và xã hội",
    "TN&MT": "tài nguyên và môi trường", "TNMT": "tài nguyên và môi trường",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn", "NNPTNT": "nông nghiệp và phát triển nông thôn",
    "KH&ĐT": "kế hoạch và đầu tư", "KHĐT": "kế hoạch và đầu tư", "GTVT": "giao thông vận tải",
    # departments as merged in 2025
    "NN&MT": "nông nghiệp và môi trường", "NNMT": "nông nghiệp và môi trường",
    "KH&CN": "khoa học và công nghệ", "KHCN": "khoa học và công nghệ",
    "VH-TT-DL": "văn hóa thể thao và du lịch", "VHTTDL": "văn hóa thể thao và du lịch",
    "DT&TG": "dân tộc và tôn giáo",
    # economy and budget
    "KT-XH": "kinh tế - xã hội", "NSNN": "ngân sách nhà nước", "NSTW": "ngân sách trung ương",
    "NSĐP": "ngân sách địa phương", "MTQG": "mục tiêu quốc gia", "CTMTQG": "chương trình mục tiêu quốc gia",
    "XNK": "xuất nhập khẩu", "XK": "xuất khẩu", "XKLĐ": "xuất khẩu lao động", "SXKD": "sản xuất kinh doanh", "DN": "doanh nghiệp",
    "DNNN": "doanh nghiệp nhà nước", "HTX": "hợp tác xã", "TNHH": "trách nhiệm hữu hạn",
    "KCN": "khu công nghiệp", "CCN": "cụm công nghiệp", "KKT": "khu kinh tế", "NTM": "nông thôn mới",
    "XDCB": "xây dựng cơ bản", "GPMB": "giải phóng mặt bằng", "TMĐT": "thương mại điện tử",
    "GRDP": "tổng sản phẩm trên địa bàn", "CPI": "chỉ số giá tiêu dùng",
    "IIP": "chỉ số sản xuất công nghiệp", "FDI": "đầu tư trực tiếp nước ngoài",
    "ODA": "hỗ trợ phát triển chính thức", "PCI": "chỉ số năng lực cạnh tranh cấp tỉnh",
    # society, order, administration
    "CCCD": "căn cước công dân", "CMND": "chứng minh nhân dân", "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế", "BHTN": "bảo hiểm thất nghiệp", "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở", "ATTP": "an toàn thực phẩm", "VSATTP": "vệ sinh an toàn thực phẩm",
    "ATGT": "an toàn giao thông", "TTATGT": "trật tự an toàn giao thông", "TNGT": "tai nạn giao thông",
    "ANTT": "an ninh trật tự", "TTATXH": "trật tự an toàn xã hội", "QP-AN": "quốc phòng - an ninh",
    "PCCC": "phòng cháy chữa cháy", "CNTT": "công nghệ thông tin", "CĐS": "chuyển đổi số",
    "CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính", "DVC": "dịch vụ công",
    "TNLĐ": "tai nạn lao động", "TNCN": "thu nhập cá nhân", "GDNN": "giáo dục nghề nghiệp",
    "GDTX": "giáo dục thường xuyên", "PCGD": "phổ cập giáo dục", "DTTS": "dân tộc thiểu số",
    "LĐTB&XH": "lao động thương binh và xã hội", "VPHC": "vi phạm hành chính",
}


def _abbreviation_pairs() -> list[tuple[str, str]]:
    return list(ABBREVIATIONS.items())


def _tables() -> list[tuple[str, str]]:
    """(form, other form) of every abbreviation and of every entry of the vocabulary bridge."""
    from .vocabulary import VOCABULARY
    pairs = list(ABBREVIATIONS.items())
    bridge = [(everyday, term) for everyday, terms in VOCABULARY.items() for term in terms]
    pairs += bridge
    # one step for two: a bridge entry whose report term is abbreviated in reports meets the abbreviation
    # too ("cấp 3" -> "trung học phổ thông" = "THPT"; "công ty" -> "doanh nghiệp" = "DN"), and the other way
    by_expansion = {tuple(folded_tokens(long)): short for short, long in ABBREVIATIONS.items()}
    for everyday, term in bridge:
        short = by_expansion.get(tuple(folded_tokens(term)))
        if short and (everyday, short) not in pairs:
            pairs.append((everyday, short))
        short = by_expansion.get(tuple(folded_tokens(everyday)))
        if short and (short, term) not in pairs:
            pairs.append((short, term))
    return pairs


@lru_cache(maxsize=1)
def tables_fingerprint() -> str:
    """A short hash of both tables: the BM25 terms of every indexed chunk include its alternates, so an
    index built with other tables must be rebuilt (index/lexical.py keys its caches on this)."""
    return hashlib.sha1(repr(sorted(_tables())).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=2)
def _pairs(side: str = "text") -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]]:
    """first folded token -> [(folded run to find, folded run it stands for, that run as written)].

    An abbreviation and its expansion stand for each other both ways, and so does a bridge entry for
    search (`side` "text": a passage's terms, which BM25 reads; recall is its concern).  For the answerer
    (`side` "question": the phrases of a question a passage may meet in other words) a bridge entry goes
    one way: the people's word asks the report's term, but a question in the report's term is not met by
    a passage's everyday words ("dư nợ tín dụng" is not "cho vay nặng lãi")."""
    out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}
    abbreviations = set(_abbreviation_pairs())
    for short, long in _tables():
        a, b = tuple(folded_tokens(short)), tuple(folded_tokens(long))
        wa, wb = tuple(word_tokens(short)), tuple(word_tokens(long))
        ways = ((a, b, wb), (b, a, wa)) if side == "text" or (short, long) in abbreviations else ((a, b, wb),)
        for find, other, written in ways:
            entry = (find, other, written)
            if entry not in out.get(find[0], []):
                out.setdefault(find[0], []).append(entry)
    return out


def _alternates(folded: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    pairs = _pairs()
    runs = []
    for i, tok in enumerate(folded):
        for find, other, written in pairs.get(tok, ()):
            if tuple(folded[i:i + len(find)]) == find:
                runs.append((other, written))
    return runs


def phrase_alternates(folded: list[str]) -> list[tuple[int, int, list[tuple[str, ...]]]]:
    """(start, end, the other forms as folded runs) of each table entry found in a folded token list.

    The answerer matches a question's phrase as a whole: "gà vịt" is met by "gia cầm", but
    "vịt" alone is not (its syllables never stand for the other side one by one)."""
    pairs = _pairs("question")
    found: dict[tuple[int, int], list[tuple[str, ...]]] = {}
    for i, tok in enumerate(folded):
        for find, other, _written in pairs.get(tok, ()):
            if tuple(folded[i:i + len(find)]) == find:
                found.setdefault((i, i + len(find)), []).append(other)
    return [(a, b, others) for (a, b), others in found.items()]


def alternate_runs(folded: list[str]) -> list[tuple[str, ...]]:
    """The other form of each abbreviation, expansion or bridged word found in a folded token list."""
    return [other for other, _ in _alternates(folded)]


def alternate_terms(folded: list[str]) -> list[str]:
    """Terms of those other forms: accented syllables ("a:") as the table writes them, and folded
    syllables ("f:") and bigrams ("b:"), bigrams within each run."""
    return [term for other, written in _alternates(folded)
            for term in ["a:" + w for w in written] + folded_terms(list(other))]


@lru_cache(maxsize=1)
def _expansions() -> dict[str, list[str]]:
    """folded abbreviation -> terms of its expansion (the abbreviation table only, not the bridge)."""
    out: dict[str, list[str]] = {}
    for short, long in ABBREVIATIONS.items():
        found = folded_tokens(short)
        if len(found) == 1:
            out.setdefault(found[0], []).extend(["a:" + w for w in word_tokens(long)] +
                                                folded_terms(folded_tokens(long)))
    return out


def expansion_terms(folded: list[str]) -> set[str]:
    """Terms of the expansions of the abbreviations in a folded token list: "thu NSNN" names "ngân sách
    nhà nước".  Only the abbreviation table: a bridged word ("gia cầm") does not name each thing its
    other side lists ("gà vịt")."""
    table = _expansions()
    return {term for tok in folded for term in table.get(tok, ())}
