"""Figure extraction (metric, unit, comparison) on real sentences of the
Lạng Sơn January 2023 socio-economic report."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from index.figures import Figure, extract_figures, extract_figures_from_text, split_sentences

REPORT = Path(__file__).resolve().parents[1] / "data" / "samples" / "langson_ktxh_2023-01.txt"


def rows(sentence: str) -> list[tuple[str, str, str]]:
    """(raw, metric, comparison) per figure: what the figure table shows."""
    return [(f.raw, f.metric, f.comparison) for f in extract_figures(sentence)]


def test_kim_ngach_metric_and_comparisons():
    s = ("Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD, "
         "đạt 6,6% kế hoạch, tăng 108,3% so với cùng kỳ, trong đó: Xuất khẩu 100 triệu USD, "
         "đạt 7,7%, tăng 150%; nhập khẩu 150 triệu USD, đạt 6%, tăng 187,5%.")
    assert rows(s) == [
        ("250 triệu USD", "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01",
         "đạt 6,6% kế hoạch; tăng 108,3% so với cùng kỳ"),
        ("100 triệu USD", "Xuất khẩu", "đạt 7,7%; tăng 150%"),
        ("150 triệu USD", "nhập khẩu", "đạt 6%; tăng 187,5%"),
    ]
    f = extract_figures(s)[0]
    assert (f.value_text, f.unit, f.value) == ("250 triệu", "USD", 250e6)   # value: the number printed
    assert f.value_high is None and f.base_unit == "USD"
    assert f.scaled == pytest.approx(250e6)
    assert f.kind == "number"
    assert f.sentence == s
    assert s[f.start:f.end] == "250 triệu USD"


def test_footnote_2_livestock():
    s = ("² Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ; đàn bò 28.100 con, "
         "giảm 2,25%; đàn lợn: 179.600 con, tăng 6,14%; đàn gia cầm 4.490 nghìn con, "
         "tương đương cùng kỳ.")
    assert rows(s) == [
        ("67.800 con", "Tổng đàn trâu", "tăng 7,65% so với cùng kỳ"),
        ("28.100 con", "đàn bò", "giảm 2,25%"),
        ("179.600 con", "đàn lợn", "tăng 6,14%"),      # metric from the label before ":"
        ("4.490 nghìn con", "đàn gia cầm", "tương đương cùng kỳ"),
    ]
    poultry = extract_figures(s)[3]
    assert (poultry.value_text, poultry.unit, poultry.base_unit, poultry.scaled) == ("4.490 nghìn", "con", "con", 4_490_000)


def test_footnote_5_industry():
    s = ("⁵ Điện sản xuất 60,5 TrKw/h, đạt 6,8% so với kế hoạch, giảm 8,9% với cùng kỳ; "
         "Điện thương phẩm 70,3 TrKw/h, đạt 7,9%, bằng cùng kỳ năm trước; Than sạch: 50 nghìn tấn, "
         "đạt 8,9%, tăng 0,8%; Xi măng: 65 nghìn tấn, đạt 6,8% , tăng 4,4%; Đá các loại 260 nghìn m³, "
         "đạt 6,0%, giảm 12,8%; Nhựa thông và các sản phẩm từ nhựa thông 1.000 tấn, đạt 4,5%, "
         "giảm 59,5%; Hợp kim và Hợp chất kim loại: 70 tấn, đạt 9,7%, tăng 3,7%.")
    assert rows(s) == [
        ("60,5 TrKw/h", "Điện sản xuất", "đạt 6,8% so với kế hoạch; giảm 8,9% với cùng kỳ"),
        ("70,3 TrKw/h", "Điện thương phẩm", "đạt 7,9%; bằng cùng kỳ năm trước"),
        ("50 nghìn tấn", "Than sạch", "đạt 8,9%; tăng 0,8%"),
        ("65 nghìn tấn", "Xi măng", "đạt 6,8%; tăng 4,4%"),
        ("260 nghìn m³", "Đá các loại", "đạt 6,0%; giảm 12,8%"),
        ("1.000 tấn", "Nhựa thông và các sản phẩm từ nhựa thông", "đạt 4,5%; giảm 59,5%"),
        ("70 tấn", "Hợp kim và Hợp chất kim loại", "đạt 9,7%; tăng 3,7%"),
    ]
    f = extract_figures(s)[0]
    assert (f.unit, f.base_unit, f.scaled) == ("TrKw/h", "kWh", pytest.approx(60.5e6))
    assert extract_figures(s)[4].base_unit == "m³"


def test_footnote_4_capital_plan():
    s = ("⁴ Trong đó: Vốn ngân sách tỉnh: 1.226,1 tỷ đồng, đạt 96,7% kế hoạch; Vốn NSTW: "
         "1.687,7 tỷ đồng, đạt 81,4% kế hoạch, trong đó: Vốn NSTW chưa bao gồm Chương trình mục "
         "tiêu quốc gia: 1.053,2 tỷ đồng, đạt 85,6% kế hoạch giao đầu năm")
    assert rows(s) == [
        ("1.226,1 tỷ đồng", "Vốn ngân sách tỉnh", "đạt 96,7% kế hoạch"),
        ("1.687,7 tỷ đồng", "Vốn NSTW", "đạt 81,4% kế hoạch"),
        ("1.053,2 tỷ đồng", "Vốn NSTW chưa bao gồm Chương trình mục tiêu quốc gia",
         "đạt 85,6% kế hoạch giao đầu năm"),
    ]
    assert extract_figures(s)[0].scaled == pytest.approx(1226.1e9)


def test_disbursement_with_parenthesised_label():
    s = ("Ước kết quả giải ngân kế hoạch vốn năm 2023 đến hết tháng 01/2023 là 45 tỷ đồng, "
         "đạt 1,15% kế hoạch, trong đó: Ngân sách địa phương (vốn cân đối ngân sách địa phương): "
         "20 tỷ đồng, đạt 1,6% kế hoạch; ngân sách trung ương (ngân sách trung ương trong nước "
         "không bao gồm vốn thực hiện các chương trình MTQG): 25 tỷ đồng, đạt 1,8% kế hoạch; chủ "
         "yếu giải ngân vốn dự án hoàn thành trước 31/12/2022 và dự án năm 2022 chuyển tiếp sang năm 2023.")
    assert rows(s) == [
        ("45 tỷ đồng", "Ước kết quả giải ngân kế hoạch vốn năm 2023 đến hết tháng 01/2023",
         "đạt 1,15% kế hoạch"),
        ("20 tỷ đồng", "Ngân sách địa phương (vốn cân đối ngân sách địa phương)", "đạt 1,6% kế hoạch"),
        ("25 tỷ đồng", "ngân sách trung ương (ngân sách trung ương trong nước không bao gồm vốn "
         "thực hiện các chương trình MTQG)", "đạt 1,8% kế hoạch"),
    ]  # dates and "năm 2022/2023" are not figures


def test_local_exports_numberless_comparison():
    s = "Hàng xuất khẩu địa phương ước đạt 9 triệu USD, đạt 5,8% kế hoạch, bằng cùng kỳ năm trước."
    assert rows(s) == [
        ("9 triệu USD", "Hàng xuất khẩu địa phương", "đạt 5,8% kế hoạch; bằng cùng kỳ năm trước"),
    ]


def test_budget_revenue_bang_so_voi_cung_ky():
    s = ("Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng 01 là 418,1 tỷ đồng, đạt 5,1% "
         "dự toán, bằng 37,6% so với cùng kỳ; trong đó: thu nội địa 165 tỷ đồng, đạt 7,5% dự toán, "
         "bằng 68,6%; thu từ hoạt động xuất nhập khẩu 253,1 tỷ đồng, đạt 4,2% dự toán, bằng 29,1%.")
    assert rows(s) == [
        ("418,1 tỷ đồng", "Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng 01",
         "đạt 5,1% dự toán; bằng 37,6% so với cùng kỳ"),
        ("165 tỷ đồng", "thu nội địa", "đạt 7,5% dự toán; bằng 68,6%"),
        ("253,1 tỷ đồng", "thu từ hoạt động xuất nhập khẩu", "đạt 4,2% dự toán; bằng 29,1%"),
    ]


def test_standalone_percentage_with_own_comparison():
    s = ("Tình hình sản xuất công nghiệp trong tháng 01/2023 nhìn chung ổn định, chỉ số sản xuất "
         "công nghiệp tăng 0,81% so với cùng kỳ.")
    [f] = extract_figures(s)
    assert (f.raw, f.kind, f.value, f.unit) == ("0,81%", "percent", pytest.approx(0.81), "%")
    assert f.metric == "chỉ số sản xuất công nghiệp"
    assert f.comparison == "tăng 0,81% so với cùng kỳ"


def test_metric_from_preceding_clause():
    s = ("Trong tháng, do nhu cầu của Nhân dân tăng cao để chuẩn bị cho Tết Nguyên đán, tổng mức lưu "
         "chuyển hàng hóa và dịch vụ tăng so với các tháng trước và cùng kỳ, ước đạt 2.187 tỷ đồng, "
         "đạt 8,13% kế hoạch, tăng 8,79% so với cùng kỳ.")
    assert rows(s) == [
        ("2.187 tỷ đồng", "tổng mức lưu chuyển hàng hóa và dịch vụ",
         "đạt 8,13% kế hoạch; tăng 8,79% so với cùng kỳ"),
    ]


def test_shares_and_standalone_rates():
    s = ("Kết quả điều tra, rà soát hộ nghèo, hộ cận nghèo tỉnh Lạng Sơn năm 2022, tổng số hộ nghèo "
         "toàn tỉnh là 17.497 hộ, chiếm tỷ lệ 8,92% (giảm 3,28% so với năm 2021); tổng số hộ cận "
         "nghèo là 20.320 hộ, chiếm 10,36%.")
    assert rows(s) == [
        ("17.497 hộ", "tổng số hộ nghèo toàn tỉnh", ""),
        ("8,92%", "tỷ lệ hộ nghèo toàn tỉnh", "giảm 3,28% so với năm 2021"),
        ("20.320 hộ", "tổng số hộ cận nghèo", ""),
        ("10,36%", "tỷ lệ hộ cận nghèo", ""),
    ]
    s2 = ("Trong tháng, xảy ra 15 vụ phạm pháp hình sự, đã tập trung điều tra, truy xét, làm rõ 23 vụ, "
          "30 đối tượng (09 vụ, 10 đối tượng xảy ra từ trước), tỷ lệ khám phá án đạt 93,33%, trọng án "
          "đạt 100%, bắt 05 đối tượng truy nã.")
    figs = {f.raw: f for f in extract_figures(s2)}
    assert figs["93,33%"].metric == "tỷ lệ khám phá án"
    assert figs["93,33%"].comparison == ""
    assert figs["100%"].metric == "trọng án"
    assert figs["15 vụ"].metric == "xảy ra" and figs["15 vụ"].counted == "phạm pháp hình sự"
    assert figs["30 đối tượng"].metric == "làm rõ"   # list continuation inherits the verb


def test_parenthesised_share_and_delta_comparisons():
    s = ("Từ 01/01/2023 đến ngày 19/01/2023, Trung tâm Phục vụ hành chính công đã tiếp nhận 8.259 hồ sơ, "
         "trong đó tiếp nhận trực tiếp 2.079 hồ sơ (chiếm 25,17%), trực tuyến 6.107 hồ sơ (chiếm 73,95%)")
    assert rows(s) == [
        ("8.259 hồ sơ", "Trung tâm Phục vụ hành chính công đã tiếp nhận", ""),
        ("2.079 hồ sơ", "tiếp nhận trực tiếp", ""),
        ("25,17%", "tỷ lệ tiếp nhận trực tiếp", ""),
        ("6.107 hồ sơ", "trực tuyến", ""),
        ("73,95%", "tỷ lệ trực tuyến", ""),
    ]
    s2 = ("Trong tháng xảy ra 04 vụ tai nạn giao thông (tăng 02 vụ so với cùng kỳ), làm chết 04 người "
          "(tăng 02 người), bị thương 01 người (tăng 01 người).")
    assert rows(s2) == [
        ("04 vụ", "xảy ra", "tăng 02 vụ so với cùng kỳ"),
        ("04 người", "làm chết", "tăng 02 người"),
        ("01 người", "bị thương", "tăng 01 người"),
    ]
    assert extract_figures(s2)[0].counted == "tai nạn giao thông"


def test_range_figure():
    s = ("Hiện nay, hoạt động thông quan hàng hóa xuất nhập khẩu trên địa bàn đang được thực hiện tại "
         "05 cửa khẩu³; trung bình đạt khoảng 1.000 - 1.200 xe/ngày, trong đó 75% hàng xuất khẩu là "
         "hoa quả, nông sản.")
    figs = extract_figures(s)
    assert [f.raw for f in figs] == ["05 cửa khẩu", "1.000 - 1.200 xe/ngày", "75%"]
    r = figs[1]
    assert (r.value_text, r.value, r.value_low, r.value_high) == ("1.000 - 1.200", None, 1000.0, 1200.0)
    assert (r.unit, r.base_unit, r.scaled) == ("xe/ngày", "xe/ngày", 1000.0)
    assert figs[0].metric == "hoạt động thông quan hàng hóa xuất nhập khẩu trên địa bàn đang được thực hiện"
    assert figs[2].metric == "hàng xuất khẩu"


def test_ratio_figures():
    s = ("Hoàn thành thẩm định, công nhận 08/10 xã đạt đạt chuẩn nông thôn mới và 03/05 xã đạt chuẩn "
         "nông thôn mới nâng cao, 121/121 công trình đầu tư xây dựng cơ sở hạ tầng kế hoạch năm 2022 "
         "đã cơ bản hoàn thành và đưa vào sử dụng.")
    figs = extract_figures(s)
    assert [(f.value_text, f.kind, f.value, f.numerator, f.denominator, f.unit) for f in figs] == [
        ("08/10", "ratio", None, 8.0, 10.0, "xã"),
        ("03/05", "ratio", None, 3.0, 5.0, "xã"),
        ("121/121", "ratio", None, 121.0, 121.0, "công trình"),
    ]
    assert figs[0].metric == "công nhận"
    assert figs[0].counted == "đạt đạt chuẩn nông thôn mới"
    assert figs[1].metric == "đạt chuẩn nông thôn mới nâng cao"
    # "24/24 giờ" (around the clock) is an idiom, not a figure
    assert extract_figures("chỉ đạo các cơ sở khám, chữa bệnh xây dựng kế hoạch bảo đảm trực cấp cứu 24/24 giờ.") == []


def test_tourism_and_counted_phrase():
    s = ("Trong tháng thu hút khoảng 250,95 nghìn lượt khách du lịch, trong đó: khách quốc tế 1,51 nghìn "
         "lượt, khách nội địa 249,44 nghìn lượt; doanh thu ước đạt 176 tỷ đồng.")
    figs = extract_figures(s)
    assert [(f.raw, f.metric, f.counted) for f in figs] == [
        ("250,95 nghìn lượt", "thu hút", "khách du lịch"),
        ("1,51 nghìn lượt", "khách quốc tế", ""),
        ("249,44 nghìn lượt", "khách nội địa", ""),
        ("176 tỷ đồng", "doanh thu", ""),
    ]
    assert figs[0].label == "thu hút – khách du lịch"
    assert figs[1].scaled == pytest.approx(1510)


def test_footnote_1_colon_list():
    s = "¹ Trong đó: 2.128 ha rau, 548 ha khoai tây, 133 ha thạch đen, 173 ha ngô đông, 390 ha ớt, 156 ha thuốc lá."
    assert [(f.raw, f.metric) for f in extract_figures(s)] == [
        ("2.128 ha", "rau"), ("548 ha", "khoai tây"), ("133 ha", "thạch đen"),
        ("173 ha", "ngô đông"), ("390 ha", "ớt"), ("156 ha", "thuốc lá"),
    ]


def test_skips_dates_docnums_years_sections_and_names():
    assert extract_figures(
        "ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về nhiệm vụ, giải pháp chủ yếu năm 2023.") == []
    assert extract_figures("1.4. Sản xuất công nghiệp; thương mại, dịch vụ và du lịch") == []
    assert extract_figures(
        "Tiếp tục tổ chức thăm định hồ sơ thành lập đối với 06 cụm công nghiệp trên địa bàn tỉnh: "
        "Đình Lập, Hồ Sơn 1, Đông Nam Đông Mỏ, Na Dương 1; Na Dương 3; Hòa Sơn 1.")[0].raw == "06 cụm"
    assert len(extract_figures(
        "Tiếp tục tổ chức thăm định hồ sơ thành lập đối với 06 cụm công nghiệp trên địa bàn tỉnh: "
        "Đình Lập, Hồ Sơn 1, Đông Nam Đông Mỏ, Na Dương 1; Na Dương 3; Hòa Sơn 1.")) == 1
    assert extract_figures(
        "hoạch cuộc thi Sáng tạo dành cho thanh thiếu niên nhi đồng tỉnh Lạng Sơn lần thứ 15 (năm 2023).") == []
    assert [f.raw for f in extract_figures(
        "ký hợp đồng thực hiện nhiệm vụ đợt 1 năm 2023 đối với 05 đề tài, dự án được thẩm định, lựa chọn.")] == ["05 đề tài"]


def test_seizures_list_inherits_metric():
    s = "Phát hiện, bắt 58 vụ, 96 đối tượng (tăng 39 vụ so với tháng trước), thu giữ 427,9 gam Heroine, 75,79 gam và 916 viên ma túy tổng hợp."
    assert [(f.raw, f.metric, f.counted, f.comparison) for f in extract_figures(s)] == [
        ("58 vụ", "bắt", "", ""),
        ("96 đối tượng", "bắt", "", "tăng 39 vụ so với tháng trước"),
        ("427,9 gam", "thu giữ", "Heroine", ""),
        ("75,79 gam", "thu giữ", "", ""),
        ("916 viên", "ma túy tổng hợp", "ma túy tổng hợp", ""),
    ]


def test_nfd_sentence():
    s = unicodedata.normalize("NFD", "đàn bò 28.100 con, giảm 2,25%")
    [f] = extract_figures(s)
    assert (f.raw, f.metric, f.comparison, f.value) == ("28.100 con", "đàn bò", "giảm 2,25%", 28100.0)
    assert f.sentence == unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# sentence splitting and whole-text extraction
# --------------------------------------------------------------------------

def test_split_sentences_rules():
    text = ("Hoạt động vận tải hành khách ổn định; lượng luân chuyển hành khách đạt 22 triệu HK.Km, "
            "luân chuyển hàng hóa đạt 57 triệu tấn.Km. Dịch vụ bưu chính tiếp tục được cải thiện. "
            "Tại TP. Lạng Sơn có 1.226,1 tỷ đồng. 2023 là năm bản lề.\n"
            "1.4. Sản xuất công nghiệp; thương mại\n"
            "Tình hình ổn định.")
    assert split_sentences(text) == [
        "Hoạt động vận tải hành khách ổn định; lượng luân chuyển hành khách đạt 22 triệu HK.Km, "
        "luân chuyển hàng hóa đạt 57 triệu tấn.Km.",
        "Dịch vụ bưu chính tiếp tục được cải thiện.",
        "Tại TP. Lạng Sơn có 1.226,1 tỷ đồng.",
        "2023 là năm bản lề.",
        "1.4. Sản xuất công nghiệp; thương mại",
        "Tình hình ổn định.",
    ]


def test_split_joins_wrapped_lines():
    text = "Tổng đàn trâu khoảng 67.800 con,\ntăng 7,65% so với cùng kỳ. Đàn bò 28.100 con."
    assert split_sentences(text) == [
        "Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ.",
        "Đàn bò 28.100 con.",
    ]


def test_figure_asdict_is_flat():
    from dataclasses import asdict
    d = asdict(extract_figures("đàn bò 28.100 con, giảm 2,25%")[0])
    assert all(isinstance(v, (str, int, float)) or v is None for v in d.values())
    assert d["comparison"] == "giảm 2,25%" and d["base_unit"] == "con"


def test_extract_from_whole_report():
    figs = extract_figures_from_text(REPORT.read_text(encoding="utf-8"))
    assert all(isinstance(f, Figure) for f in figs)
    by_raw = {}
    for f in figs:
        by_raw.setdefault(f.raw, f)
    assert by_raw["250 triệu USD"].comparison == "đạt 6,6% kế hoạch; tăng 108,3% so với cùng kỳ"
    assert by_raw["4.490 nghìn con"].metric == "đàn gia cầm"
    assert by_raw["3.666 ha"].metric == "tổng diện tích gieo trồng"
    assert by_raw["95.294 lượt con"].metric == "thực hiện tiêm phòng"
    assert by_raw["60,5 TrKw/h"].metric == "Điện sản xuất"
    # no date, docnum, year or section number leaks into the table
    raws = {f.raw for f in figs}
    for bad in ["19/01/2023", "79/QĐ-UBND", "2023", "01/2023", "1.1.", "602/BGTVT-KHĐT", "24/24 giờ"]:
        assert bad not in raws
    # comparison percentages are attached, never listed as their own figures
    assert "108,3%" not in raws and "6,6%" not in raws and "2,25%" not in raws
    assert {"93,33%", "8,92%", "0,81%"} <= raws


# --------------------------------------------------------------------------
# issue 14: values as printed, labels at phrase boundaries, only quantities
# --------------------------------------------------------------------------

def _by_text(sentence: str) -> dict[str, Figure]:
    return {f.value_text: f for f in extract_figures(sentence)}


def test_ratio_keeps_both_terms_as_printed():
    s = ("Trong tháng, toàn tỉnh đã tổ chức triển khai thực hiện và kết thúc 15/55 cuộc thanh tra, kiểm tra, "
         "phát hiện sai phạm về kinh tế 467,245 triệu đồng.")
    f = _by_text(s)["15/55"]
    assert (f.value, f.numerator, f.denominator, f.unit, f.kind) == (None, 15.0, 55.0, "cuộc", "ratio")
    money = _by_text(s)["467,245 triệu"]
    assert (money.unit, money.value) == ("đồng", 467_245_000.0)   # not 467.245


def test_range_keeps_low_and_high_as_printed():
    s = "trung bình đạt khoảng 1.000 - 1.200 xe/ngày, trong đó 75% hàng xuất khẩu là hoa quả."
    f = _by_text(s)["1.000 - 1.200"]
    assert (f.value, f.value_low, f.value_high, f.unit) == (None, 1000.0, 1200.0, "xe/ngày")
    g = _by_text("Giá lúa tươi tại ruộng dao động từ 7.800 đến 8.400 đồng/kg.")["7.800 đến 8.400"]
    assert (g.value_low, g.value_high, g.unit, g.metric) == (7800.0, 8400.0, "đồng/kg", "Giá lúa tươi tại ruộng")


def test_bounds_stay_in_value_text():
    f = _by_text("Tỷ lệ hộ sử dụng nước sạch đạt trên 40%.")["trên 40%"]
    assert (f.value, f.unit, f.qualifier, f.metric) == (40.0, "%", "trên", "Tỷ lệ hộ sử dụng nước sạch")
    g = _by_text("Trong tháng đón gần 2 nghìn lượt khách quốc tế.")["gần 2 nghìn"]
    assert (g.value, g.unit) == (2000.0, "lượt")
    h = _by_text("Tỉnh có diện tích tự nhiên hơn 21.576 km², dân số khoảng 3,58 triệu người.")
    assert h["hơn 21.576"].metric == "diện tích tự nhiên"
    assert h["3,58 triệu"].value == 3_580_000.0      # "khoảng" softens, it does not bound
    assert s_raw(h["hơn 21.576"]) == "hơn 21.576 km²"


def s_raw(f: Figure) -> str:
    return f.sentence[f.start:f.end]


def test_label_runs_over_the_comma_of_a_list_item():
    s = ("Tổng chi ngân sách địa phương ước thực hiện 777,91 tỷ đồng, đạt 5,7% dự toán, trong đó: Chi cân đối "
         "ngân sách địa phương 725,91 tỷ đồng, đạt 7,2% dự toán, bằng 103,5%; chi chương trình mục tiêu quốc "
         "gia, chương trình mục tiêu và các nhiệm vụ khác 52 tỷ đồng, đạt 1,5% dự toán, bằng 81%.")
    assert _by_text(s)["52 tỷ"].metric == ("chi chương trình mục tiêu quốc gia, chương trình mục tiêu và các "
                                           "nhiệm vụ khác")
    assert _by_text("Ở chiều ngược lại, sản xuất kim loại giảm 12,4%; sản xuất giường, tủ, bàn, ghế giảm 9,2%."
                    )["9,2%"].metric == "sản xuất giường, tủ, bàn, ghế"
    # a comma list that ends at an earlier figure is that figure's, not the next label's
    assert _by_text("kết thúc 15/55 cuộc thanh tra, kiểm tra, phát hiện sai phạm về kinh tế 467,245 triệu đồng."
                    )["467,245 triệu"].metric == "phát hiện sai phạm về kinh tế"
    assert _by_text("Trong mức tăng 9 tháng, khu vực nông, lâm nghiệp và thủy sản tăng 4,08%.")["4,08%"].metric == \
        "khu vực nông, lâm nghiệp và thủy sản"


def test_label_is_the_amount_after_voi():
    s = ("các tổ chức thanh tra chuyên ngành đã xử phạt vi phạm hành chính trên các lĩnh vực đối với 37 tổ chức, "
         "cá nhân với số tiền nộp ngân sách nhà nước là 61,5 triệu đồng.")
    assert _by_text(s)["61,5 triệu"].metric == "số tiền nộp ngân sách nhà nước"


def test_parenthesised_abbreviation_stays_in_the_label():
    f = _by_text("- Chỉ số sản xuất công nghiệp (IIP) quý I tăng 7,9% so với cùng kỳ.")["7,9%"]
    assert f.metric == "Chỉ số sản xuất công nghiệp (IIP) quý I"


def test_cumulative_figure_names_its_indicator():
    s = ("Sản lượng thịt hơi các loại xuất chuồng trong tháng ước đạt 27,9 nghìn tấn, tăng 3,8%; tính chung "
         "10 tháng đạt 276,4 nghìn tấn, tăng 4,2% so với cùng kỳ.")
    assert _by_text(s)["276,4 nghìn"].metric == "Sản lượng thịt hơi các loại xuất chuồng tính chung 10 tháng"


def test_durations_levels_and_per_unit_are_not_figures():
    assert extract_figures("Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 – 2025.") == []
    assert extract_figures("tổ chức Hội nghị trực tuyến 3 cấp triển khai các mục tiêu, nhiệm vụ.") == []
    assert extract_figures("Tổ chức Hội nghị sơ kết 01 năm triển khai thực hiện Đề án 06.") == []
    assert extract_figures("Tính chung 9 tháng, tình hình ổn định.") == []
    figs = extract_figures("Giá trị sản phẩm thu được trên 1 ha đất trồng trọt bình quân đạt 98,7 triệu đồng.")
    assert [f.value_text for f in figs] == ["98,7 triệu"]


def test_numbers_without_unit_or_counted_noun_are_not_figures():
    assert extract_figures("Điểm 3 của kế hoạch, mục 12.") == []


def _label_ok(got: str, want) -> bool:
    wants = want if isinstance(want, tuple) else (want,)
    return any(got.strip().lower() == w.strip().lower() for w in wants)


def gold_scores():
    from figures_gold import GOLD
    tp = fp = fn = good_labels = 0
    misses, extras, wrong_labels = [], [], []
    for src, sentence, expected in GOLD:
        got = [(f.value_text, f.unit, f.label) for f in extract_figures(sentence)]
        unmatched = list(got)
        for vt, unit, metric in expected:
            hit = next((g for g in unmatched if g[0] == vt and g[1] == unit), None)
            if hit is None:
                fn += 1
                misses.append((src, vt, unit))
                continue
            unmatched.remove(hit)
            tp += 1
            if _label_ok(hit[2], metric):
                good_labels += 1
            else:
                wrong_labels.append((src, vt, hit[2], metric))
        fp += len(unmatched)
        extras.extend((src, g) for g in unmatched)
    return tp, fp, fn, good_labels, misses, extras, wrong_labels


def test_gold_rows_precision_recall_and_labels():
    """Extraction measured on 67 hand-checked rows over the sample and six zoo reports.

    At this commit: precision 67/68 = 0.985 (the one extra: "cao hơn vụ trước 1,4 tạ/ha", a
    comparison), recall 67/67 = 1.0 (value_text and unit both right), labels right on 60 of the
    67 extracted (0.90; the misses are verb-led clauses such as "Các cơ quan hành chính trong
    tỉnh tiếp – công dân").
    """
    from figures_gold import GOLD
    assert sum(len(e) for _, _, e in GOLD) >= 60
    tp, fp, fn, good, misses, extras, wrong = gold_scores()
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.97, extras
    assert recall >= 0.97, misses
    assert good / tp >= 0.8, wrong
