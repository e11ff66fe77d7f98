"""Vietnamese number handling, checked against sentences of the Lạng Sơn
January 2023 socio-economic report (data/samples/langson_ktxh_2023-01.txt)."""
from __future__ import annotations

import unicodedata

import pytest

from index.numbers import (
    NumberMention,
    find_numbers,
    normalize_unit,
    number_in_text,
    numbers_equivalent,
    parse_vn_number,
)

# Real sentences from the report
KIM_NGACH = (
    "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD, "
    "đạt 6,6% kế hoạch, tăng 108,3% so với cùng kỳ, trong đó: Xuất khẩu 100 triệu USD, "
    "đạt 7,7%, tăng 150%; nhập khẩu 150 triệu USD, đạt 6%, tăng 187,5%."
)
FOOTNOTE_2 = (
    "² Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ; đàn bò 28.100 con, "
    "giảm 2,25%; đàn lợn: 179.600 con, tăng 6,14%; đàn gia cầm 4.490 nghìn con, "
    "tương đương cùng kỳ."
)
FOOTNOTE_4 = (
    "⁴ Trong đó: Vốn ngân sách tỉnh: 1.226,1 tỷ đồng, đạt 96,7% kế hoạch; Vốn NSTW: "
    "1.687,7 tỷ đồng, đạt 81,4% kế hoạch"
)
GIAI_NGAN = (
    "Ước kết quả giải ngân kế hoạch vốn năm 2023 đến hết tháng 01/2023 là 45 tỷ đồng, "
    "đạt 1,15% kế hoạch, trong đó: Ngân sách địa phương (vốn cân đối ngân sách địa phương): "
    "20 tỷ đồng, đạt 1,6% kế hoạch"
)
DU_LICH = (
    "Trong tháng thu hút khoảng 250,95 nghìn lượt khách du lịch, trong đó: khách quốc tế "
    "1,51 nghìn lượt, khách nội địa 249,44 nghìn lượt; doanh thu ước đạt 176 tỷ đồng."
)
THONG_QUAN = (
    "Hiện nay, hoạt động thông quan hàng hóa xuất nhập khẩu trên địa bàn đang được thực hiện "
    "tại 05 cửa khẩu³; trung bình đạt khoảng 1.000 - 1.200 xe/ngày, trong đó 75% hàng xuất "
    "khẩu là hoa quả, nông sản."
)
QUYET_DINH = (
    "ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về nhiệm vụ, giải pháp chủ yếu chỉ đạo, "
    "điều hành thực hiện Kế hoạch phát triển kinh tế - xã hội"
)
CONG_VAN = (
    "⁸ Công văn số 602/BGTVT-KHĐT ngày 18/01/2023 của Bộ Giao thông vận tải về việc dự án "
    "nâng cấp đoạn Km18-Km80, quốc lộ 4B (tỉnh Lạng Sơn)"
)
NONG_THON_MOI = (
    "Hoàn thành thẩm định, công nhận 08/10 xã đạt đạt chuẩn nông thôn mới và 03/05 xã đạt "
    "chuẩn nông thôn mới nâng cao, 121/121 công trình đầu tư xây dựng cơ sở hạ tầng kế hoạch "
    "năm 2022 đã cơ bản hoàn thành và đưa vào sử dụng."
)
FOOTNOTE_5_HEAD = (
    "⁵ Điện sản xuất 60,5 TrKw/h, đạt 6,8% so với kế hoạch, giảm 8,9% với cùng kỳ; "
    "Điện thương phẩm 70,3 TrKw/h, đạt 7,9%, bằng cùng kỳ năm trước; Đá các loại 260 nghìn m³, "
    "đạt 6,0%, giảm 12,8%"
)


def only(mentions: list[NumberMention], kind: str) -> list[NumberMention]:
    return [m for m in mentions if m.kind == kind]


def by_raw(text: str, raw: str) -> NumberMention:
    hits = [m for m in find_numbers(text) if m.raw == raw]
    assert len(hits) == 1, [m.raw for m in find_numbers(text)]
    return hits[0]


# --------------------------------------------------------------------------
# parse_vn_number
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "s, expected",
    [
        ("1.226,1", 1226.1),
        ("4.490", 4490.0),
        ("108,3", 108.3),
        ("0,81", 0.81),
        ("95.294", 95294.0),
        ("2.913,8", 2913.8),
        ("467,245", 467.245),   # comma + 3 digits is still a decimal comma
        ("01", 1.0),
        ("1.000", 1000.0),      # thousands, not 1.0
        ("37.160", 37160.0),
        ("664.925", 664925.0),
        ("3.531,25", 3531.25),
        ("1.5", 1.5),           # English-style decimal in an LLM answer
        ("1226.1", 1226.1),
        ("1226,1", 1226.1),
        ("12.50", 12.5),
        ("0.500", 0.5),         # "0" cannot lead a thousands group
        ("1.226.100", 1226100.0),
        ("1,226.1", 1226.1),    # English grouping with a decimal point
        ("1,226,100", 1226100.0),
        ("1 226,1", 1226.1),
        ("-2,25", -2.25),
    ],
)
def test_parse_vn_number(s, expected):
    assert parse_vn_number(s) == pytest.approx(expected)


@pytest.mark.parametrize("s", ["", "abc", "1.2.3", "1,2,3", "1.22,5", "12/2023", "1.226,1,5"])
def test_parse_vn_number_rejects(s):
    assert parse_vn_number(s) is None


def test_parse_nfd_input():
    assert parse_vn_number(unicodedata.normalize("NFD", " 1.226,1 ")) == pytest.approx(1226.1)


# --------------------------------------------------------------------------
# find_numbers: quantities, multipliers and units
# --------------------------------------------------------------------------

def test_money_with_multiplier():
    m = by_raw(KIM_NGACH, "250 triệu USD")
    assert m.kind == "number"
    assert m.value == 250.0
    assert m.unit == "USD"
    assert m.unit_raw == "triệu USD"
    assert m.scaled == pytest.approx(250e6)
    assert KIM_NGACH[m.start:m.end] == "250 triệu USD"


def test_percentages():
    ms = only(find_numbers(KIM_NGACH), "percent")
    assert [m.value for m in ms] == pytest.approx([6.6, 108.3, 7.7, 150.0, 6.0, 187.5])
    assert all(m.unit == "%" for m in ms)
    # "tháng 01" is a date, not a quantity
    assert [m.raw for m in only(find_numbers(KIM_NGACH), "date")] == ["01"]


def test_thousands_and_decimal_in_footnote_4():
    m = by_raw(FOOTNOTE_4, "1.226,1 tỷ đồng")
    assert m.value == pytest.approx(1226.1)
    assert m.unit == "đồng"
    assert m.scaled == pytest.approx(1226.1e9)
    assert by_raw(FOOTNOTE_4, "1.687,7 tỷ đồng").scaled == pytest.approx(1687.7e9)


def test_ty_dong():
    m = by_raw(GIAI_NGAN, "45 tỷ đồng")
    assert (m.value, m.unit, m.scaled) == (45.0, "đồng", pytest.approx(45e9))
    assert [d.raw for d in only(find_numbers(GIAI_NGAN), "date")] == ["2023", "01/2023"]


def test_trieu_dong():
    text = ("Chuyển quà tặng của Chủ tịch nước đến 7.191 đối tượng chính sách, người có công, "
            "kinh phí 2.214 triệu đồng")
    m = by_raw(text, "2.214 triệu đồng")
    assert m.scaled == pytest.approx(2.214e9)
    assert m.unit == "đồng"
    assert by_raw(text, "7.191 đối tượng").value == 7191.0


def test_nghin_con_in_footnote_2():
    m = by_raw(FOOTNOTE_2, "4.490 nghìn con")
    assert m.value == 4490.0
    assert m.multiplier == 1000.0
    assert m.unit == "con"
    assert m.scaled == pytest.approx(4_490_000)
    assert by_raw(FOOTNOTE_2, "67.800 con").scaled == 67800.0


def test_nghin_luot():
    m = by_raw(DU_LICH, "1,51 nghìn lượt")
    assert (m.value, m.unit, m.scaled) == (pytest.approx(1.51), "lượt", pytest.approx(1510))
    assert by_raw(DU_LICH, "250,95 nghìn lượt").scaled == pytest.approx(250950)


def test_trieu_cay():
    text = "Tổng số cây đã chuẩn bị để cấp phát gồm 104,6 triệu cây lâm nghiệp, 401 nghìn cây cảnh quan, ăn quả."
    m = by_raw(text, "104,6 triệu cây")
    assert m.unit == "cây"
    assert m.scaled == pytest.approx(104.6e6)
    assert by_raw(text, "401 nghìn cây").scaled == pytest.approx(401_000)


def test_tr_glued_to_unit_in_footnote_5():
    m = by_raw(FOOTNOTE_5_HEAD, "60,5 TrKw/h")
    assert m.value == pytest.approx(60.5)
    assert m.multiplier == 1e6
    assert m.unit == "kWh"
    assert m.unit_raw == "TrKw/h"
    assert m.scaled == pytest.approx(60.5e6)


def test_cubic_metres_keep_superscript():
    m = by_raw(FOOTNOTE_5_HEAD, "260 nghìn m³")
    assert (m.unit, m.scaled) == ("m³", pytest.approx(260_000))


def test_hectares_with_footnote_marker():
    text = "Tập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước đạt 3.666 ha¹; các đối tượng"
    ms = find_numbers(text)
    assert [(m.raw, m.value, m.unit) for m in ms] == [("3.666 ha", 3666.0, "ha")]  # "¹" is no digit


def test_transport_units():
    text = ("lượng luân chuyển hành khách đạt 22 triệu HK.Km, luân chuyển hàng hóa đạt "
            "57 triệu tấn.Km, doanh thu vận tải ước đạt 193 tỷ đồng.")
    assert by_raw(text, "22 triệu HK.Km").unit == "HK.km"
    assert by_raw(text, "57 triệu tấn.Km").scaled == pytest.approx(57e6)
    assert by_raw(text, "193 tỷ đồng").scaled == pytest.approx(193e9)


def test_decimal_comma_with_three_digits():
    text = "phát hiện sai phạm về kinh tế 467,245 triệu đồng; kiến nghị thu hồi 467,24 triệu đồng"
    assert by_raw(text, "467,245 triệu đồng").scaled == pytest.approx(467_245_000)
    assert by_raw(text, "467,24 triệu đồng").scaled == pytest.approx(467_240_000)


def test_percent_with_space():
    text = "kế hoạch vốn chương trình MTQG: 634,5 tỷ đồng, đạt 75,3 % kế hoạch⁴."
    m = by_raw(text, "75,3 %")
    assert (m.kind, m.value, m.unit) == ("percent", pytest.approx(75.3), "%")


def test_range():
    m = by_raw(THONG_QUAN, "1.000 - 1.200 xe/ngày")
    assert m.is_range
    assert (m.value, m.value_high) == (1000.0, 1200.0)
    assert m.unit == "xe/ngày"
    assert m.scaled_high == 1200.0
    # the high end is not reported again as a number of its own
    assert [x.raw for x in find_numbers(THONG_QUAN)] == ["05 cửa khẩu", "1.000 - 1.200 xe/ngày", "75%"]


def test_year_range_is_a_date():
    text = "Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 – 2025."
    ms = find_numbers(text)
    assert [(m.raw, m.kind) for m in ms] == [("5 năm", "number"), ("2021 – 2025", "date")]
    assert ms[1].is_range and ms[1].value_high == 2025.0


# --------------------------------------------------------------------------
# find_numbers: things that are not quantities
# --------------------------------------------------------------------------

def test_dates_and_docnums_are_not_numbers():
    ms = find_numbers(QUYET_DINH)
    assert [(m.raw, m.kind) for m in ms] == [("79/QĐ-UBND", "docnum"), ("19/01/2023", "date")]
    assert ms[0].value == 79.0
    assert ms[1].value == 20230119.0
    assert not only(ms, "number")


def test_docnum_and_identifiers_in_footnote_8():
    ms = find_numbers(CONG_VAN)
    # "Km18-Km80" and "quốc lộ 4B" are road identifiers, not figures
    assert [(m.raw, m.kind) for m in ms] == [("602/BGTVT-KHĐT", "docnum"), ("18/01/2023", "date")]


def test_more_dates():
    text = ("thực hiện các chương trình, dự án ... hoàn thành trước 31/12/2022; Tình hình sản xuất "
            "công nghiệp trong tháng 01/2023; từ ngày 08/01/2023 phía Trung Quốc; "
            "kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2023)")
    dates = only(find_numbers(text), "date")
    assert [d.raw for d in dates] == ["31/12/2022", "01/2023", "08/01/2023", "03/02/1930", "03/02/2023"]
    assert [m.raw for m in only(find_numbers(text), "number")] == ["93 năm"]


def test_years_and_named_documents():
    text = ("Tổ chức Hội nghị sơ kết 01 năm triển khai thực hiện Đề án 06 và triển khai nhiệm vụ năm 2023. "
            "Xuân Quý Mão 2023; trấn áp tội phạm COVID-19 và Covid -19.")
    ms = find_numbers(text)
    assert [(m.raw, m.kind) for m in ms] == [
        ("01 năm", "number"), ("06", "docnum"), ("2023", "date"), ("2023", "date"),
    ]


def test_ratios():
    ms = find_numbers(NONG_THON_MOI)
    assert [(m.raw, m.kind, m.value, m.denominator, m.unit) for m in ms] == [
        ("08/10 xã", "ratio", 8.0, 10.0, "xã"),
        ("03/05 xã", "ratio", 3.0, 5.0, "xã"),
        ("121/121 công trình", "ratio", 121.0, 121.0, "công trình"),
        ("2022", "date", 2022.0, None, ""),
    ]
    text = "kết thúc 15/55 cuộc thanh tra; bảo đảm trực cấp cứu 24/24 giờ."
    assert [(m.raw, m.kind) for m in find_numbers(text)] == [("15/55 cuộc", "ratio"), ("24/24 giờ", "ratio")]


def test_section_numbers():
    text = "1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới\n2. Lĩnh vực văn hóa - xã hội"
    assert [(m.raw, m.kind) for m in find_numbers(text)] == [("1.1.", "section"), ("2.", "section")]


def test_nfd_input_is_normalised():
    nfc = "Tổng đàn trâu khoảng 67.800 con, đàn gia cầm 4.490 nghìn con"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    ms = find_numbers(nfd)
    assert [(m.raw, m.unit, m.scaled) for m in ms] == [
        ("67.800 con", "con", 67800.0), ("4.490 nghìn con", "con", 4_490_000.0),
    ]
    # offsets refer to the NFC text
    assert nfc[ms[1].start:ms[1].end] == "4.490 nghìn con"


def test_normalize_unit():
    assert normalize_unit("Kw/h") == "kWh"
    assert normalize_unit("VNĐ") == "đồng"
    assert normalize_unit("m3") == "m³"
    assert normalize_unit("đồng/người/năm") == "đồng/người/năm"
    assert normalize_unit("xyz") == ""


# --------------------------------------------------------------------------
# equivalence and the figure guard
# --------------------------------------------------------------------------

def one(s: str) -> NumberMention:
    ms = find_numbers(s)
    assert len(ms) == 1, ms
    return ms[0]


def test_ty_equals_trieu():
    assert numbers_equivalent(one("45 tỷ đồng"), one("45.000 triệu đồng"))
    assert number_in_text("45.000 triệu đồng", GIAI_NGAN)
    assert number_in_text("0,045 nghìn tỷ đồng", GIAI_NGAN)


def test_formats_of_one_value():
    for answer in ["1.226,1", "1226.1", "1226,1", "1.226,1 tỷ đồng", "1226,1 tỷ đồng", "1,2261 nghìn tỷ đồng"]:
        assert number_in_text(answer, FOOTNOTE_4), answer
    assert not number_in_text("1.226,1 triệu đồng", FOOTNOTE_4)   # wrong multiplier
    assert not number_in_text("1.226 tỷ đồng", FOOTNOTE_4)        # rounded is not the same figure


def test_wrong_number_not_in_passage():
    assert number_in_text("250 triệu USD", KIM_NGACH)
    assert not number_in_text("260 triệu USD", KIM_NGACH)
    assert not number_in_text("250 triệu đồng", KIM_NGACH)  # same digits, wrong currency
    assert not number_in_text("108,4%", KIM_NGACH)


def test_bare_number_matches_value():
    assert number_in_text("250", KIM_NGACH)
    assert number_in_text("108,3", KIM_NGACH)      # bare vs percentage
    assert number_in_text("4.490", FOOTNOTE_2)    # value as written before "nghìn"
    assert number_in_text("4490000", FOOTNOTE_2)  # or the scaled value
    assert not number_in_text("4.491", FOOTNOTE_2)


def test_percent_matches_only_percent():
    assert number_in_text("108,3%", KIM_NGACH)
    assert number_in_text("108.3%", KIM_NGACH)
    assert not number_in_text("150%", "nhập khẩu 150 triệu USD")
    assert not numbers_equivalent(one("6%"), one("6 tỷ đồng"))


def test_units_must_be_compatible():
    assert not numbers_equivalent(one("28.100 con"), one("28.100 hộ"))
    assert numbers_equivalent(one("95.294 lượt"), one("95.294 lượt con"))
    assert numbers_equivalent(one("4,49 triệu con"), one("4.490 nghìn con"))
    assert numbers_equivalent(one("250 triệu"), one("250 triệu USD"))   # no unit written: value decides
    assert numbers_equivalent(one("1.200 xe"), one("1.200 xe/ngày"))   # "/ngày" dropped
    assert not numbers_equivalent(one("1.200 tấn"), one("1.200 xe/ngày"))


def test_range_matching():
    assert number_in_text("1.200 xe/ngày", THONG_QUAN)
    assert number_in_text("1000", THONG_QUAN)
    assert number_in_text("1.000 - 1.200 xe/ngày", THONG_QUAN)
    assert number_in_text("từ 1.000 đến 1.200 xe/ngày", THONG_QUAN)
    assert not number_in_text("1.100 xe/ngày", THONG_QUAN)
    assert not number_in_text("1.000 - 1.300 xe/ngày", THONG_QUAN)


def test_dates_and_docnums_match_only_their_kind():
    assert number_in_text("19/1/2023", QUYET_DINH)
    assert number_in_text("79/QĐ-UBND", QUYET_DINH)
    assert not number_in_text("79", QUYET_DINH)       # a document number is not the quantity 79
    assert not number_in_text("20/01/2023", QUYET_DINH)
    assert not number_in_text("1", KIM_NGACH.replace("250", "X"))  # "tháng 01" is a date


def test_ratio_matching():
    assert number_in_text("08/10 xã", NONG_THON_MOI)
    assert number_in_text("8/10 xã", NONG_THON_MOI)
    assert number_in_text("8 xã", NONG_THON_MOI)
    assert number_in_text("10 xã", NONG_THON_MOI)
    assert not number_in_text("9/10 xã", NONG_THON_MOI)


def test_guard_on_nfd_answer():
    answer = unicodedata.normalize("NFD", "Đàn gia cầm có 4,49 triệu con")
    assert number_in_text(answer, FOOTNOTE_2)
    assert not number_in_text(unicodedata.normalize("NFD", "4,5 triệu con"), FOOTNOTE_2)


def test_list_markers_in_answers_need_no_source():
    answer = "1. Kim ngạch đạt 250 triệu USD\n2. Tăng 108.3%"
    ms = find_numbers(answer)
    assert [(m.raw, m.kind) for m in ms] == [
        ("1.", "section"), ("250 triệu USD", "number"), ("2.", "section"), ("108.3%", "percent"),
    ]
    assert all(number_in_text(m, KIM_NGACH) for m in ms)
    assert not numbers_equivalent(ms[0], ms[0])   # a marker is never a quantity match
